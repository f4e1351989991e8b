import random

import pytest

from equity import services
from equity.aggregates import ALL, aggregates_compute, aggregates_present
from equity.questions import DIMENSIONS_BY_CODE

from .conftest import add_members, answer
from .factories import EquityReviewFactory, GroupFactory

pytestmark = pytest.mark.django_db

BASE = {
    "racialized": "not_racialized",
    "indigenous": "not_indigenous",
    "immigration": "born_in_canada",
    "refugee": "no_refugee_experience",
    "gender": "woman",
    "age": "45_64",
    "disability": "no_disability",
    "first_language": "english",
}


def open_review_with(staff, bodies_people):
    """bodies_people: {slug: [answers dict, ...]}; each answer is a new member of that body."""
    bodies = {slug: GroupFactory(slug=slug, name=slug.title()) for slug in bodies_people}
    review = EquityReviewFactory()
    review.bodies.set(bodies.values())
    people = {slug: add_members(bodies[slug], len(rows)) for slug, rows in bodies_people.items()}
    services.review_open(review=review, by=staff)
    for slug, rows in bodies_people.items():
        for person, answers in zip(people[slug], rows, strict=True):
            if answers is not None:
                answer(review, person, **{**BASE, **answers})
    return review, bodies


def gender_row(aggregates, key):
    return aggregates["dimensions"]["gender"][key]


def test_a_small_cell_is_hidden_and_reads_fewer_than_5(staff):
    rows = [{"gender": "woman"}] * 8 + [{"gender": "man"}] * 3 + [{"gender": "another_gender"}]
    review, bodies = open_review_with(staff, {"council": rows})

    row = gender_row(aggregates_compute(review), ALL)

    assert row["cells"]["man"] is None
    assert row["cells"]["another_gender"] is None
    assert row["total"] == 12


def test_hidden_cells_cannot_be_worked_out_from_the_row_total(staff):
    rows = [{"gender": "woman"}] * 9 + [{"gender": "man"}] * 6 + [{"gender": "another_gender"}]
    review, bodies = open_review_with(staff, {"council": rows})

    row = gender_row(aggregates_compute(review), str(bodies["council"].pk))

    hidden = {code for code, value in row["cells"].items() if value is None}
    assert len(hidden) >= 2
    assert row["total"] == 16
    # The cells hidden to protect the small ones hold 5 or more each; what they share beyond
    # that leaves each small one anywhere from 0 to 4.
    shared = row["total"] - sum(v for v in row["cells"].values() if v is not None)
    assert shared - 5 * len(hidden - set(row["small"])) >= 4


def test_a_body_cell_cannot_be_worked_out_from_all_governance_and_the_other_body(staff):
    # Body B has 2 racialized members: all governance (8) minus body A (6) would give it away.
    review, bodies = open_review_with(
        staff,
        {
            "body-a": [{"racialized": "racialized"}] * 6 + [{}] * 6,
            "body-b": [{"racialized": "racialized"}] * 2 + [{}] * 10,
        },
    )

    table = aggregates_compute(review)["dimensions"]["racialized"]

    assert table[str(bodies["body-b"].pk)]["cells"]["racialized"] is None
    # At least one of the two figures it could be worked out from is hidden with it.
    assert (
        table[ALL]["cells"]["racialized"] is None
        or table[str(bodies["body-a"].pk)]["cells"]["racialized"] is None
    )


def test_no_hidden_cell_is_recoverable_across_bodies_or_totals(staff):
    rng = random.Random(8)
    categories = DIMENSIONS_BY_CODE["gender"].category_codes
    rows = {
        slug: [{"gender": rng.choice(categories)} for _ in range(rng.randint(3, 14))]
        for slug in ("body-a", "body-b", "body-c")
    }
    review, bodies = open_review_with(staff, rows)
    true = {
        str(bodies[slug].pk): {c: sum(1 for r in people if r["gender"] == c) for c in categories}
        for slug, people in rows.items()
    }
    true[ALL] = {c: sum(t[c] for t in true.values()) for c in categories}

    table = aggregates_compute(review)["dimensions"]["gender"]

    for key, row in table.items():  # along each row, against its total
        hidden = [c for c in categories if row["cells"][c] is None]
        if row["total"] is not None and hidden:
            assert len(hidden) >= 2 and sum(true[key][c] for c in hidden) >= 5
    for c in categories:  # down each column: all governance = the sum of the (disjoint) bodies
        hidden = [key for key in table if key != ALL and table[key]["cells"][c] is None]
        if table[ALL]["cells"][c] is not None and hidden:
            assert len(hidden) >= 2 and sum(true[key][c] for key in hidden) >= 5
        for key, row in table.items():
            if row["cells"][c] is not None:
                assert row["cells"][c] == true[key][c] and row["cells"][c] >= 5


def test_fewer_than_5_responses_hide_the_count_and_the_rate(staff):
    review, _ = open_review_with(staff, {"council": [{}] * 4 + [None] * 6})

    aggregates = aggregates_compute(review)

    assert aggregates["invited"] == 10
    assert aggregates["responded"] is None
    assert aggregates["bodies"][0]["responded"] is None


def test_staff_see_only_the_response_rate_until_5_people_answer(client, staff):
    review, _ = open_review_with(staff, {"council": [{}] * 4 + [None] * 6})
    services.review_close(review=review, by=staff)
    client.force_login(staff)

    html = client.get(f"/about/equity-review/manage/{review.fiscal_year}/").text

    assert "Response rate" in html
    assert "fewer than 5" in html
    assert "The figures appear once at least 5 people have answered" in html
    assert "Racialized identity" not in html


def test_staff_see_suppressed_figures_once_the_questionnaire_closes(client, staff):
    review, _ = open_review_with(staff, {"council": [{}] * 5 + [None] * 5})
    services.review_close(review=review, by=staff)
    client.force_login(staff)

    html = client.get(f"/about/equity-review/manage/{review.fiscal_year}/").text

    assert "Racialized identity" in html
    assert "50%" in html  # 5 of 10 answered


def test_the_gap_against_the_benchmark_is_in_percentage_points(staff):
    from equity.aggregates import aggregates_present
    from equity.models import Benchmark

    rows = [{"racialized": "racialized"}] * 5 + [{}] * 10
    rows += [{"racialized": "prefer_not_to_say"}] * 5
    review, _ = open_review_with(staff, {"council": rows})
    Benchmark.objects.create(
        review=review, dimension="racialized", category="racialized", share="31.0", source="X"
    )

    presented = aggregates_present(aggregates_compute(review), review.benchmarks.all())

    racialized = next(d for d in presented if d["code"] == "racialized")
    cell = racialized["rows"][0]["cells"][0]
    assert cell["share"] == 25
    assert cell["gap"] == -6


def test_a_cell_hidden_to_protect_a_small_one_reads_not_shown_on_the_page(staff):
    rows = [{"gender": "woman"}] * 9 + [{"gender": "man"}] * 6 + [{"gender": "another_gender"}]
    review, bodies = open_review_with(staff, {"council": rows})

    presented = aggregates_present(aggregates_compute(review), benchmarks=[])
    gender = next(dimension for dimension in presented if dimension["code"] == "gender")
    council = next(row for row in gender["rows"] if row["key"] == str(bodies["council"].pk))
    labels = {entry["category"]: str(entry["cell"]) for entry in council["cells"]}

    assert labels["another_gender"] == "fewer than 5"
    assert labels["woman"] == "not shown, to protect small counts"
