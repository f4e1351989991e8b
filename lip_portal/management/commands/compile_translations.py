from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile the portal's .po files into .mo files when they changed. Pure Python, so it "
        "needs no GNU gettext on the machine (Django's compilemessages does)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile even when up to date.")

    def handle(self, *args, **options):
        compiled = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if (
                    not options["force"]
                    and mo_path.exists()
                    and mo_path.stat().st_mtime >= po_path.stat().st_mtime
                ):
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
        if not compiled:
            self.stdout.write("Translations are up to date.")
