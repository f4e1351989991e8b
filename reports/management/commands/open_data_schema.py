"""Print, check or write the snapshot of the open data's schemas for the current version."""

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from reports import datapackage


def snapshot_text() -> str:
    return json.dumps(datapackage.schema_structure(), ensure_ascii=False, indent=1) + "\n"


class Command(BaseCommand):
    help = (
        "Check the open data's schemas against the snapshot of the current version "
        "(reports/schemas/datapackage-<major>.json), or write it with --write."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--write", action="store_true", help="Write the snapshot of the current version."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = datapackage.snapshot_path()
        text = snapshot_text()
        if options["write"]:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            self.stdout.write(f"Wrote {path}.")
            return
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            raise CommandError(
                f"The schemas differ from {path}: bump SCHEMA_VERSION in reports/datapackage.py "
                "(the major version for a change that is not additive) and write its snapshot "
                "with --write."
            )
        self.stdout.write(
            f"The schemas match the snapshot of version {datapackage.SCHEMA_VERSION}."
        )
