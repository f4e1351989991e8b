"""A database that restarts or drops its connections: the portal's own 503 page, quickly, and
back by itself once the database answers again."""

import logging
import time
import urllib.error
import urllib.request

import psycopg
import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory
from psycopg import sql

from lip_portal import database_unavailable

OUTAGE_TITLE = "The portal is briefly unavailable"
OUTAGE_TITLE_FR = "Le portail est brièvement indisponible"


def _lose_the_database(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def outage_client():
    """A client that gets the page a visitor would, not the exception raised on the way."""
    return Client(raise_request_exception=False)


def test_a_page_whose_view_loses_the_database_answers_the_outage_page(db, client, monkeypatch):
    monkeypatch.setattr("lip_portal.views.pillar_list", _lose_the_database)

    response = client.get("/")

    assert response.status_code == 503
    assert OUTAGE_TITLE in response.text
    assert "Traceback" not in response.text
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


def test_the_outage_page_says_it_in_english_and_french_the_visitor_language_first(
    db, client, monkeypatch
):
    monkeypatch.setattr("lip_portal.views.pillar_list", _lose_the_database)

    text = client.get("/fr/").text

    assert OUTAGE_TITLE_FR in text
    assert OUTAGE_TITLE in text
    assert text.index(OUTAGE_TITLE_FR) < text.index(OUTAGE_TITLE)


def test_the_outage_page_tells_a_visitor_that_their_form_was_not_saved(
    db, client, partner_staff, monkeypatch
):
    client.force_login(partner_staff)
    monkeypatch.setattr("lip_portal.views.actionplan_selectors.dashboard_page", _lose_the_database)

    response = client.get("/dashboard/")

    assert response.status_code == 503
    assert "it was not saved" in response.text


def test_the_outage_page_is_drawn_without_a_single_query(db, django_assert_num_queries):
    request = RequestFactory().get("/dashboard/")

    with django_assert_num_queries(0):
        response = database_unavailable.database_unavailable(
            request, OperationalError("connection refused")
        )

    assert response.status_code == 503


def test_losing_the_database_while_loading_the_signed_in_person_answers_503_not_500(
    db, outage_client, partner_staff, monkeypatch
):
    outage_client.force_login(partner_staff)
    monkeypatch.setattr(SessionStore, "load", _lose_the_database)

    response = outage_client.get("/dashboard/")

    assert response.status_code == 503
    assert OUTAGE_TITLE in response.text


def test_a_closed_connection_counts_as_an_outage(db, client, monkeypatch):
    def closed(*args, **kwargs):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr("lip_portal.views.pillar_list", closed)

    assert client.get("/").status_code == 503


def test_any_other_error_still_answers_the_500_page(db, outage_client, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("lip_portal.views.pillar_list", broken)

    response = outage_client.get("/")

    assert response.status_code == 500
    assert "Something went wrong" in response.text


def test_an_outage_is_logged_in_one_line_without_a_traceback(
    db, outage_client, partner_staff, monkeypatch, caplog
):
    outage_client.force_login(partner_staff)
    monkeypatch.setattr(SessionStore, "load", _lose_the_database)

    with caplog.at_level(logging.WARNING):
        outage_client.get("/dashboard/")

    request_records = [r for r in caplog.records if r.name == "django.request"]
    assert request_records
    assert all(record.exc_info is None for record in request_records)
    assert any("Database unavailable" in record.getMessage() for record in caplog.records)


# --- A real PostgreSQL server ---------------------------------------------------------------

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="simulates a PostgreSQL outage"
)


def _admin_sql(query, params=None):
    """Run `sql` on the server's maintenance database, outside the portal's connections."""
    settings = connection.settings_dict
    with psycopg.connect(
        dbname="postgres",
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    ) as admin:
        cursor = admin.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def _own_backend():
    """The test's own connection, which must live on: the test tidies up with it afterwards."""
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def _terminate_portal_connections(own):
    """End every connection to the test database but the test's own, as a restarting server
    would."""
    name = connection.settings_dict["NAME"]
    return _admin_sql(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> %s",
        [name, own],
    )[0][0]


def _allow_connections(allowed):
    _admin_sql(
        sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS {}").format(
            sql.Identifier(connection.settings_dict["NAME"]),
            sql.SQL("true" if allowed else "false"),
        )
    )


def _get(url):
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (the live server)
            return response.status, response.read().decode(), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), time.monotonic() - started


@pytest.fixture
def uncached_server(live_server, transactional_db, settings):
    """The live server (its own threads and the shared connection pool, as under gunicorn),
    with the page cache off so every page asks the database."""
    settings.PAGE_CACHE_SECONDS = 0
    return live_server


@on_postgresql
def test_the_portal_recovers_by_itself_after_its_connections_are_terminated(
    uncached_server, settings
):
    assert _get(uncached_server.url + "/plan/")[0] == 200

    _terminate_portal_connections(_own_backend())

    # A pool holding several dead connections may spend its wait checking them (503), then
    # its new connections answer.
    deadline = time.monotonic() + 15
    while (answer := _get(uncached_server.url + "/plan/"))[0] != 200:
        status, text, seconds = answer
        assert status == 503 and OUTAGE_TITLE in text
        assert seconds < settings.DATABASE_TIMEOUT_SECONDS + 2
        assert time.monotonic() < deadline, "still 503 15 s after the connections were lost"
    assert [_get(uncached_server.url + "/plan/")[0] for _ in range(3)] == [200, 200, 200]


@on_postgresql
def test_a_database_refusing_connections_answers_503_quickly_then_200_once_it_is_back(
    uncached_server, settings
):
    _get(uncached_server.url + "/plan/")
    own = _own_backend()
    _allow_connections(False)
    try:
        _terminate_portal_connections(own)
        status, text, seconds = _get(uncached_server.url + "/plan/")
    finally:
        _allow_connections(True)

    assert status == 503
    assert OUTAGE_TITLE in text
    assert seconds < settings.DATABASE_TIMEOUT_SECONDS + 2
    deadline = time.monotonic() + 15
    while (status := _get(uncached_server.url + "/plan/")[0]) != 200:
        assert time.monotonic() < deadline, f"still {status} 15 s after the database came back"
        time.sleep(0.2)
