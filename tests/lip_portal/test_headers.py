"""Every response denies the browser features the portal never uses (Permissions-Policy)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

DENIED = ["camera", "microphone", "geolocation", "payment", "usb", "publickey-credentials-get"]


def test_a_page_denies_the_features_the_portal_never_uses(client):
    response = client.get("/")

    policy = response.headers["Permissions-Policy"]
    for feature in DENIED:
        assert f"{feature}=()" in policy


def test_a_page_served_from_the_page_cache_carries_the_policy_too(client):
    first = client.get("/fr/")
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/fr/")

    # A hit reads nothing but the cache (no query on Redis, the cache table's on SQLite).
    assert all("lip_portal_cache" in query["sql"] for query in captured.captured_queries)
    assert second.headers["Permissions-Policy"] == first.headers["Permissions-Policy"]
    assert "camera=()" in second.headers["Permissions-Policy"]


def test_a_signed_in_page_and_an_error_page_carry_the_policy(client, partner_staff):
    client.force_login(partner_staff)

    for response in (client.get("/dashboard/"), client.get("/no-such-page/")):
        assert "microphone=()" in response.headers["Permissions-Policy"]
