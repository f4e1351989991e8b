"""Two portals on loopback: one serves its data package, this one fetches, validates, stores it
and shows it on /network/."""

import pytest

from network import services
from network.models import Peer

pytestmark = pytest.mark.django_db


def test_a_peer_package_is_fetched_validated_and_stored(peer_server, make_peer):
    peer = make_peer(peer_server.url("/data/datapackage.json"))

    services.peer_refresh(peer_id=peer.pk)

    peer.refresh_from_db()
    assert peer.error_kind == ""
    assert peer.unavailable_since is None
    assert peer.last_success_at is not None
    snapshot = peer.snapshot
    assert snapshot["partnership"]["name_en"] == "Lakeside Local Immigration Partnership"
    assert snapshot["fiscal_year"] == "2026-27"
    assert len(snapshot["items"]) == 9
    assert {row["code"] for row in snapshot["indicators"]} >= {"sense-of-belonging"}
    assert len(snapshot["practices"]) == 2
    assert snapshot["sources"]["indicators"] == peer_server.url("/data/2026-27/indicators.csv")


def test_the_page_shows_the_fetched_peer_with_links_to_its_source(client, peer_server, make_peer):
    peer = make_peer(peer_server.url("/data/datapackage.json"))
    services.peer_refresh(peer_id=peer.pk)

    response = client.get("/network/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Lakeside Local Immigration Partnership" in page
    assert "Lakeside, Ontario, Canada" in page
    assert f'href="{peer_server.url("/data/datapackage.json")}"' in page
    assert 'href="https://lakeside-lip.example"' in page
    assert "Housing help desk at the library" in page
    assert "Unavailable since" not in page


def test_resources_are_read_relative_to_the_descriptor_through_the_same_fetcher(
    peer_server, make_peer
):
    peer = make_peer(peer_server.url("/data/datapackage.json"))

    services.peer_refresh(peer_id=peer.pk)

    asked = [request.get("host") for request in peer_server.requests]
    assert len(asked) == 4  # the descriptor, the items, the indicators, the practices
    assert set(asked) == {peer_server.base.removeprefix("http://")}


def test_no_cookie_nor_credentials_are_ever_sent(peer_server, make_peer):
    for path in list(peer_server.answers):
        status, headers, body = peer_server.answers[path]
        peer_server.answers[path] = (status, {**headers, "Set-Cookie": "session=abc; Path=/"}, body)
    peer_server.answers["/moved"] = (302, {"Location": "/data/datapackage.json"}, b"")
    peer = make_peer(peer_server.url("/moved").replace("http://", "http://user:secret@"))

    services.peer_refresh(peer_id=peer.pk)
    services.peer_refresh(peer_id=peer.pk)

    peer.refresh_from_db()
    assert peer.error_kind == ""
    assert len(peer_server.requests) == 10
    for request in peer_server.requests:
        assert "cookie" not in request
        assert "authorization" not in request
        assert "LIP-Portal-network" in request["user-agent"]


def test_the_scheduled_task_fetches_every_peer_but_the_demo_ones(
    peer_server, make_peer, django_capture_on_commit_callbacks
):
    from network.tasks import fetch_all_peers

    peer = make_peer(peer_server.url("/data/datapackage.json"))
    demo = Peer.objects.create(
        name="Demo", package_url="https://demo.example/data/datapackage.json", is_demo=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert fetch_all_peers() == 1

    peer.refresh_from_db()
    demo.refresh_from_db()
    assert peer.last_success_at is not None
    assert demo.last_attempt_at is None


def test_foreign_keys_to_resources_not_read_do_not_fail_the_package(peer_server, make_peer):
    import json

    from .server import demo_descriptor

    descriptor = demo_descriptor()
    descriptor["resources"][0]["schema"]["foreignKeys"] = [
        {"fields": ["direction_code"], "reference": {"resource": "directions", "fields": ["code"]}}
    ]
    peer_server.answers["/data/datapackage.json"] = (200, {}, json.dumps(descriptor).encode())
    peer = make_peer(peer_server.url("/data/datapackage.json"))

    services.peer_refresh(peer_id=peer.pk)

    peer.refresh_from_db()
    assert peer.error_kind == ""
