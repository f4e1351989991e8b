"""The annual reports' Atom feed: /reports/feed.atom and /fr/reports/feed.atom."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from reports.models import AnnualReport, ReportVersion
from reports.services import annual_report_publish

from .factories import PAST, AnnualReportFactory

pytestmark = pytest.mark.django_db

URL = "/reports/feed.atom"


def _feed(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_a_published_report_is_an_entry_with_a_stable_id_link_and_date(client, report, staff):
    version = annual_report_publish(report=report, by=staff)

    (entry,) = _feed(client).entries

    assert entry.id == f"tag:127.0.0.1,2026:report/{PAST.label}"
    assert entry.title == f"Annual report FY {PAST.label}"
    assert entry.link == f"http://testserver/reports/{PAST.label}/"
    assert entry.updated_parsed[:5] == version.published_at.utctimetuple()[:5]
    assert f"http://testserver/reports/{PAST.label}.pdf" in entry.summary


def test_a_draft_report_is_not_in_the_feed(client, db):
    AnnualReportFactory()

    assert _feed(client).entries == []


def test_french_feed_names_the_report_in_french_with_the_same_id(client, report, staff):
    annual_report_publish(report=report, by=staff)

    english = _feed(client)
    french = _feed(client, "/fr" + URL)

    (entry,) = french.entries
    assert french.feed.title.startswith("Rapports annuels")
    french_year = f"{PAST.start_year}-{PAST.start_year + 1}"
    assert entry.title == f"Rapport annuel de l\u2019exercice {french_year}"
    assert entry.link == f"http://testserver/fr/reports/{PAST.label}/"
    assert entry.id == english.entries[0].id


def test_report_list_links_the_feed(client, db):
    html = client.get("/reports/").text

    assert '<link rel="alternate" type="application/atom+xml" href="/reports/feed.atom"' in html
    assert 'href="/reports/feed.atom"' in html.split("<main", 1)[1]


@pytest.mark.parametrize("years", [2, 60])
def test_feed_runs_a_fixed_number_of_queries(client, staff, years, django_assert_max_num_queries):
    reports = AnnualReport.objects.bulk_create(
        AnnualReport(fiscal_year=1990 + n) for n in range(years)
    )
    now = timezone.now()
    ReportVersion.objects.bulk_create(
        ReportVersion(
            report=report,
            number=number,
            published_by=staff,
            published_at=now - datetime.timedelta(days=400 * n - number),
        )
        for n, report in enumerate(reports)
        for number in (1, 2)
    )

    with django_assert_max_num_queries(1):
        response = client.get(URL)

    assert len(feedparser.parse(response.content).entries) == min(years, 50)
