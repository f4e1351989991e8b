"""What /healthz says: whether the database and Redis answer, and what that means for the portal.

The database is the one service nothing works without: when it does not answer the portal is
"down" (503, so a load balancer takes the node out). Redis down is "degraded", not down (200):
pages, forms and sign-in keep working and storing their data (the cache falls back on the
database, core/cache.py); only anonymous pages go uncached and queued tasks wait.
"""

import redis
from django.conf import settings
from django.db import DatabaseError, connection


def database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "down"
    return "ok"


def redis_status():
    if not settings.REDIS_URL:
        return "not configured"
    timeout = settings.REDIS_TIMEOUT_SECONDS
    try:
        with redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=timeout, socket_timeout=timeout
        ) as client:
            client.ping()
    except redis.RedisError:
        return "down"
    return "ok"


def portal_health():
    """The portal's status ("ok", "degraded" or "down") and each service's ("ok", "down",
    "not configured")."""
    checks = {"database": database_status(), "redis": redis_status()}
    if checks["database"] != "ok":
        return "down", checks
    if checks["redis"] == "down":
        return "degraded", checks
    return "ok", checks
