"""The decision log's Atom feed: /decisions/feed.atom and /fr/decisions/feed.atom."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from actionplans.models import ApprovalStatus
from approvals import services
from approvals.models import ApprovalRequest, Decision
from tests.actionplans.factories import StrategicDirectionFactory

from .conftest import open_request

pytestmark = pytest.mark.django_db

URL = "/decisions/feed.atom"


def _feed(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


@pytest.fixture
def decided(request_for_direction, members):
    for member, choice in zip(
        members, ["approve", "approve", "object", "abstain", "approve"], strict=True
    ):
        services.vote_cast(request=request_for_direction, voter=member, choice=choice)
    request_for_direction.refresh_from_db()
    return request_for_direction.decision


def test_feed_holds_each_decision_with_a_stable_id_link_dates_and_the_deciding_body(
    client, decided
):
    feed = _feed(client)

    (entry,) = feed.entries
    assert feed.feed.title == "Decision log · Riverside Local Immigration Partnership"
    assert feed.feed.id.startswith("tag:127.0.0.1,2026:feed/decisions/en")
    assert feed.feed.updated
    assert entry.id == f"tag:127.0.0.1,2026:decision/{decided.pk}"
    assert entry.title == f"{decided.request.subject}: Approved"
    assert entry.link == f"http://testserver/decisions/{decided.pk}/"
    assert entry.updated_parsed[:5] == decided.decided_at.utctimetuple()[:5]
    assert entry.author == "Council"
    assert "3 approve, 1 object, 1 abstain;" in entry.summary


def test_an_open_request_and_a_withdrawn_one_are_not_in_the_feed(client, staff, council, members):
    open_request(
        by=staff, body=council, directions=[StrategicDirectionFactory(status=ApprovalStatus.DRAFT)]
    )
    withdrawn = open_request(
        by=staff, body=council, directions=[StrategicDirectionFactory(status=ApprovalStatus.DRAFT)]
    )
    services.approval_request_cancel(request=withdrawn, by=staff)

    assert _feed(client).entries == []


def test_french_feed_has_french_text_and_the_same_entry_ids(client, decided):
    english = _feed(client)
    french = _feed(client, "/fr" + URL)

    (entry,) = french.entries
    assert french.feed.title.startswith("Registre des décisions")
    assert french.feed.language == "fr"
    assert entry.link == f"http://testserver/fr/decisions/{decided.pk}/"
    assert "3 pour, 1 contre, 1 abstentions\u202f;" in entry.summary
    assert [e.id for e in french.entries] == [e.id for e in english.entries]


def test_decision_log_and_every_page_link_the_feed_for_feed_readers(client):
    link = '<link rel="alternate" type="application/atom+xml" href="/decisions/feed.atom"'

    assert link in client.get("/decisions/").text
    assert link in client.get("/").text
    assert link.replace('href="/', 'href="/fr/') in client.get("/fr/").text


def _decisions(count, *, staff, council):
    now = timezone.now()
    directions = StrategicDirectionFactory.create_batch(2, status=ApprovalStatus.APPROVED)
    requests = ApprovalRequest.objects.bulk_create(
        ApprovalRequest(
            body=council,
            submitted_by=staff,
            opens_at=now - datetime.timedelta(days=n + 10),
            closes_at=now - datetime.timedelta(days=n),
            status=ApprovalRequest.Status.DECIDED,
        )
        for n in range(count)
    )
    through = ApprovalRequest.directions.through
    through.objects.bulk_create(
        through(approvalrequest_id=request.pk, strategicdirection_id=direction.pk)
        for request in requests
        for direction in directions
    )
    Decision.objects.bulk_create(
        Decision(
            request=request,
            outcome="approved",
            approve_count=5,
            eligible_count=5,
            quorum_required=3,
            quorum_met=True,
            decided_on=(now - datetime.timedelta(days=n)).date(),
            decided_at=now - datetime.timedelta(days=n),
        )
        for n, request in enumerate(requests)
    )


@pytest.mark.parametrize("count", [3, 80])
def test_feed_runs_a_fixed_number_of_queries_and_holds_the_latest_fifty(
    client, staff, council, count, django_assert_max_num_queries
):
    _decisions(count, staff=staff, council=council)

    with django_assert_max_num_queries(2):
        response = client.get(URL)

    entries = feedparser.parse(response.content).entries
    assert len(entries) == min(count, 50)
    assert entries[0].updated_parsed > entries[-1].updated_parsed


def test_an_empty_feed_changes_only_with_its_entries_not_with_the_clock(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 0  # two renderings, not one served twice
    first = client.get(URL).content

    assert client.get(URL).content == first
    assert _feed(client).feed.updated == "2026-01-01T00:00:00+00:00"
