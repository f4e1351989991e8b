"""Each pillar's progress feed: /pillars/<slug>/progress.atom and under /fr/."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from actionplans.models import ApprovalStatus, ProgressUpdate
from pillars.models import Pillar
from tests.partners.factories import UserFactory

from .factories import (
    ActionItemFactory,
    AnnualActionPlanFactory,
    ReportingPeriodFactory,
    StrategicDirectionFactory,
)

pytestmark = pytest.mark.django_db

URL = "/pillars/work/progress.atom"


def _feed(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def _update(item, author, *, percent=40, days_ago=1, narrative="Two workshops held."):
    return ProgressUpdate.objects.create(
        item=item,
        author=author,
        reporting_period=ReportingPeriodFactory(),
        status="on_track",
        percent=percent,
        narrative=narrative,
        narrative_html=f"<p>{narrative}</p>",
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def _item(pillar_slug="work", plan_status=ApprovalStatus.APPROVED, fiscal_year=2030, **fields):
    plan = AnnualActionPlanFactory(status=plan_status, fiscal_year=fiscal_year)
    direction = StrategicDirectionFactory(
        plan=plan.plan, pillar=Pillar.objects.get(slug=pillar_slug)
    )
    return ActionItemFactory(annual_plan=plan, strategic_direction=direction, **fields)


def test_an_update_is_an_entry_with_status_narrative_and_the_reporting_organization(
    client, partner_staff
):
    item = _item(title="Mentoring circles", title_fr="Cercles de mentorat")
    update = _update(item, partner_staff)

    feed = _feed(client)

    (entry,) = feed.entries
    assert feed.feed.title.startswith("Progress in the Work pillar")
    assert entry.id == f"tag:127.0.0.1,2026:progress-update/{update.pk}"
    assert entry.title == "Mentoring circles: On track, 40%"
    assert entry.link == f"http://testserver/actions/{item.pk}/"
    assert entry.author == partner_staff.organization.name
    assert "Two workshops held." in entry.summary
    assert entry.updated_parsed[:5] == update.created_at.utctimetuple()[:5]


def test_updates_of_other_pillars_and_of_draft_plans_are_not_in_the_feed(client, partner_staff):
    _update(_item(pillar_slug="settle"), partner_staff)
    _update(_item(plan_status=ApprovalStatus.DRAFT, fiscal_year=2040), partner_staff)

    assert _feed(client).entries == []


def test_french_feed_has_the_items_french_title_and_the_same_ids(client, partner_staff):
    item = _item(title="Mentoring circles", title_fr="Cercles de mentorat")
    _update(item, partner_staff)

    english = _feed(client)
    french = _feed(client, "/fr" + URL)

    (entry,) = french.entries
    assert entry.title.startswith("Cercles de mentorat")
    assert entry.link == f"http://testserver/fr/actions/{item.pk}/"
    assert entry.id == english.entries[0].id


def test_an_unknown_pillar_has_no_feed(client, db):
    assert client.get("/pillars/nowhere/progress.atom").status_code == 404


def test_pillar_page_links_its_progress_feed(client, db):
    html = client.get("/pillars/work/").text

    assert f'<link rel="alternate" type="application/atom+xml" href="{URL}"' in html
    assert f'href="{URL}"' in html.split("<main", 1)[1]


@pytest.mark.parametrize("count", [2, 90])
def test_feed_runs_a_fixed_number_of_queries_and_holds_the_latest_fifty(
    client, count, django_assert_max_num_queries
):
    authors = [UserFactory(password=None) for _ in range(3)]
    items = [_item(fiscal_year=2030 + n % 3) for n in range(3)]
    period = ReportingPeriodFactory()
    now = timezone.now()
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            item=items[n % 3],
            author=authors[n % 3],
            reporting_period=period,
            status="on_track",
            percent=n % 100,
            narrative_html=f"<p>Update {n}</p>",
            created_at=now - datetime.timedelta(hours=n),
        )
        for n in range(count)
    )

    with django_assert_max_num_queries(2):
        response = client.get(URL)

    assert len(feedparser.parse(response.content).entries) == min(count, 50)
