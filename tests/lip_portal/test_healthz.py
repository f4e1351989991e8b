import os

import pytest
import redis
from django.db import OperationalError

pytestmark = pytest.mark.django_db


class UnreachableDatabase:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_healthz_reports_database_ok_and_redis_not_configured(client, settings):
    settings.REDIS_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "not configured"},
    }


def test_healthz_is_200_degraded_when_redis_does_not_answer(client, settings):
    # Port 9 (discard) has no Redis: the check must fail fast and say so, and the node stays in
    # the load balancer, since pages, forms and sign-in still work.
    settings.REDIS_URL = "redis://127.0.0.1:9/0"

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "redis": "down"},
    }


def test_healthz_is_503_down_when_the_database_fails(client, monkeypatch, settings):
    settings.REDIS_URL = ""
    monkeypatch.setattr("lip_portal.health.connection", UnreachableDatabase())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "down",
        "checks": {"database": "down", "redis": "not configured"},
    }


def test_healthz_is_503_down_when_the_database_and_redis_fail(client, monkeypatch, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"
    monkeypatch.setattr("lip_portal.health.connection", UnreachableDatabase())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "down"


@pytest.mark.redis
def test_healthz_reports_real_redis_ok(client, settings):
    settings.REDIS_URL = os.environ["REDIS_URL"]
    redis.Redis.from_url(settings.REDIS_URL).ping()

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}
