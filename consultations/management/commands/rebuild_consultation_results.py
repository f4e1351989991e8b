from django.core.management.base import BaseCommand

from consultations.services import consultation_results_rebuild_all


class Command(BaseCommand):
    help = (
        "Compute again the stored public results of every closed or published consultation "
        "(after responses were loaded in bulk, round the services)."
    )

    def handle(self, *args, **options):
        count = consultation_results_rebuild_all()
        self.stdout.write(f"Stored the results of {count} consultation(s).")
