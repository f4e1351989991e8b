"""The library's pages: search and filters, English and French, and what they cost."""

import pytest
from django.urls import reverse

from practices.models import Practice
from practices.selectors import OPEN_DATA_COLUMNS, open_data_rows
from search import services as search_services
from search.models import Entry, Kind
from tests.actionplans.factories import ActionItemFactory, IndicatorFactory, IndicatorValueFactory
from tests.practices.factories import PracticeFactory, population

pytestmark = pytest.mark.django_db


def test_the_search_box_matches_title_problem_and_what_was_done(client):
    PracticeFactory(title_en="Mentoring circles")
    PracticeFactory(title_en="Other", problem_en="Nobody knew about the clinic.")
    PracticeFactory(title_en="Third", what_was_done_en="We ran a job fair.")

    by_title = client.get(reverse("practices:list"), {"q": "mentoring"}).text
    by_problem = client.get(reverse("practices:list"), {"q": "clinic"}).text
    by_work = client.get(reverse("practices:list"), {"q": "fair"}).text

    assert "Mentoring circles" in by_title and "Third" not in by_title
    assert "Other" in by_problem and "Mentoring" not in by_problem
    assert "Third" in by_work and "Other" not in by_work


def test_the_filters_narrow_by_pillar_population_and_outcome(client):
    youth = PracticeFactory(title_en="Youth hub", populations=[population("youth")])
    PracticeFactory(
        title_en="Seniors club",
        populations=[population("seniors")],
        outcome=Practice.Outcome.TOO_EARLY,
    )

    by_population = client.get(reverse("practices:list"), {"population": "youth"}).text
    by_outcome = client.get(reverse("practices:list"), {"outcome": "too_early"}).text
    by_pillar = client.get(
        reverse("practices:list"), {"pillar": youth.pillar.slug, "population": "seniors"}
    ).text

    assert "Youth hub" in by_population and "Seniors club" not in by_population
    assert "Seniors club" in by_outcome and "Youth hub" not in by_outcome
    assert "Seniors club" in by_pillar and "Youth hub" not in by_pillar


def test_an_unknown_filter_value_shows_the_page_not_an_error(client):
    response = client.get(reverse("practices:list"), {"outcome": "nonsense", "page": "x"})

    assert response.status_code == 200


def test_each_card_shows_pillar_populations_outcome_and_lead_organization(client):
    practice = PracticeFactory(populations=[population("refugees")])

    text = client.get(reverse("practices:list")).text

    assert practice.pillar.name in text
    assert "Refugees" in text
    assert "Worked" in text
    assert practice.lead_organization.name in text


def test_the_detail_page_shows_the_linked_indicators_with_their_latest_value(client):
    item = ActionItemFactory()
    indicator = IndicatorFactory(plan=item.annual_plan.plan, name_en="Jobs found")
    IndicatorValueFactory(indicator=indicator, fiscal_year=2023, value=31)
    IndicatorValueFactory(indicator=indicator, fiscal_year=2024, value=47)
    practice = PracticeFactory(item=item, indicators=[indicator])

    text = client.get(reverse("practices:detail", args=[practice.pk])).text

    assert "Jobs found" in text
    assert "47" in text
    assert reverse("actionplans:item_detail", args=[item.pk]) in text
    assert "ana@" not in text  # no contact given


def test_the_contact_is_shown_only_with_their_agreement(client):
    shown = PracticeFactory(contact_email="ana@example.org", contact_consent=True)
    hidden = PracticeFactory(contact_email="bo@example.org", contact_consent=False)

    assert "ana@example.org" in client.get(reverse("practices:detail", args=[shown.pk])).text
    assert "bo@example.org" not in client.get(reverse("practices:detail", args=[hidden.pk])).text


def test_the_pages_read_in_french(client):
    practice = PracticeFactory(title_en="Drop-in", title_fr="Accueil libre")

    listing = client.get("/fr/practices/")
    detail = client.get(f"/fr/practices/{practice.pk}/")

    assert listing.status_code == 200
    assert "Accueil libre" in listing.text
    assert 'lang="fr"' in listing.text
    assert "Bibliothèque de pratiques" in listing.text
    assert "Le problème" in detail.text


def test_the_pages_read_in_english(client):
    practice = PracticeFactory(title_en="Drop-in", title_fr="Accueil libre")

    assert "Practice library" in client.get("/practices/").text
    assert "Drop-in" in client.get(f"/practices/{practice.pk}/").text


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_whatever_the_number_of_practices(
    client, count, django_assert_max_num_queries
):
    item = ActionItemFactory()
    for _n in range(count):
        PracticeFactory(item=item, populations=[population("youth"), population("women")])

    with django_assert_max_num_queries(6):
        response = client.get(reverse("practices:list"))

    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 8])
def test_the_detail_costs_the_same_whatever_the_number_of_indicators(
    client, count, django_assert_max_num_queries
):
    item = ActionItemFactory()
    indicators = [IndicatorFactory(plan=item.annual_plan.plan) for _n in range(count)]
    for indicator in indicators:
        IndicatorValueFactory(indicator=indicator)
    practice = PracticeFactory(item=item, indicators=indicators, populations=[population("youth")])

    with django_assert_max_num_queries(5):
        response = client.get(reverse("practices:detail", args=[practice.pk]))

    assert response.status_code == 200


def test_open_data_rows_have_exactly_the_contract_columns():
    PracticeFactory(populations=[population("youth"), population("refugees")])
    PracticeFactory(status=Practice.Status.DRAFT, published_at=None)

    rows = open_data_rows()

    assert len(rows) == 1
    assert tuple(rows[0]) == OPEN_DATA_COLUMNS
    assert set(rows[0]["populations"].split(";")) == {"youth", "refugees"}
    assert rows[0]["languages"] == "en;fr"
    assert rows[0]["url"].endswith(f"/practices/{rows[0]['practice_id']}/")


def test_open_data_leaves_out_a_contact_who_did_not_agree():
    PracticeFactory(contact_email="bo@example.org", contact_consent=False)

    assert open_data_rows()[0]["contact_email"] == ""


def test_the_site_search_finds_published_practices_and_filters_by_their_kind(client):
    PracticeFactory(title_en="Conversation circles for newcomers")
    PracticeFactory(title_en="Conversation draft", status=Practice.Status.DRAFT, published_at=None)
    search_services.search_reindex()

    response = client.get(reverse("search:search"), {"q": "conversation", "kind": "practice"})

    assert Entry.objects.filter(kind=Kind.PRACTICE, language="en").count() == 1
    assert "</mark> circles for newcomers" in response.text
    assert "</mark> draft" not in response.text
