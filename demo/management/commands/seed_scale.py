import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.scale import Sizes, is_loaded, seed_scale
from demo.seed import seed_demo
from partners.models import User


class Command(BaseCommand):
    help = (
        "Load a partnership FACTOR times a realistic one (factor 10: about 1,000 organizations, "
        "6,000 action items, 50,000 progress updates, 100,000 consultation responses) on top "
        "of the demo data, loading the demo first if needed (only with DEBUG on)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=1.0, help="Size; may be fractional.")

    def handle(self, *args, factor, **options):
        if not settings.DEBUG:
            raise CommandError("seed_scale loads demo data: it runs only with DEBUG on.")
        if factor <= 0:
            raise CommandError("The factor must be positive.")
        if is_loaded():
            self.stdout.write("Data at scale is already loaded; nothing to do.")
            return
        started = time.monotonic()
        if not User.objects.filter(email="staff@demo.lip").exists():
            self.stdout.write("Loading the demo first.")
            seed_demo()
        self.stdout.write(f"Loading factor {factor:g}: {Sizes.for_factor(factor)}")
        seed_scale(factor=factor, stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(f"Data at scale is ready ({time.monotonic() - started:.0f} s).")
        )
