import pytest
import redis

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_ok_and_redis_not_configured(client, settings):
    settings.REDIS_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "redis": "not configured"},
    }


def test_healthz_is_503_when_redis_does_not_answer(client, settings):
    # Port 9 (discard) has no Redis: the check must fail fast and say so.
    settings.REDIS_URL = "redis://127.0.0.1:9/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == "error"


def test_healthz_is_503_when_the_database_fails(client, monkeypatch):
    from django.db import OperationalError

    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("could not connect to server")

    monkeypatch.setattr("lip_portal.views.connection", UnreachableDatabase())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "error"


@pytest.mark.redis
def test_healthz_reports_real_redis_ok(client, settings):
    import os

    settings.REDIS_URL = os.environ["REDIS_URL"]
    redis.Redis.from_url(settings.REDIS_URL).ping()

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["checks"]["redis"] == "ok"
