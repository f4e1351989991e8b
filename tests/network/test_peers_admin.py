"""Staff whose role grants it register, edit and remove peer portals, in the back office,
through the services; other staff and partners cannot."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lip_portal.roles import ADMINISTRATION, COMMUNICATIONS
from network import services
from network.models import Peer
from tests.partners.factories import StaffFactory

pytestmark = pytest.mark.django_db

URL = "https://lakeside-lip.example/data/datapackage.json"


def test_partnership_administration_registers_a_peer(django_capture_on_commit_callbacks):
    by = StaffFactory(roles=[ADMINISTRATION])

    with django_capture_on_commit_callbacks() as callbacks:
        peer = services.peer_register(by=by, name="Lakeside", package_url=URL)

    assert peer.registered_by == by
    assert peer.registered_at is not None
    assert peer.last_attempt_at is None  # the fetch is queued, not done in the request
    assert len(callbacks) == 1


def test_staff_without_the_role_cannot_register_edit_or_remove_a_peer():
    by = StaffFactory(roles=[COMMUNICATIONS])
    peer = Peer.objects.create(name="Lakeside", package_url=URL)

    with pytest.raises(PermissionDenied):
        services.peer_register(by=by, name="Northbridge", package_url=URL + "?x")
    with pytest.raises(PermissionDenied):
        services.peer_update(by=by, peer=peer, name="Renamed", package_url=URL)
    with pytest.raises(PermissionDenied):
        services.peer_remove(by=by, peer=peer)
    with pytest.raises(PermissionDenied):
        services.peer_fetch_request(by=by, peer=peer)


def test_partner_staff_cannot_register_a_peer(partner_staff):
    with pytest.raises(PermissionDenied):
        services.peer_register(by=partner_staff, name="Lakeside", package_url=URL)


@pytest.mark.parametrize(
    "url",
    ["file:///etc/passwd", "ftp://peer.example/datapackage.json", "https://user:pw@peer.example/"],
)
def test_a_peer_address_must_be_plain_http_or_https(url):
    by = StaffFactory(roles=[ADMINISTRATION])

    with pytest.raises(ValidationError):
        services.peer_register(by=by, name="Peer", package_url=url)


def test_partnership_administration_edits_and_removes_a_peer():
    by = StaffFactory(roles=[ADMINISTRATION])
    peer = Peer.objects.create(name="Lakeside", package_url=URL)

    services.peer_update(by=by, peer=peer, name="Lakeside LIP", package_url=URL)
    assert Peer.objects.get().name == "Lakeside LIP"
    services.peer_remove(by=by, peer=peer)
    assert not Peer.objects.exists()


def test_staff_register_a_peer_in_the_back_office(client):
    client.force_login(StaffFactory(roles=[ADMINISTRATION]))

    response = client.post("/admin/network/peer/add/", {"name": "Lakeside", "package_url": URL})

    assert response.status_code == 302
    assert Peer.objects.get().package_url == URL


def test_the_back_office_says_what_is_wrong_with_a_file_address(client):
    client.force_login(StaffFactory(roles=[ADMINISTRATION]))

    response = client.post(
        "/admin/network/peer/add/", {"name": "Peer", "package_url": "file:///etc/passwd"}
    )

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not Peer.objects.exists()


def test_staff_without_the_role_are_refused_in_the_back_office(client):
    client.force_login(StaffFactory(roles=[COMMUNICATIONS]))

    response = client.post("/admin/network/peer/add/", {"name": "Lakeside", "package_url": URL})

    assert response.status_code == 403
    assert not Peer.objects.exists()
