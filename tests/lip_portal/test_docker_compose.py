"""No Docker engine runs here: these tests read docker-compose.yml and the Dockerfile and check
that what they name exists in the code and that the services agree with each other."""

import importlib
import re
import shlex
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

BASE_DIR = Path(__file__).resolve().parents[2]
SETTINGS_SOURCE = (BASE_DIR / "lip_portal" / "settings.py").read_text()
VARIABLES_READ_BY_SETTINGS = set(re.findall(r'env_\w+\(\s*"([A-Z0-9_]+)"', SETTINGS_SOURCE))


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def command_words(service):
    command = service["command"]
    return command if isinstance(command, list) else shlex.split(command)


def test_compose_runs_every_service_the_portal_needs(services):
    assert {"db", "redis", "web", "worker", "beat", "mail"} <= services.keys()


def test_web_runs_migrations_then_gunicorn_on_the_wsgi_application(services):
    command = services["web"]["command"]
    assert command.index("migrate") < command.index("gunicorn")
    target = re.search(r"gunicorn (\S+):(\w+)", command)
    module = importlib.import_module(target.group(1))
    assert callable(getattr(module, target.group(2)))


@pytest.mark.parametrize(("service", "subcommand"), [("worker", "worker"), ("beat", "beat")])
def test_celery_services_point_at_the_portal_celery_app(services, service, subcommand):
    words = command_words(services[service])
    assert words[:3] == ["celery", "-A", "lip_portal"]
    assert words[3] == subcommand
    app = importlib.import_module("lip_portal").celery_app
    assert app.main == "lip_portal"


def test_portal_services_share_one_environment_read_by_the_settings(services):
    environments = [services[name]["environment"] for name in ("web", "worker", "beat")]
    assert environments[0] == environments[1] == environments[2]
    unknown = set(environments[0]) - VARIABLES_READ_BY_SETTINGS
    assert not unknown, f"compose sets variables the settings never read: {unknown}"


def test_database_url_matches_the_postgres_service(services):
    url = urlparse(services["web"]["environment"]["DATABASE_URL"])
    db = services["db"]["environment"]
    assert url.scheme in {"postgres", "postgresql"}
    assert url.hostname == "db"
    assert url.username == db["POSTGRES_USER"]
    assert url.password == db["POSTGRES_PASSWORD"]
    assert url.path.lstrip("/") == db["POSTGRES_DB"]


def test_redis_and_mail_point_at_their_services(services):
    environment = services["web"]["environment"]
    assert urlparse(environment["REDIS_URL"]).hostname == "redis"
    assert environment["EMAIL_HOST"] == "mail"
    assert environment["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    importlib.import_module(environment["EMAIL_BACKEND"].rsplit(".", 1)[0])


def test_redis_keeps_queued_tasks_across_a_restart(compose, services):
    redis = services["redis"]
    words = command_words(redis)
    assert words[0] == "redis-server"
    assert words[words.index("--appendonly") + 1] == "yes"
    volume, path = redis["volumes"][0].split(":")
    assert path == "/data"
    assert volume in compose["volumes"]


def test_portal_waits_for_healthy_database_and_redis(services):
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
    assert "healthcheck" in services["db"] and "healthcheck" in services["redis"]


def test_web_healthcheck_uses_the_portal_health_endpoint(services):
    from django.urls import resolve

    check = " ".join(services["web"]["healthcheck"]["test"])
    path = re.search(r"http://127\.0\.0\.1:8000(/\S*?)['\"]", check).group(1)
    assert resolve(path).url_name == "healthz"


def test_dockerfile_installs_from_the_lock_and_serves_the_wsgi_application():
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert "FROM python:3.13" in dockerfile
    assert "-c constraints.txt" in dockerfile
    assert (BASE_DIR / "constraints.txt").exists()
    assert "collectstatic" in dockerfile
    assert '"lip_portal.wsgi:application"' in dockerfile
