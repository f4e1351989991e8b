"""A peer that is down, slow, oversized, invalid or pointing somewhere private: each is
reported unavailable with its reason, and the page keeps working."""

import json

import pytest
from django.utils import timezone

from network import services
from network.models import Peer

from .server import demo_descriptor, endless, slowly

pytestmark = pytest.mark.django_db

FY = "2026-27"


def _refresh(peer: Peer) -> Peer:
    services.peer_refresh(peer_id=peer.pk)
    peer.refresh_from_db()
    return peer


def _page_reports(client, peer: Peer, reason: str) -> None:
    response = client.get("/network/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Unavailable since" in page
    assert reason in page


def _serve_package(peer_server, prefix: str, descriptor: dict, items_csv: bytes) -> str:
    peer_server.answers[f"{prefix}/datapackage.json"] = (
        200,
        {"Content-Type": "application/json"},
        json.dumps(descriptor).encode(),
    )
    peer_server.answers[f"{prefix}/{FY}/action-items.csv"] = (200, {}, items_csv)
    for path in (f"{FY}/indicators.csv", "practices.csv"):
        peer_server.answers[f"{prefix}/{path}"] = peer_server.answers[f"/data/{path}"]
    return peer_server.url(f"{prefix}/datapackage.json")


def test_malformed_json_is_reported_as_not_json(client, peer_server, make_peer):
    peer_server.answers["/bad/datapackage.json"] = (200, {}, b'{"name": "lip-x", "resources": [')
    peer = _refresh(make_peer(peer_server.url("/bad/datapackage.json")))

    assert peer.error_kind == Peer.ErrorKind.NOT_JSON
    assert peer.unavailable_since is not None
    _page_reports(client, peer, "The package was not readable JSON")


def test_a_descriptor_frictionless_refuses_is_an_invalid_package(peer_server, make_peer):
    descriptor = demo_descriptor()
    descriptor["resources"][0]["schema"]["fields"][0]["type"] = "no-such-type"
    url = _serve_package(peer_server, "/badtype", descriptor, b"")

    peer = _refresh(make_peer(url))

    assert peer.error_kind == Peer.ErrorKind.INVALID_PACKAGE
    assert "not a valid Data Package" in peer.error_message


def test_a_missing_column_is_an_invalid_package(client, peer_server, make_peer):
    descriptor = demo_descriptor()
    items = descriptor["resources"][0]
    items["schema"]["fields"] = [f for f in items["schema"]["fields"] if f["name"] != "percent"]
    csv = b"item_id,fiscal_year,pillar,direction_code,title_en,title_fr,lead_organization,status\n"
    url = _serve_package(peer_server, "/nopercent", descriptor, csv)

    peer = _refresh(make_peer(url))

    assert peer.error_kind == Peer.ErrorKind.INVALID_PACKAGE
    assert "the column percent is missing" in peer.error_message
    _page_reports(client, peer, "did not follow the standard")


def test_a_value_of_the_wrong_type_is_an_invalid_package(peer_server, make_peer):
    csv = (
        "item_id,fiscal_year,pillar,direction_code,title_en,title_fr,lead_organization,status,percent\n"
        f"x-1,{FY},work,W1,Jobs,Emplois,Org,on_track,lots\n"
    ).encode()
    url = _serve_package(peer_server, "/wrongtype", demo_descriptor(), csv)

    peer = _refresh(make_peer(url))

    assert peer.error_kind == Peer.ErrorKind.INVALID_PACKAGE
    assert "does not match its schema" in peer.error_message


def test_a_csv_whose_header_differs_from_its_schema_is_an_invalid_package(peer_server, make_peer):
    csv = f"item_id,fiscal_year,pillar\nx-1,{FY},work\n".encode()
    url = _serve_package(peer_server, "/shortcsv", demo_descriptor(), csv)

    peer = _refresh(make_peer(url))

    assert peer.error_kind == Peer.ErrorKind.INVALID_PACKAGE


def test_a_schema_given_by_address_is_refused_before_frictionless_reads_it(peer_server, make_peer):
    descriptor = demo_descriptor()
    descriptor["resources"][0]["schema"] = "/etc/passwd"
    url = _serve_package(peer_server, "/schemaref", descriptor, b"")

    peer = _refresh(make_peer(url))

    assert peer.error_kind == Peer.ErrorKind.INVALID_PACKAGE
    assert "no inline Table Schema" in peer.error_message


def test_a_50_megabyte_answer_is_cut_off_while_it_streams(client, peer_server, make_peer):
    # No Content-Length: only counting the bytes as they come stops it.
    peer_server.answers["/huge/datapackage.json"] = (
        200,
        {"Content-Type": "application/json"},
        endless(b" " * 65536, 50 * 1024 * 1024),
    )
    peer = _refresh(make_peer(peer_server.url("/huge/datapackage.json")))

    assert peer.error_kind == Peer.ErrorKind.TOO_LARGE
    _page_reports(client, peer, "larger than the limit")


def test_a_declared_50_megabyte_answer_is_refused_before_reading(peer_server, make_peer):
    peer_server.answers["/declared/datapackage.json"] = (
        200,
        {"Content-Length": str(50 * 1024 * 1024)},
        endless(b" " * 65536, 50 * 1024 * 1024),
    )
    peer = _refresh(make_peer(peer_server.url("/declared/datapackage.json")))

    assert peer.error_kind == Peer.ErrorKind.TOO_LARGE
    assert "declares" in peer.error_message


def test_a_slow_server_is_given_up_at_the_deadline(client, peer_server, make_peer, settings):
    settings.NETWORK_FETCH_TIMEOUT_SECONDS = 1
    body = json.dumps(demo_descriptor()).encode()
    # Each byte comes quickly enough for a socket timeout; the whole would take minutes.
    peer_server.answers["/slow/datapackage.json"] = (
        200,
        {"Content-Length": str(len(body))},
        slowly(body, 0.05),
    )
    started = timezone.now()

    peer = _refresh(make_peer(peer_server.url("/slow/datapackage.json")))

    assert peer.error_kind == Peer.ErrorKind.TIMEOUT
    assert (timezone.now() - started).total_seconds() < 3
    _page_reports(client, peer, "took too long")


def test_a_server_that_never_answers_is_given_up_at_the_deadline(peer_server, make_peer, settings):
    settings.NETWORK_FETCH_TIMEOUT_SECONDS = 1

    def silent():
        import time

        time.sleep(3)
        yield b"{}"

    peer_server.answers["/silent/datapackage.json"] = (200, {}, silent)
    peer = _refresh(make_peer(peer_server.url("/silent/datapackage.json")))

    assert peer.error_kind == Peer.ErrorKind.TIMEOUT


@pytest.mark.parametrize(
    "target",
    [
        "http://10.0.0.1/data/datapackage.json",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8000/data/datapackage.json",
        "http://192.168.1.1/data/datapackage.json",
        "http://[::ffff:10.0.0.1]/data/datapackage.json",
    ],
)
def test_a_redirect_to_a_private_address_is_refused(client, peer_server, make_peer, target):
    peer_server.answers["/away/datapackage.json"] = (302, {"Location": target}, b"")

    peer = _refresh(make_peer(peer_server.url("/away/datapackage.json")))

    assert peer.error_kind == Peer.ErrorKind.REFUSED_ADDRESS
    assert len(peer_server.requests) == 1
    _page_reports(client, peer, "private or local")


def test_a_loopback_peer_is_refused_when_it_is_not_allowed(peer_server, make_peer, settings):
    settings.NETWORK_ALLOWED_ADDRESSES = []

    peer = _refresh(make_peer(peer_server.url("/data/datapackage.json")))

    assert peer.error_kind == Peer.ErrorKind.REFUSED_ADDRESS
    assert peer_server.requests == []


def test_too_many_redirects_are_reported(peer_server, make_peer):
    peer_server.answers["/loop"] = (302, {"Location": "/loop"}, b"")

    peer = _refresh(make_peer(peer_server.url("/loop")))

    assert peer.error_kind == Peer.ErrorKind.TOO_MANY_REDIRECTS
    assert len(peer_server.requests) == 4  # the first request and three redirects


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "ftp://127.0.0.1/data/datapackage.json", "gopher://127.0.0.1/"]
)
def test_a_non_http_address_is_refused(client, make_peer, url):
    peer = _refresh(make_peer(url))

    assert peer.error_kind == Peer.ErrorKind.BAD_SCHEME
    _page_reports(client, peer, "does not start with http or https")


def test_a_redirect_to_a_file_url_is_refused(peer_server, make_peer):
    peer_server.answers["/tofile"] = (302, {"Location": "file:///etc/passwd"}, b"")

    peer = _refresh(make_peer(peer_server.url("/tofile")))

    assert peer.error_kind == Peer.ErrorKind.BAD_SCHEME


def test_a_server_that_is_down_is_reported_unreachable(client, make_peer):
    import socket

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    peer = _refresh(make_peer(f"http://127.0.0.1:{port}/data/datapackage.json"))

    assert peer.error_kind == Peer.ErrorKind.UNREACHABLE
    _page_reports(client, peer, "could not be reached")


def test_the_last_good_copy_survives_a_later_failure(client, peer_server, make_peer):
    peer = _refresh(make_peer(peer_server.url("/data/datapackage.json")))
    good = peer.snapshot
    succeeded = peer.last_success_at
    peer_server.answers["/data/datapackage.json"] = (200, {}, b"<html>down for maintenance")

    peer = _refresh(peer)
    first_failure = peer.unavailable_since
    peer = _refresh(peer)

    assert peer.error_kind == Peer.ErrorKind.NOT_JSON
    assert peer.snapshot == good
    assert peer.last_success_at == succeeded
    assert peer.unavailable_since == first_failure  # since the first failure, not the latest
    response = client.get("/network/")
    page = response.content.decode()
    assert "Lakeside Local Immigration Partnership" in page
    assert "The figures shown are from the last good copy." in page


def test_a_success_after_a_failure_makes_the_peer_available_again(peer_server, make_peer):
    peer_server.answers["/later/datapackage.json"] = (503, {}, b"")
    peer = _refresh(make_peer(peer_server.url("/later/datapackage.json")))
    assert peer.unavailable_since is not None
    peer_server.answers["/later/datapackage.json"] = peer_server.answers["/data/datapackage.json"]
    peer_server.answers[f"/later/{FY}/action-items.csv"] = peer_server.answers[
        f"/data/{FY}/action-items.csv"
    ]
    peer_server.answers[f"/later/{FY}/indicators.csv"] = peer_server.answers[
        f"/data/{FY}/indicators.csv"
    ]
    peer_server.answers["/later/practices.csv"] = peer_server.answers["/data/practices.csv"]

    peer = _refresh(peer)

    assert peer.unavailable_since is None
    assert peer.error_kind == ""
