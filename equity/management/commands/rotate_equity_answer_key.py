from django.core.management.base import BaseCommand

from equity.services import answer_keys_rotate


class Command(BaseCommand):
    help = (
        "Move the equity answers kept under a key in EQUITY_ANSWER_KEY_FALLBACKS to the current "
        "EQUITY_ANSWER_KEY, after which the fallbacks can be removed."
    )

    def handle(self, *args, **options):
        moved = answer_keys_rotate()
        self.stdout.write(
            f"Answers found under an old key and moved to the current EQUITY_ANSWER_KEY: "
            f"{moved}. EQUITY_ANSWER_KEY_FALLBACKS can now be emptied."
        )
