"""The back office creates and edits equity reviews through the services."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from equity import services
from equity.models import Benchmark, EquityReview, FollowUpLink
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


# --- Benchmarks and follow-ups: the review's inlines, through the services -------------------


def _benchmark(review, **overrides):
    fields = {
        "dimension": "racialized",
        "category": "racialized",
        "share": "31.0",
        "source_en": "Census 2021",
        "source_fr": "Recensement 2021",
    }
    return Benchmark(review=review, **{**fields, **overrides})


def test_equity_staff_record_a_benchmark_through_the_service(equity_staff):
    review = EquityReviewFactory()

    services.benchmark_save(benchmark=_benchmark(review), by=equity_staff)

    assert review.benchmarks.get().share == Decimal("31.0")


def test_recording_a_benchmark_is_refused_to_staff_whose_role_does_not_keep_reviews(reporting):
    review = EquityReviewFactory()

    with pytest.raises(PermissionDenied):
        services.benchmark_save(benchmark=_benchmark(review), by=reporting)

    assert not review.benchmarks.exists()


def test_a_share_over_100_percent_is_refused_as_a_validation_error(equity_staff):
    review = EquityReviewFactory()

    with pytest.raises(ValidationError):
        services.benchmark_save(benchmark=_benchmark(review, share="131.0"), by=equity_staff)

    assert not review.benchmarks.exists()


def test_deleting_a_benchmark_is_refused_to_staff_whose_role_does_not_keep_reviews(reporting):
    benchmark = services.benchmark_save(
        benchmark=_benchmark(EquityReviewFactory()), by=StaffFactory(is_superuser=True)
    )

    with pytest.raises(PermissionDenied):
        services.benchmark_delete(benchmark=benchmark, by=reporting)

    assert Benchmark.objects.filter(pk=benchmark.pk).exists()


def test_equity_staff_add_a_benchmark_and_a_follow_up_inline_in_the_back_office(
    client, equity_staff
):
    review = EquityReviewFactory(fiscal_year="2030-31")
    client.force_login(equity_staff)

    response = client.post(
        f"/admin/equity/equityreview/{review.pk}/change/",
        _review_form(
            **{
                "benchmarks-TOTAL_FORMS": "1",
                "benchmarks-0-dimension": "racialized",
                "benchmarks-0-category": "racialized",
                "benchmarks-0-share": "31.0",
                "benchmarks-0-source_en": "Census 2021",
                "benchmarks-0-source_fr": "Recensement 2021",
                "benchmarks-0-source_url": "",
                "follow_up_links-TOTAL_FORMS": "1",
                "follow_up_links-0-label_en": "Mentoring for racialized staff",
                "follow_up_links-0-label_fr": "Mentorat",
                "follow_up_links-0-url": "",
                "follow_up_links-0-order": "0",
            }
        ),
    )

    assert response.status_code == 302, response.text
    assert review.benchmarks.get().share == Decimal("31.0")
    assert review.follow_up_links.get().label_en == "Mentoring for racialized staff"


def test_equity_staff_add_a_follow_up_through_the_service(equity_staff):
    review = EquityReviewFactory()

    services.follow_up_save(
        follow_up=FollowUpLink(review=review, label_en="Mentoring", label_fr="Mentorat"),
        by=equity_staff,
    )

    assert review.follow_up_links.get().label_en == "Mentoring"


def test_adding_a_follow_up_is_refused_to_staff_whose_role_does_not_keep_reviews(reporting):
    review = EquityReviewFactory()

    with pytest.raises(PermissionDenied):
        services.follow_up_save(
            follow_up=FollowUpLink(review=review, label_en="Mentoring", label_fr="Mentorat"),
            by=reporting,
        )

    assert not review.follow_up_links.exists()


def test_deleting_a_follow_up_is_refused_to_staff_whose_role_does_not_keep_reviews(reporting):
    follow_up = FollowUpLink.objects.create(review=EquityReviewFactory(), label_en="Mentoring")

    with pytest.raises(PermissionDenied):
        services.follow_up_delete(follow_up=follow_up, by=reporting)

    assert FollowUpLink.objects.filter(pk=follow_up.pk).exists()


def test_equity_staff_delete_a_draft_review_through_the_service(equity_staff):
    review = EquityReviewFactory()

    services.review_delete(review=review, by=equity_staff)

    assert not EquityReview.objects.filter(pk=review.pk).exists()


def test_deleting_a_review_is_refused_to_staff_whose_role_does_not_keep_reviews(reporting):
    review = EquityReviewFactory()

    with pytest.raises(PermissionDenied):
        services.review_delete(review=review, by=reporting)

    assert EquityReview.objects.filter(pk=review.pk).exists()


def test_a_review_that_opened_is_not_deleted(equity_staff, open_review):
    with pytest.raises(ValidationError):
        services.review_delete(review=open_review, by=equity_staff)

    assert EquityReview.objects.filter(pk=open_review.pk).exists()
