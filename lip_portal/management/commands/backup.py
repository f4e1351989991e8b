import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from django.template.defaultfilters import filesizeformat

from lip_portal.backup import (
    ENGINE_NAMES,
    BackupError,
    backup_create,
    backup_write,
    default_archive_name,
)


class Command(BaseCommand):
    help = (
        "Back up the database and the media folder (report PDFs) into one .tar.gz archive, "
        "which `manage.py restore` puts back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help=(
                "where to write the archive: a file, a folder (the archive is named after the "
                "date and time), or - for standard output. Default: the folder backups/."
            ),
        )

    def handle(self, *args, **options):
        output = options["output"]
        try:
            if output == "-":
                if sys.stdout.isatty():
                    raise CommandError(
                        "Standard output is a terminal: send the archive to a file "
                        "(manage.py backup --output - > backup.tar.gz)."
                    )
                # The archive goes to standard output, so what is said goes to the other one.
                self.stdout = self.stderr
                manifest = backup_write(sys.stdout.buffer)
                sys.stdout.buffer.flush()
                where = "standard output"
            else:
                path = Path(output) if output else Path(settings.BASE_DIR) / "backups"
                if path.is_dir() or not output or output.endswith("/"):
                    path = path / default_archive_name()
                manifest = backup_create(path)
                where = f"{path} ({filesizeformat(path.stat().st_size)})"
        except BackupError as error:
            raise CommandError(str(error)) from None
        except DatabaseError as error:
            raise CommandError(f"The database did not answer: {error}".strip()) from None
        self.stdout.write(
            f"Backed up the {ENGINE_NAMES[manifest['database_engine']]} database and "
            f"{manifest['media_files']} media files "
            f"({filesizeformat(manifest['media_bytes'])}) to {where}."
        )
