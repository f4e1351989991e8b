import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENVIRONMENT = {
    "DEBUG": "false",
    "SECRET_KEY": "a-real-production-secret-with-enough-length-and-entropy-7Yq2#xLm9$Rv4!pZ",
    "MFA_SECRET_KEY": "another-production-secret-for-second-factors-only-Qm4#pV8$wL2!",
    "EQUITY_ANSWER_KEY": "an-equity-answer-key-of-its-own-with-enough-length-3Kf8!vQ2#nR6$wT9",
    "ALLOWED_HOSTS": "lip.example.org",
    "SECURE_SSL_REDIRECT": "true",
    "DATABASE_URL": "sqlite://:memory:",
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "smtp.example.org",
}


def run_manage(*args, environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "MFA_SECRET_KEY",
            "MFA_SECRET_KEY_FALLBACKS",
            "ALLOWED_HOSTS",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_is_clean_with_production_settings():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", environment=PRODUCTION_ENVIRONMENT
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_deploy_check_refuses_the_development_secret_key():
    environment = {**PRODUCTION_ENVIRONMENT, "SECRET_KEY": ""}

    result = run_manage("check", "--deploy", environment=environment)

    assert result.returncode != 0
    assert "lip_portal.E001" in result.stderr


def test_deploy_check_refuses_the_development_mfa_secret_key():
    environment = {**PRODUCTION_ENVIRONMENT, "MFA_SECRET_KEY": ""}

    result = run_manage("check", "--deploy", environment=environment)

    assert result.returncode != 0
    assert "lip_portal.E002" in result.stderr


def test_deploy_check_refuses_an_mfa_secret_key_equal_to_the_secret_key():
    environment = {
        **PRODUCTION_ENVIRONMENT,
        "MFA_SECRET_KEY": PRODUCTION_ENVIRONMENT["SECRET_KEY"],
    }

    result = run_manage("check", "--deploy", environment=environment)

    assert result.returncode != 0
    assert "lip_portal.E003" in result.stderr


def test_a_malformed_boolean_fails_loudly():
    result = run_manage("check", environment={"DEBUG": "maybe"})

    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


@pytest.mark.django_db
def test_responses_carry_the_security_headers_and_the_csp(client):
    response = client.get("/", secure=True)

    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in response.headers["Strict-Transport-Security"]


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_secure_with_debug_off(client, partner_staff, settings):
    assert settings.SESSION_COOKIE_SECURE
    assert settings.CSRF_COOKIE_SECURE


@pytest.mark.django_db
@pytest.mark.urls("tests.lip_portal.broken_urls")
def test_an_unexpected_error_shows_a_friendly_page_and_no_stack_trace():
    client = Client(raise_request_exception=False)

    response = client.get("/boom/")

    assert response.status_code == 500
    assert "Something went wrong" in response.text
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text


def test_a_malformed_equity_retention_period_stops_the_portal_with_a_clear_message():
    environment = {**PRODUCTION_ENVIRONMENT, "EQUITY_RETENTION_YEARS": "three"}

    result = run_manage("check", environment=environment)

    assert result.returncode != 0
    assert "EQUITY_RETENTION_YEARS must be a whole number" in result.stderr


def test_a_task_lost_with_its_worker_is_redelivered_just_after_the_longest_a_task_may_run():
    from lip_portal.celery import app

    timeout = app.conf.broker_transport_options["visibility_timeout"]
    assert app.conf.task_time_limit < timeout <= app.conf.task_time_limit + 120


def test_migrate_alone_makes_the_database_cache_table_the_embedded_default_needs(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    environment = {"DATABASE_URL": f"sqlite:///{database}", "REDIS_URL": ""}

    result = run_manage("migrate", "--noinput", environment=environment)

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as db:
        tables = {name for (name,) in db.execute("select name from sqlite_master")}
    assert "lip_portal_cache" in tables


def test_migrate_alone_makes_the_table_the_cache_falls_back_on_with_redis_configured(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    # Nothing listens on port 9: migrate must not need Redis either.
    environment = {"DATABASE_URL": f"sqlite:///{database}", "REDIS_URL": "redis://127.0.0.1:9/0"}

    result = run_manage("migrate", "--noinput", environment=environment)

    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as db:
        tables = {name for (name,) in db.execute("select name from sqlite_master")}
    assert "lip_portal_cache" in tables


def test_a_suppression_threshold_under_2_stops_the_portal_with_a_clear_message():
    environment = {**PRODUCTION_ENVIRONMENT, "SUPPRESSION_THRESHOLD": "1"}

    result = run_manage("check", environment=environment)

    assert result.returncode != 0
    assert "SUPPRESSION_THRESHOLD must be 2 or more" in result.stderr
