"""The cache with Redis configured (core/cache.py): Redis while it answers, the database
cache while it does not, and never an exception for Redis's sake."""

import logging
import signal
import time

import pytest
import redis
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCacheClient

from core.cache import RedisUnavailable
from tests.reliability.redis_cache import (
    RETRY_AFTER_SECONDS,
    TIMEOUT_SECONDS,
    wait_for_retry,
)

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def redis_calls(monkeypatch):
    """How many times the cache asked Redis for a connection (one per operation)."""
    calls = []
    get_client = RedisCacheClient.get_client

    def counting(self, *args, **kwargs):
        calls.append(1)
        return get_client(self, *args, **kwargs)

    monkeypatch.setattr(RedisCacheClient, "get_client", counting)
    return calls


def raw(server):
    return redis.Redis.from_url(server.url)


def test_values_live_in_redis_while_it_answers(redis_server):
    cache.set("greeting", "bonjour", timeout=60)

    assert cache.get("greeting") == "bonjour"
    assert raw(redis_server).keys("*greeting*")
    assert caches["database"].get("greeting") is None


def test_a_value_set_while_redis_is_down_is_read_back_from_the_database(redis_server):
    redis_server.stop()

    cache.set("greeting", "bonjour", timeout=60)

    assert cache.get("greeting") == "bonjour"
    assert caches["database"].get("greeting") == "bonjour"


def test_a_redis_failure_is_logged_as_a_warning(redis_server, caplog):
    redis_server.stop()

    with caplog.at_level(logging.WARNING, logger="core.cache"):
        cache.get("greeting")

    assert "using the database cache" in caplog.text


def test_a_down_redis_is_tried_once_per_retry_delay_not_once_per_call(redis_server, redis_calls):
    cache.get("warm-up")
    redis_server.stop()
    redis_calls.clear()

    for n in range(20):
        cache.add(f"key-{n}", n, timeout=60)
    tried_meanwhile = len(redis_calls)
    wait_for_retry()
    cache.get("key-1")

    assert tried_meanwhile == 1
    assert len(redis_calls) == 2


def test_a_hanging_redis_costs_one_timeout_per_retry_delay(redis_server):
    cache.set("greeting", "bonjour", timeout=60)
    redis_server.process.send_signal(signal.SIGSTOP)
    try:
        started = time.monotonic()
        for _ in range(10):
            cache.set("greeting", "hello", timeout=60)
            cache.get("greeting")
        elapsed = time.monotonic() - started
    finally:
        redis_server.process.send_signal(signal.SIGCONT)

    assert elapsed < TIMEOUT_SECONDS + RETRY_AFTER_SECONDS
    assert cache.get("greeting") == "hello"


def test_once_redis_answers_again_values_go_back_to_it(redis_server):
    redis_server.stop()
    cache.set("greeting", "during the outage", timeout=60)
    redis_server.start()
    wait_for_retry()

    cache.set("greeting", "after the outage", timeout=60)

    assert raw(redis_server).keys("*greeting*")
    assert cache.get("greeting") == "after the outage"


def test_without_fallback_raises_instead_of_using_the_database(redis_server):
    redis_server.stop()

    with pytest.raises(RedisUnavailable):
        cache.without_fallback.set("page", "<html>", timeout=60)

    assert caches["database"].get("page") is None


def test_a_missing_key_makes_incr_raise_as_in_any_django_cache_without_leaving_redis(
    redis_server,
):
    with pytest.raises(ValueError):
        cache.incr("never-set")

    cache.set("counter", 1, timeout=60)
    assert cache.incr("counter") == 2
    assert raw(redis_server).keys("*counter*")
