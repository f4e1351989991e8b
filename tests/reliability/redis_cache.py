"""The portal's cache on a throwaway redis-server of the test's own (tests/redis_server.py), so a
test can stop Redis under the portal and start it again."""

import contextlib
import time

from core import page_cache
from tests.redis_server import RedisServer

TIMEOUT_SECONDS = 0.5
RETRY_AFTER_SECONDS = 0.2


@contextlib.contextmanager
def redis_cache_of_its_own(settings, *, appendonly=True):
    """Start a redis-server and point CACHES (and /healthz) at it; yield the server. Append-only
    by default, so what Redis held survives a stop and start, as in docker-compose.yml."""
    server = RedisServer(appendonly=appendonly).start()
    settings.REDIS_URL = server.url
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisWithFallbackCache",
            "LOCATION": server.url,
            "KEY_PREFIX": "test",
            "OPTIONS": {
                "socket_connect_timeout": TIMEOUT_SECONDS,
                "socket_timeout": TIMEOUT_SECONDS,
                "RETRY_AFTER_SECONDS": RETRY_AFTER_SECONDS,
            },
        },
        "database": settings.DATABASE_CACHE,
    }
    try:
        yield server
    finally:
        server.cleanup()
        # The page cache's memory of a failure would keep the next test's pages uncached.
        page_cache._cache_down_until = 0.0
        page_cache._bump_owed = False


def wait_for_retry():
    """Let the cache's circuit breaker try Redis again, and end the page cache's pause after a
    failure (5 s) at once."""
    time.sleep(RETRY_AFTER_SECONDS + 0.05)
    page_cache._cache_down_until = 0.0
