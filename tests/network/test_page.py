"""The /network/ page: this portal beside its peers, from stored copies only, in English and
French, at the same cost whatever the number of peers."""

import pytest
from django.urls import reverse

from actionplans.models import ItemStatus
from demo.network import seed_network
from network import selectors
from network.models import Peer
from pillars.models import Pillar
from tests.actionplans.factories import (
    ActionItemFactory,
    AnnualActionPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    StrategicDirectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_peers(db):
    seed_network()
    return list(Peer.objects.order_by("name"))


@pytest.fixture
def own_plan(db):
    """This portal's approved plan of the current year: three items in the work pillar."""
    annual = AnnualActionPlanFactory()
    direction = StrategicDirectionFactory(plan=annual.plan, pillar=Pillar.objects.get(slug="work"))
    for status, percent in [
        (ItemStatus.COMPLETED, 100),
        (ItemStatus.ON_TRACK, 50),
        (ItemStatus.CANCELLED, 10),
    ]:
        ActionItemFactory(
            annual_plan=annual, strategic_direction=direction, status=status, percent=percent
        )
    indicator = IndicatorFactory(plan=annual.plan, name="Belonging", unit="%")
    IndicatorValueFactory(indicator=indicator, value=58)
    return annual


def test_this_portals_progress_is_counted_from_its_own_items(own_plan):
    page = selectors.network_page()

    work = page.own.progress["work"]
    assert (work.items, work.completed, work.on_track, work.at_risk_or_delayed) == (3, 1, 1, 0)
    assert work.mean_percent == 75  # the cancelled item is counted, not averaged
    assert page.own.progress["settle"].items == 0


def test_this_portals_indicators_join_by_their_shared_code(
    client, own_plan, demo_peers, monkeypatch
):
    monkeypatch.setattr(selectors, "own_indicator_code", lambda indicator: "sense-of-belonging")

    page = selectors.network_page()

    shared = {code: values for code, _name, values in page.shared_indicators}
    assert [value.party.is_self for value in shared["sense-of-belonging"]] == [True, False, False]
    assert shared["sense-of-belonging"][0].value == "58"


def test_without_a_code_this_portals_indicators_are_left_out(own_plan, demo_peers):
    page = selectors.network_page()

    for _code, _name, values in page.shared_indicators:
        assert not any(value.party.is_self for value in values)


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
    client, own_plan, demo_peers, django_assert_max_num_queries, extra
):
    _more_peers(extra)
    for _index in range(extra):
        IndicatorValueFactory(indicator=IndicatorFactory(plan=own_plan.plan))
        ActionItemFactory(annual_plan=own_plan)

    # The peers, the pillars, this portal's items, its plan, indicators and their values.
    with django_assert_max_num_queries(6):
        response = client.get("/network/")

    assert response.status_code == 200
