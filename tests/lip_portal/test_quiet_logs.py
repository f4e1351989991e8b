"""A refused request is logged in one line; the back office carries the portal's favicon."""

import logging

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_a_refused_request_logs_one_line_without_a_traceback(client, partner_staff, caplog):
    client.force_login(partner_staff)

    with caplog.at_level(logging.WARNING):
        response = client.get("/reports/2024-25/preview/")

    assert response.status_code == 403
    records = [r for r in caplog.records if r.name.startswith("django.")]
    assert len(records) == 1
    assert records[0].getMessage() == "Forbidden (Permission denied): /reports/2024-25/preview/"
    assert records[0].exc_info is None
    assert "Traceback" not in caplog.text


def test_the_back_office_pages_link_the_favicon(client, staff):
    client.force_login(staff)

    html = client.get("/admin/").text

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html


def test_the_favicon_is_served(client):
    response = client.get("/static/img/favicon.svg")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert finders.find("img/favicon.svg")
