from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.catalogue_style import fix_typography, style_errors
from core.catalogues import catalogue_errors


class Command(BaseCommand):
    help = (
        "Compile every language's .po files (locale/<code>/LC_MESSAGES/) into .mo files when "
        "they changed, refusing a catalogue that GNU msgfmt --check would refuse. Pure Python, "
        "so it needs no GNU gettext on the machine (Django's compilemessages does)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Compile even when up to date.")
        parser.add_argument(
            "--check",
            action="store_true",
            help=(
                "Check every catalogue and compile nothing (make lint); French catalogues must "
                "also follow French typography and their glossary (core/catalogue_style.py)."
            ),
        )
        parser.add_argument(
            "--fix-typography",
            action="store_true",
            help="Put the right no-break spaces into every French catalogue's translations.",
        )

    def handle(self, *args, **options):
        catalogues = [
            po_path
            for locale_path in settings.LOCALE_PATHS
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po"))
        ]
        if options["fix_typography"]:
            for po_path in catalogues:
                if _is_french(po_path):
                    changed = fix_typography(po_path)
                    self.stdout.write(f"{po_path}: {changed} translations retyped")
            return
        if not options["check"] and not options["force"]:
            catalogues = [path for path in catalogues if not _up_to_date(path)]
        errors = [error for path in catalogues for error in catalogue_errors(path)]
        if options["check"] and not errors:
            errors = [
                error for path in catalogues if _is_french(path) for error in style_errors(path)
            ]
        if errors:
            raise CommandError(
                "Invalid translation catalogue; fix the .po file (README, Translations; "
                "--fix-typography puts the no-break spaces in):\n" + "\n".join(errors)
            )
        if options["check"]:
            self.stdout.write(
                f"{len(catalogues)} translation catalogues are valid; French follows its "
                "typography and glossary."
            )
            return
        for po_path in catalogues:
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            shown = po_path.relative_to(settings.BASE_DIR, walk_up=True)
            self.stdout.write(f"compiled {shown}")
        if not catalogues:
            self.stdout.write("Translations are up to date.")


def _up_to_date(po_path):
    mo_path = po_path.with_suffix(".mo")
    return mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime


def _is_french(po_path):
    return po_path.parent.parent.name.split("_")[0] == "fr"
