from django.core.management.base import BaseCommand

from search import services
from search.models import Kind


class Command(BaseCommand):
    help = (
        "Build the site search index again from the public records (after a bulk load or a "
        "restore; writes through the services keep it current by themselves)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--kind", action="append", choices=Kind.values, help="Only this kind (repeatable)."
        )

    def handle(self, *args, **options):
        counts = services.search_reindex(kinds=options["kind"])
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} entries")
        self.stdout.write(self.style.SUCCESS(f"Search index: {sum(counts.values())} entries."))
