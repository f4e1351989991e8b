"""The back office creates and edits equity reviews through the services."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from equity import services
from equity.models import EquityReview
from lip_portal.roles import EQUITY_REVIEW, REPORTING
from tests.partners.factories import StaffFactory

from .factories import EquityReviewFactory

pytestmark = pytest.mark.django_db


def _review_form(**overrides):
    data = {
        "fiscal_year": "2030-31",
        "opens_on": "2030-05-01",
        "closes_on": "2030-06-01",
        "benchmarks-TOTAL_FORMS": "0",
        "benchmarks-INITIAL_FORMS": "0",
        "follow_up_links-TOTAL_FORMS": "0",
        "follow_up_links-INITIAL_FORMS": "0",
    }
    for field in ("introduction", "findings", "actions", "progress"):
        data[f"{field}_en"] = ""
        data[f"{field}_fr"] = ""
    return {**data, **overrides}


@pytest.fixture
def equity_staff(db):
    return StaffFactory(roles=[EQUITY_REVIEW])


@pytest.fixture
def reporting(db):
    return StaffFactory(roles=[REPORTING])


def test_equity_staff_create_a_review_in_the_back_office(client, equity_staff):
    client.force_login(equity_staff)

    response = client.post(
        "/admin/equity/equityreview/add/", _review_form(introduction_fr="Pourquoi.")
    )

    assert response.status_code == 302, response.text
    review = EquityReview.objects.get(fiscal_year="2030-31")
    assert review.introduction_fr == "Pourquoi."
    assert review.status == EquityReview.Status.DRAFT


def test_staff_whose_role_does_not_keep_reviews_cannot_create_one(client, reporting):
    client.force_login(reporting)

    response = client.post("/admin/equity/equityreview/add/", _review_form())

    assert response.status_code == 403
    assert not EquityReview.objects.exists()


def test_equity_staff_change_a_reviews_dates_in_the_back_office(client, equity_staff):
    review = EquityReviewFactory(
        fiscal_year="2030-31",
        opens_on=datetime.date(2030, 5, 1),
        closes_on=datetime.date(2030, 6, 1),
    )
    client.force_login(equity_staff)

    response = client.post(
        f"/admin/equity/equityreview/{review.pk}/change/",
        _review_form(closes_on="2030-07-01", findings_en="What we found."),
    )

    assert response.status_code == 302, response.text
    review.refresh_from_db()
    assert review.closes_on == datetime.date(2030, 7, 1)
    assert review.findings_en == "What we found."


def test_changing_a_review_is_refused_to_staff_without_the_equity_role(reporting):
    review = EquityReviewFactory()

    with pytest.raises(PermissionDenied):
        services.review_update(
            review=review,
            by=reporting,
            fiscal_year=review.fiscal_year,
            opens_on=review.opens_on,
            closes_on=datetime.date(2099, 1, 1),
        )

    review.refresh_from_db()
    assert review.closes_on != datetime.date(2099, 1, 1)
