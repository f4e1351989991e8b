"""The portal's settings (same middleware, same environment) with a urlconf of one bare view.

The page cache is left out: the bare view is the cost of rendering a page of that size through
Django's usual middleware, every request, which is what the portal's pages are measured against.
"""

from lip_portal.settings import *  # noqa: F403
from lip_portal.settings import BASE_DIR, MIDDLEWARE, TEMPLATES

ROOT_URLCONF = "bench.baseline_urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
MIDDLEWARE = [name for name in MIDDLEWARE if name != "core.page_cache.PageCacheMiddleware"]
