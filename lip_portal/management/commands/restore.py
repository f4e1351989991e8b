import shutil
import sys
import tempfile

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from lip_portal.backup import BackupError, backup_restore, describe_database


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup`: it replaces the whole configured "
        "database and everything in MEDIA_ROOT, then applies any newer migrations."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz archive, or - for standard input")
        parser.add_argument(
            "--yes", action="store_true", help="restore without asking for confirmation"
        )

    def handle(self, *args, archive, yes, **options):
        if archive == "-":
            if not yes:
                raise CommandError(
                    "The archive comes from standard input, so there is no way to ask: "
                    "add --yes to restore it."
                )
            with tempfile.NamedTemporaryFile(prefix="lip-restore-", suffix=".tar.gz") as copy:
                shutil.copyfileobj(sys.stdin.buffer, copy)
                copy.flush()
                return self.restore(copy.name, confirm=lambda manifest: True)
        return self.restore(archive, confirm=(lambda manifest: True) if yes else self.ask)

    def restore(self, path, *, confirm):
        try:
            restored = backup_restore(path, confirm=confirm)
        except BackupError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(f"The database did not answer: {error}".strip()) from None
        if restored is None:
            self.stdout.write("Nothing was restored.")
            return
        manifest = restored["manifest"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']} (portal "
                f"{manifest['portal_version']}): {describe_database()} and "
                f"{manifest['media_files']} media files in {settings.MEDIA_ROOT}."
            )
        )
        if restored["migrations_applied"]:
            self.stdout.write(
                f"Migrations newer than the backup, applied: {restored['migrations_applied']}."
            )

    def ask(self, manifest):
        self.stdout.write(
            f"This replaces everything in {describe_database()} and every file in "
            f"{settings.MEDIA_ROOT} with the backup made at {manifest['created_at']} "
            f"(portal {manifest['portal_version']}, {manifest['media_files']} media files)."
        )
        try:
            answer = input("Type 'yes' to restore it, anything else to stop: ")
        except EOFError:
            answer = ""
        return answer.strip().lower() == "yes"
