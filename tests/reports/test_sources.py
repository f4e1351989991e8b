"""The report's decisions and consultations come from the approvals and consultations apps."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans.models import ApprovalStatus
from approvals import services as approvals
from approvals.models import VoteChoice
from consultations.models import Consultation
from core.fiscal import FiscalYear
from reports import opendata, sources
from tests.actionplans.factories import AnnualActionPlanFactory, StrategicDirectionFactory
from tests.approvals.conftest import add_member, open_request
from tests.consultations.factories import ConsultationFactory, ResponseFactory

from .factories import PAST

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(staff):
    """A strategic direction the Council approved today, by online vote."""
    from pillars.models import Group

    council = Group.objects.create(kind=Group.Kind.COUNCIL, name="Council", slug="council")
    members = [add_member(council, email=f"m{n}@example.org") for n in range(3)]
    direction = StrategicDirectionFactory(code="W9", status=ApprovalStatus.DRAFT)
    request = open_request(by=staff, body=council, directions=[direction])
    for member in members:
        approvals.vote_cast(request=request, voter=member, choice=VoteChoice.APPROVE)
    return request


def test_a_year_without_decisions_says_so(client, staff, report):
    client.force_login(staff)

    page = client.get(reverse("reports:preview", args=[PAST.label])).content.decode()

    assert sources.decisions_for_year(PAST, "en") == []
    assert "No decision was recorded in the portal for this year." in page


def test_decisions_of_the_fiscal_year_are_listed_with_their_tally(decided):
    rows = sources.decisions_for_year(FiscalYear.current(), "en")

    assert len(rows) == 1
    assert rows[0]["title"] == f"Strategic direction {decided.directions.get()}"
    assert rows[0]["outcome"] == "Approved"
    assert (rows[0]["votes_for"], rows[0]["votes_against"], rows[0]["abstentions"]) == (3, 0, 0)
    assert sources.decisions_for_year(FiscalYear.current().previous(), "en") == []


def test_decisions_are_described_in_french_too(decided):
    rows = sources.decisions_for_year(FiscalYear.current(), "fr")

    assert rows[0]["outcome"] == "Approuvé"


def test_decisions_are_an_open_data_download(client, decided):
    year = FiscalYear.current()
    AnnualActionPlanFactory(fiscal_year=year.start_year)  # an approved plan: the year is public

    data = client.get(reverse("reports:data_download", args=[year.label, "decisions", "csv"]))

    assert data.status_code == 200
    lines = data.content.decode().splitlines()
    assert lines[0] == ",".join(opendata.DECISIONS.column_names)
    assert len(lines) == 2


def test_consultations_that_closed_in_the_year_are_counted_drafts_left_out(db):
    closes = timezone.make_aware(datetime.datetime.combine(PAST.starts_on, datetime.time(12)))
    closes += datetime.timedelta(days=60)
    held = ConsultationFactory(
        title={"en": "Housing survey", "fr": "Sondage logement"},
        opens_at=closes - datetime.timedelta(days=30),
        closes_at=closes,
        status=Consultation.Status.PUBLISHED,
    )
    for _ in range(3):
        ResponseFactory(consultation=held)
    ConsultationFactory(
        opens_at=closes - datetime.timedelta(days=30),
        closes_at=closes,
        status=Consultation.Status.DRAFT,
    )

    rows = sources.consultations_for_year(PAST, "fr")

    assert rows == [
        {
            "title": "Sondage logement",
            "opens_on": timezone.localdate(held.opens_at).isoformat(),
            "closes_on": timezone.localdate(closes).isoformat(),
            "responses": 3,
        }
    ]
