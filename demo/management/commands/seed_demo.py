from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.seed import (
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    DEMO_TOTP_ACCOUNTS,
    DEMO_TOTP_SECRET,
    seed_demo,
)


class Command(BaseCommand):
    help = "Load the demo partnership and its sign-in accounts (only with DEBUG on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_demo creates accounts with a published password: it runs only with DEBUG on."
            )
        seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in with:"))
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account['email']:<20} ({account['role']})")
        self.stdout.write(f"  password: {DEMO_PASSWORD}")
        self.stdout.write(
            f"  second factor for {', '.join(DEMO_TOTP_ACCOUNTS)}: authenticator secret "
            f"{DEMO_TOTP_SECRET} (print the current code with: python manage.py demo_totp)"
        )
