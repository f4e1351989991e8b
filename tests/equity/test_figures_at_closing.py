"""No figure while the questionnaire is open; the figures are computed once, when it closes."""

import pytest

from equity import services
from equity.aggregates import Band, aggregates_compute
from equity.models import Answer, EquityReview

from .conftest import FULL_TEXTS, add_members, answer
from .factories import EquityReviewFactory, GroupFactory

pytestmark = pytest.mark.django_db


def review_answered_by(staff, genders, *, invited=None):
    """An open review of the Council, whose first members answered these genders."""
    council = GroupFactory(slug="council", name="Council")
    review = EquityReviewFactory()
    review.bodies.set([council])
    people = add_members(council, invited or len(genders))
    services.review_open(review=review, by=staff)
    for person, gender in zip(people, genders, strict=False):
        answer(review, person, gender=gender)
    return review


SIX_AND_SIX = ["woman"] * 6 + ["man"] * 6
# Every gender at the threshold or above, so that no figure is hidden.
NOTHING_SMALL = SIX_AND_SIX + ["another_gender"] * 5 + ["prefer_not_to_say"] * 5


def manage_page(client, staff, review):
    client.force_login(staff)
    return client.get(f"/about/equity-review/manage/{review.fiscal_year}/")


def test_while_the_questionnaire_is_open_staff_see_how_many_answered_in_bands_and_no_figure(
    client, staff
):
    review = review_answered_by(staff, SIX_AND_SIX, invited=20)

    html = manage_page(client, staff, review).text

    assert "<td>20</td><td>10 to 14</td>" in html
    assert "in bands of 5" in html
    for figure in ("Racialized identity", "Woman", "<td>12</td>", "60%"):
        assert figure not in html, figure


@pytest.mark.parametrize(
    ("count", "invited", "reads"),
    [
        (0, 30, "fewer than 5"),
        (4, 30, "fewer than 5"),
        (5, 30, "5 to 9"),
        (9, 30, "5 to 9"),
        (10, 30, "10 to 14"),
        (11, 12, "10 to 12"),
        (10, 10, "10"),
    ],
)
def test_a_count_of_answers_reads_as_its_band_of_5_never_above_the_number_invited(
    count, invited, reads
):
    assert str(Band.of(count, base=5, most=invited)) == reads


def test_the_figures_are_computed_once_when_the_questionnaire_closes(client, staff):
    review = review_answered_by(staff, NOTHING_SMALL)

    services.review_close(review=review, by=staff)
    at_closing = aggregates_compute(review)
    Answer.objects.filter(dimension="gender").update(category="man")  # rows changed later

    review.refresh_from_db()
    assert review.aggregates == at_closing
    html = manage_page(client, staff, review).text
    # Six women and six men of 22, in all governance and in the Council, as at closing.
    assert html.count('<td>6 <span class="share">(27.3%)</span></td>') == 4


def test_publishing_publishes_the_figures_stored_when_the_questionnaire_closed(staff):
    review = review_answered_by(staff, NOTHING_SMALL)
    services.review_close(review=review, by=staff)
    at_closing = EquityReview.objects.get(pk=review.pk).aggregates
    Answer.objects.filter(dimension="gender").update(category="man")
    EquityReview.objects.filter(pk=review.pk).update(**FULL_TEXTS)

    services.review_publish(review=review, by=staff)

    review.refresh_from_db()
    assert review.aggregates == at_closing
    assert review.aggregates["dimensions"]["gender"]["all"]["cells"]["woman"] == 6


def test_a_review_closed_before_figures_were_stored_at_closing_says_when_they_come(client, staff):
    review = review_answered_by(staff, SIX_AND_SIX)
    services.review_close(review=review, by=staff)
    EquityReview.objects.filter(pk=review.pk).update(aggregates=None)

    html = manage_page(client, staff, review).text

    assert "they are computed when it is published" in html
    assert "Woman" not in html


def test_a_review_closed_before_figures_were_stored_at_closing_gets_them_when_published(staff):
    review = review_answered_by(staff, NOTHING_SMALL)
    services.review_close(review=review, by=staff)
    EquityReview.objects.filter(pk=review.pk).update(aggregates=None, **FULL_TEXTS)

    services.review_publish(review=review, by=staff)

    review.refresh_from_db()
    assert review.aggregates["dimensions"]["gender"]["all"]["cells"]["woman"] == 6


def test_the_staff_page_of_an_open_review_runs_a_fixed_number_of_queries(
    client, staff, django_assert_max_num_queries
):
    council = GroupFactory(slug="council", name="Council")
    settle = GroupFactory(slug="settle", name="Settle")
    review = EquityReviewFactory()
    review.bodies.set([council, settle])
    people = add_members(council, 80) + add_members(settle, 40)
    services.review_open(review=review, by=staff)
    for person in people[:60] + people[80:]:
        answer(review, person)
    client.force_login(staff)

    with django_assert_max_num_queries(12):  # with the staff member's permission read
        response = client.get(f"/about/equity-review/manage/{review.fiscal_year}/")
    assert response.status_code == 200
    assert "<td>120</td><td>100 to 104</td>" in response.text
