"""A hidden figure says why it is hidden: under the threshold, or to protect a small one."""

import pytest

from equity import services
from equity.aggregates import ALL, aggregates_compute, aggregates_present

from .conftest import add_members, answer, publish
from .factories import EquityReviewFactory, GroupFactory

pytestmark = pytest.mark.django_db

# 9 women, 6 men, 1 of another gender: the 1 is hidden, and others with it, or the 1 could be
# worked out from the total.
GENDERS = ["woman"] * 9 + ["man"] * 6 + ["another_gender"]


def review_of_the_council(staff, genders=GENDERS):
    council = GroupFactory(slug="council", name_en="Council", name_fr="Conseil")
    review = EquityReviewFactory(fiscal_year="2025-26")
    review.bodies.set([council])
    people = add_members(council, len(genders))
    services.review_open(review=review, by=staff)
    for person, gender in zip(people, genders, strict=True):
        answer(review, person, gender=gender)
    return review


def gender_cells_of_all_governance(aggregates):
    gender = next(d for d in aggregates_present(aggregates, []) if d["code"] == "gender")
    row = next(row for row in gender["rows"] if row["key"] == ALL)
    return {entry["category"]: str(entry["cell"]) for entry in row["cells"]}


def test_a_count_under_the_threshold_reads_fewer_than_5(staff):
    review = review_of_the_council(staff)

    cells = gender_cells_of_all_governance(aggregates_compute(review))

    assert cells["another_gender"] == "fewer than 5"
    assert cells["prefer_not_to_say"] == "fewer than 5"  # nobody: 0 is fewer than 5


def test_a_count_hidden_only_to_protect_a_small_one_reads_not_shown_never_fewer_than_5(staff):
    review = review_of_the_council(staff)

    cells = gender_cells_of_all_governance(aggregates_compute(review))

    assert cells["man"] == "not shown, to protect small counts"


def test_a_hidden_figure_stored_before_its_reason_was_reads_not_shown(staff):
    review = review_of_the_council(staff)
    aggregates = aggregates_compute(review)
    for rows in aggregates["dimensions"].values():
        for row in rows.values():
            del row["small"], row["total_small"]

    cells = gender_cells_of_all_governance(aggregates)

    # Which hidden figure was small is not known: none claims to be under 5.
    assert cells["man"] == cells["another_gender"] == "not shown, to protect small counts"
    assert "fewer than 5" not in cells.values()


def test_a_response_count_under_the_threshold_still_reads_fewer_than_5(client, staff):
    review = review_of_the_council(staff, genders=["woman"] * 4)
    services.review_close(review=review, by=staff)
    client.force_login(staff)

    html = client.get(f"/about/equity-review/manage/{review.fiscal_year}/").text

    assert "<td>4</td><td>fewer than 5</td>" in html


@pytest.mark.parametrize(
    ("prefix", "small", "protecting", "note"),
    [
        ("", "fewer than 5", "not shown, to protect small counts", "it may be large"),
        ("/fr", "moins de 5", "non affiché, pour protéger les petits nombres", "il peut être"),
    ],
)
def test_the_published_review_labels_each_hidden_figure_and_explains_both_labels(
    client, staff, prefix, small, protecting, note
):
    review = publish(review_of_the_council(staff), staff)

    html = client.get(f"{prefix}/about/equity-review/{review.fiscal_year}/").text

    assert f"<td>{protecting}</td>" in html
    assert f"<td>{small}</td>" in html
    assert note in html
