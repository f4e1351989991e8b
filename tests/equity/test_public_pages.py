import re

import pytest

from equity import services
from equity.models import Benchmark, FollowUpLink

from .conftest import add_members, answer, publish
from .factories import EquityReviewFactory, GroupFactory

pytestmark = pytest.mark.django_db

ANSWERS = {
    "racialized": "racialized",
    "indigenous": "not_indigenous",
    "immigration": "arrived_over_10",
    "refugee": "no_refugee_experience",
    "gender": "woman",
    "age": "25_44",
    "disability": "no_disability",
    "first_language": "other_language",
}


def published_review(staff, n=15, fiscal_year="2025-26"):
    council = GroupFactory(slug="council", name_en="Council", name_fr="Conseil")
    review = EquityReviewFactory(fiscal_year=fiscal_year)
    review.bodies.set([council])
    people = add_members(council, n)
    services.review_open(review=review, by=staff)
    # A third each racialized, not racialized and preferring not to say: no small cell there.
    for index, person in enumerate(people):
        racialized = ["racialized", "not_racialized", "prefer_not_to_say"][index % 3]
        answer(review, person, **{**ANSWERS, "racialized": racialized})
    Benchmark.objects.create(
        review=review,
        dimension="racialized",
        category="racialized",
        share="31.0",
        source_en="Census table 98-10",
        source_fr="Tableau du recensement 98-10",
    )
    FollowUpLink.objects.create(
        review=review,
        label_en="Reserved seats",
        label_fr="Sièges réservés",
        url="https://x.example/",
    )
    return publish(review, staff)


def test_the_list_shows_published_reviews_only(client, staff):
    published_review(staff)
    EquityReviewFactory(fiscal_year="2026-27")

    html = client.get("/about/equity-review/").text

    assert "Equity review 2025-26" in html
    assert "2026-27" not in html


def test_an_unpublished_review_is_not_public(client, staff, open_review):
    assert client.get(f"/about/equity-review/{open_review.fiscal_year}/").status_code == 404


def test_the_published_review_shows_figures_benchmarks_findings_and_actions(client, staff):
    review = published_review(staff)

    html = client.get(f"/about/equity-review/{review.fiscal_year}/").text

    assert "Fewer racialized members than the region." in html
    assert "Reserve seats." in html
    assert "Reserved seats" in html
    assert "Census table 98-10" in html
    assert "31.0%" in html
    assert "+2.3" in html  # a third racialized (33.3 %) against 31 %
    assert "<svg" in html and "<table>" in html


def test_the_published_review_reads_in_french(client, staff):
    review = published_review(staff)

    html = client.get(f"/fr/about/equity-review/{review.fiscal_year}/").text

    assert '<html lang="fr"' in html
    assert "Réserver des sièges." in html
    assert "Tableau du recensement 98-10" in html
    assert "Conseil" in html
    assert "<dt>Date de publication</dt>" in html


def test_charts_use_no_style_attribute(client, staff):
    review = published_review(staff)

    html = client.get(f"/about/equity-review/{review.fiscal_year}/").text

    assert not re.search(r"\sstyle=", html)


def test_the_public_page_runs_a_fixed_number_of_queries_for_200_people(
    client, staff, django_assert_max_num_queries
):
    review = published_review(staff, n=200)

    with django_assert_max_num_queries(3):
        response = client.get(f"/about/equity-review/{review.fiscal_year}/")
    assert response.status_code == 200


def test_the_staff_figures_page_runs_a_fixed_number_of_queries_for_200_people(
    client, staff, django_assert_max_num_queries
):
    council = GroupFactory(slug="council")
    settle = GroupFactory(slug="settle")
    review = EquityReviewFactory()
    review.bodies.set([council, settle])
    people = add_members(council, 120) + add_members(settle, 80)
    services.review_open(review=review, by=staff)
    for person in people:
        answer(review, person, **ANSWERS)
    services.review_close(review=review, by=staff)
    client.force_login(staff)

    # One more checks that the staff member has their second factor; two read the permissions
    # their roles grant.
    with django_assert_max_num_queries(14):
        response = client.get(f"/about/equity-review/manage/{review.fiscal_year}/")
    assert response.status_code == 200
    assert "Racialized identity" in response.text


def test_the_list_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    from django.utils import timezone

    from equity.models import EquityReview

    for year in range(1990, 2020):
        EquityReviewFactory(fiscal_year=f"{year}-{(year + 1) % 100:02d}")
    EquityReview.objects.update(status=EquityReview.Status.PUBLISHED, published_at=timezone.now())

    with django_assert_max_num_queries(1):
        html = client.get("/about/equity-review/").text
    assert html.count("/about/equity-review/19") + html.count("/about/equity-review/20") == 30


def test_the_public_figures_say_why_each_hidden_count_is_hidden(client, staff):
    # All 15 are women: the other genders (0 each) read "fewer than 5", and the 15 is hidden
    # with them, since 15 shown beside a total of 15 would tell that the others are 0.
    review = published_review(staff)

    html = client.get(f"/about/equity-review/{review.fiscal_year}/").text
    french = client.get(f"/fr/about/equity-review/{review.fiscal_year}/").text

    assert "fewer than 5" in html
    assert "not shown, to protect small counts" in html
    assert "a count under 5 reads “fewer than 5”" in html
    assert "non affiché, pour protéger les petits nombres" in french
