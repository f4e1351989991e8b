"""The cache when Redis is configured: Redis, and the database cache while Redis fails.

Redis is a cache here, never the only copy of anything, but what sits in the cache still
matters: allauth keeps its sign-in rate limits there. Django's RedisCache raises when Redis is
down (sign-in answers 500); django-redis's IGNORE_EXCEPTIONS answers "nothing stored", which
would stop every rate limit from counting. This backend does each operation on Redis and, when
Redis fails (refused, timed out, out of memory), logs a warning and does it on the database cache
instead (`CACHES["database"]`, the `lip_portal_cache` table that `migrate` creates). The limits
then count in the database until Redis answers again.

A small circuit breaker, shared by the threads of a process, keeps a down or hanging Redis from
costing a timeout on every call: after a failure, calls go straight to the database for
RETRY_AFTER_SECONDS, then one goes to Redis again.

The two are not merged: when Redis answers again, what was counted in the database meanwhile is
left behind, so a rate limit can start over once per outage.

The page cache must not use the fallback (a page or a generation kept in the database would be
invisible once Redis answers again, and Redis still holds the pages from before): it uses
`without_fallback`, which raises RedisUnavailable instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class RedisUnavailable(Exception):
    """Redis failed just now, or did a moment ago and is not tried again yet."""


class CircuitBreaker:
    """After a failure, says "do not try" for `retry_after` seconds; then lets a call through.

    One per Redis location and process (module level), so every thread's cache instance shares
    it. Plain attribute writes: a race between threads costs at most one extra attempt."""

    def __init__(self, *, retry_after: float) -> None:
        self.retry_after = retry_after
        self.retry_at = 0.0
        self.failing = False

    def allows_a_call(self) -> bool:
        return time.monotonic() >= self.retry_at

    def record_failure(self, location: str, error: Exception) -> None:
        self.retry_at = time.monotonic() + self.retry_after
        self.failing = True
        logger.warning(
            "Redis cache at %s failed (%s): using the database cache, trying Redis again in %s s.",
            location,
            error,
            self.retry_after,
        )

    def record_success(self, location: str) -> None:
        if self.failing:
            self.failing = False
            logger.warning("Redis cache at %s answers again.", location)


_breakers: dict[str, CircuitBreaker] = {}


class RedisWithFallbackCache(RedisCache):
    """Django's RedisCache, falling back to another configured cache when Redis fails.

    OPTIONS, besides redis-py's: FALLBACK, the alias of the cache to fall back on (default
    "database"); RETRY_AFTER_SECONDS, how long after a failure Redis is left alone (default 5).
    """

    _servers: list[str]  # set by RedisCache, not in its stubs

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        options = dict(params.get("OPTIONS", {}))
        self._fallback_alias = options.pop("FALLBACK", "database")
        retry_after = float(options.pop("RETRY_AFTER_SECONDS", 5))
        super().__init__(server, {**params, "OPTIONS": options})
        self._location = ",".join(self._servers)
        self._breaker = _breakers.setdefault(
            self._location, CircuitBreaker(retry_after=retry_after)
        )

    @property
    def without_fallback(self) -> _RedisOnly:
        """This cache on Redis alone: RedisUnavailable instead of the fallback."""
        return _RedisOnly(self)

    def _redis(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if not self._breaker.allows_a_call():
            raise RedisUnavailable(f"Redis at {self._location} failed a moment ago")
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except RedisError as error:
            self._breaker.record_failure(self._location, error)
            raise RedisUnavailable(str(error)) from error
        self._breaker.record_success(self._location)
        return result

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._redis(name, *args, **kwargs)
        except RedisUnavailable:
            return getattr(caches[self._fallback_alias], name)(*args, **kwargs)

    # Every operation RedisCache implements; BaseCache builds the rest (get_or_set, decr,
    # the async ones...) on these.

    def add(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key: Any, default: Any | None = None, version: int | None = None) -> Any:
        return self._call("get", key, default=default, version=version)

    def set(
        self,
        key: Any,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(
        self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._call("delete", key, version=version)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._call("get_many", keys, version=version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._call("has_key", key, version=version)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self._call("incr", key, delta=delta, version=version)

    def set_many(
        self,
        data: dict[Any, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[Any]:
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        return self._call("delete_many", keys, version=version)

    def clear(self) -> None:
        return self._call("clear")


class _RedisOnly:
    """The same operations on Redis alone (through the same circuit breaker)."""

    OPERATIONS = frozenset(
        {"add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "set_many"}
        | {"delete_many", "clear"}
    )

    def __init__(self, backend: RedisWithFallbackCache) -> None:
        self._backend = backend

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name not in self.OPERATIONS:
            raise AttributeError(name)

        def operation(*args: Any, **kwargs: Any) -> Any:
            return self._backend._redis(name, *args, **kwargs)

        return operation
