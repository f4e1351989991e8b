"""The /network/ page: this portal beside its peers, from stored copies only, in English and
French, at the same cost whatever the number of peers."""

import pytest
from django.urls import reverse

from demo.network import seed_network
from network.models import Peer

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_peers(db):
    seed_network()
    return list(Peer.objects.order_by("name"))


def test_the_demo_peers_are_imported_through_the_validation_path(demo_peers):
    assert [peer.name for peer in demo_peers] == ["Lakeside LIP (demo)", "Northbridge LIP (demo)"]
    for peer in demo_peers:
        assert peer.is_demo
        assert peer.error_kind == ""
        assert peer.snapshot["items"]


def test_importing_the_demo_again_changes_nothing_but_the_read_date(demo_peers):
    seed_network()

    assert Peer.objects.count() == 2


def test_the_page_compares_progress_by_pillar_and_says_the_demo_is_invented(client, demo_peers):
    response = client.get("/network/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "Demo data:" in page
    assert page.count('<table class="network-progress">') == 3
    assert "Northbridge Local Immigration Partnership" in page
    assert "(this portal)" in page
    assert '<th scope="col">Mean percent complete</th>' in page


def test_shared_indicators_are_compared_by_code_with_unit_year_and_source(client, demo_peers):
    page = client.get("/network/").content.decode()

    assert "<code>sense-of-belonging</code>" in page
    assert "<code>days-to-first-settlement-appointment</code>" in page
    # Lakeside's volunteer hosts have no shared code; Northbridge alone measures housing.
    assert "Volunteer hosts" not in page
    assert "<code>families-stably-housed</code>" not in page
    assert 'href="https://northbridge-lip.example/data/2026-27/indicators.csv"' in page


def test_peers_practices_link_to_their_pages(client, demo_peers):
    page = client.get("/network/").content.decode()

    assert '<a href="https://northbridge-lip.example/practices/1/" rel="noopener nofollow">' in page


def test_a_peer_link_that_is_not_http_is_never_a_link(client, demo_peers):
    peer = demo_peers[0]
    peer.snapshot["practices"][0]["url"] = "javascript:alert(1)"
    peer.snapshot["partnership"]["portal"] = "javascript:alert(2)"
    peer.save()

    page = client.get("/network/").content.decode()

    assert "javascript:" not in page


def test_the_page_in_french(client, demo_peers):
    response = client.get("/fr/network/")

    assert response.status_code == 200
    page = response.content.decode()
    assert '<html lang="fr"' in page
    assert "Réseau des portails" in page
    assert "Partenariat local d&#x27;immigration de Northbridge" in page
    assert "Comptoir d&#x27;aide au logement à la bibliothèque" in page


def test_the_page_is_linked_from_the_footer(client):
    page = client.get("/").content.decode()

    assert f'href="{reverse("network:index")}"' in page


def test_the_page_never_fetches(client, demo_peers, monkeypatch):
    from network import fetch

    def refuse(*args, **kwargs):
        raise AssertionError("the page fetched")

    monkeypatch.setattr(fetch, "fetch", refuse)

    assert client.get("/network/").status_code == 200


def _more_peers(count):
    template = Peer.objects.order_by("pk").first()
    for index in range(count):
        Peer.objects.create(
            name=f"Peer {index}",
            package_url=f"https://peer{index}.example/data/datapackage.json",
            snapshot=template.snapshot,
        )


@pytest.mark.parametrize("extra", [0, 12])
def test_the_page_costs_the_same_queries_whatever_the_number_of_peers(
    client, demo_peers, django_assert_max_num_queries, extra
):
    _more_peers(extra)

    with django_assert_max_num_queries(8):
        response = client.get("/network/")

    assert response.status_code == 200
