"""The consultations' Atom feed: /consultations/feed.atom and /fr/consultations/feed.atom."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from consultations.models import Consultation, ResultsSnapshot
from tests.consultations.factories import ConsultationFactory

pytestmark = pytest.mark.django_db

URL = "/consultations/feed.atom"


def _feed(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def _ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_an_open_consultation_is_an_entry_saying_until_when(client):
    consultation = ConsultationFactory(slug="services", opens_at=_ago(2))

    (entry,) = _feed(client).entries

    assert entry.id == f"tag:127.0.0.1,2026:consultation/{consultation.pk}"
    assert entry.title == "Open: Survey services"
    assert entry.link == "http://testserver/consultations/services/"
    assert entry.updated_parsed[:5] == consultation.opens_at.utctimetuple()[:5]
    assert "Open until" in entry.summary
    assert "About services." in entry.summary


def test_published_results_move_the_entry_and_link_what_we_heard(client):
    consultation = ConsultationFactory(
        slug="jobs", opens_at=_ago(60), closes_at=_ago(30), status=Consultation.Status.PUBLISHED
    )
    ResultsSnapshot.objects.create(
        consultation=consultation, computed_at=_ago(3), quotes_updated_at=_ago(3)
    )

    (entry,) = _feed(client).entries

    assert entry.id == f"tag:127.0.0.1,2026:consultation/{consultation.pk}"
    assert entry.title == "Results published: Survey jobs"
    assert entry.link == "http://testserver/consultations/jobs/results/"
    assert entry.updated_parsed[:3] == _ago(3).utctimetuple()[:3]


def test_a_closed_consultation_says_results_are_coming(client):
    ConsultationFactory(
        slug="old", opens_at=_ago(60), closes_at=_ago(30), status=Consultation.Status.CLOSED
    )

    (entry,) = _feed(client).entries

    assert entry.title == "Closed: Survey old"
    assert entry.updated_parsed[:3] == _ago(30).utctimetuple()[:3]


def test_drafts_and_consultations_not_open_yet_are_not_in_the_feed(client):
    ConsultationFactory(status=Consultation.Status.DRAFT)
    ConsultationFactory(opens_at=_ago(-3), closes_at=_ago(-30))

    assert _feed(client).entries == []


def test_french_feed_has_french_titles_and_the_same_ids(client):
    ConsultationFactory(slug="services")

    english = _feed(client)
    french = _feed(client, "/fr" + URL)

    (entry,) = french.entries
    assert french.feed.title.startswith("Consultations · Partenariat local")
    assert entry.title == "Ouverte\u00a0: Sondage services"
    assert entry.link == "http://testserver/fr/consultations/services/"
    assert "Sur les services." in entry.summary
    assert entry.id == english.entries[0].id


def test_consultation_list_links_the_feed(client, db):
    html = client.get("/consultations/").text

    assert (
        '<link rel="alternate" type="application/atom+xml" href="/consultations/feed.atom"' in html
    )
    assert 'href="/consultations/feed.atom"' in html.split("<main", 1)[1]


@pytest.mark.parametrize("count", [2, 70])
def test_feed_runs_a_fixed_number_of_queries_and_holds_the_latest_fifty(
    client, count, django_assert_max_num_queries
):
    Consultation.objects.bulk_create(
        Consultation(
            slug=f"c-{n}",
            title={"en": f"Survey {n}", "fr": f"Sondage {n}"},
            opens_at=_ago(n + 40),
            closes_at=_ago(n + 10),
            status=Consultation.Status.CLOSED,
        )
        for n in range(count)
    )

    with django_assert_max_num_queries(1):
        response = client.get(URL)

    assert len(feedparser.parse(response.content).entries) == min(count, 50)
