"""The portal's settings (same middleware, same environment) with a urlconf of one bare view."""

from lip_portal.settings import *  # noqa: F403
from lip_portal.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.baseline_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
