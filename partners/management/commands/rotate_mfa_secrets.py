from django.core.management.base import BaseCommand

from partners.services import authenticator_secrets_rotate


class Command(BaseCommand):
    help = (
        "Re-encrypt every second-factor secret under MFA_SECRET_KEY, after a rotation: the "
        "old key can then be removed from MFA_SECRET_KEY_FALLBACKS."
    )

    def handle(self, *args, **options):
        count = authenticator_secrets_rotate()
        self.stdout.write(f"{count} second factors re-encrypted under MFA_SECRET_KEY.")
