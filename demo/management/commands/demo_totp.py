import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import DEMO_TOTP_ACCOUNTS, DEMO_TOTP_SECRET


def demo_totp_code(at=None):
    """The demo accounts' current authenticator code (what a phone app would show)."""
    counter = int(at if at is not None else time.time()) // app_settings.TOTP_PERIOD
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter))


class Command(BaseCommand):
    help = "Print the current second-factor code of the demo accounts (only with DEBUG on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("demo_totp is for the demo: it runs only with DEBUG on.")
        left = app_settings.TOTP_PERIOD - int(time.time()) % app_settings.TOTP_PERIOD
        self.stdout.write(f"{demo_totp_code()}  (valid for {left} more seconds)")
        self.stdout.write(f"  for {', '.join(DEMO_TOTP_ACCOUNTS)}; secret {DEMO_TOTP_SECRET}")
