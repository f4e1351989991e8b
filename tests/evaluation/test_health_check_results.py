"""The results: per body and overall, suppressed, published at closing, with the trend."""

import pytest
from django.urls import reverse
from django.utils import translation

from evaluation import services
from evaluation.models import HealthCheckComment
from evaluation.selectors import health_check_results, health_check_trend
from pillars.models import Group

from .health_check_helpers import answer, body, close, opened, seat

pytestmark = pytest.mark.django_db


def work_group():
    return body(slug="work", name="Work steering group", name_fr="Comité directeur Emploi")


def answered(health_check, group, n, rating=4):
    for person in seat(group, n):
        answer(health_check, person, group, rating=rating)


def rows_of(results, statement=0):
    return {row["name"]: row for row in results["statements"][statement]["rows"]}


def test_a_body_with_five_answers_shows_its_mean_and_distribution():
    health_check = opened()
    council, work = body(), work_group()
    answered(health_check, council, 5, rating=4)
    answered(health_check, work, 6, rating=2)
    close(health_check)

    rows = rows_of(health_check_results("2026-27"))

    assert rows["Council"]["mean"] == "4.0"
    assert rows["Council"]["distribution"] == [0, 0, 0, 5, 0, 0]
    assert rows["Work steering group"]["mean"] == "2.0"
    assert str(rows["Every body"]["responses"]) == "11"


def test_a_body_under_five_shows_no_mean_and_neither_does_the_only_other_body():
    # Overall minus the body shown would give away the small body's ratings: both are hidden.
    health_check = opened()
    council, work = body(), work_group()
    answered(health_check, council, 2, rating=1)
    answered(health_check, work, 9, rating=5)
    close(health_check)

    rows = rows_of(health_check_results("2026-27"))

    assert not rows["Council"]["shown"]
    assert str(rows["Council"]["responses"]) == "fewer than 5"
    assert not rows["Work steering group"]["shown"]
    assert str(rows["Work steering group"]["responses"]) == "not shown, to protect small counts"
    assert rows["Every body"]["shown"]
    assert str(rows["Every body"]["responses"]) == "11"


def test_two_small_bodies_hidden_together_still_hold_fewer_than_five_so_a_third_hides():
    health_check = opened()
    council, work = body(), work_group()
    settle = body(
        slug="settle", name="Settle steering group", name_fr="Comité directeur Établissement"
    )
    belong = body(
        slug="belong", name="Belong steering group", name_fr="Comité directeur Appartenance"
    )
    answered(health_check, council, 2)
    answered(health_check, work, 2)
    answered(health_check, settle, 6)
    answered(health_check, belong, 20)
    close(health_check)

    rows = rows_of(health_check_results("2026-27"))

    assert not rows["Council"]["shown"] and not rows["Work steering group"]["shown"]
    # The hidden bodies hold 4 people: the smallest body shown hides too.
    assert not rows["Settle steering group"]["shown"]
    assert rows["Belong steering group"]["shown"]


def test_fewer_than_five_answers_in_all_hide_the_overall_figures_too():
    health_check = opened()
    council = body()
    answered(health_check, council, 4, rating=1)
    close(health_check)

    results = health_check_results("2026-27")
    rows = rows_of(results)

    assert not rows["Every body"]["shown"]
    assert str(results["responses"]) == "fewer than 5"
    assert results["overall_mean"] is None


def test_the_stored_results_hold_no_figure_of_a_hidden_body():
    health_check = opened()
    council, work = body(), work_group()
    answered(health_check, council, 3, rating=1)
    answered(health_check, work, 3, rating=5)
    answered(health_check, body(slug="belong", name="Belong", name_fr="Appartenance"), 7)
    health_check = close(health_check)

    stored = health_check.results
    shown_ids = {b["id"] for b in stored["bodies"] if b["shown"]}
    for statement in stored["statements"]:
        assert {int(pk) for pk in statement["bodies"]} == shown_ids
    for entry in stored["bodies"]:
        if not entry["shown"]:
            assert entry["responses"]["value"] is None


def test_a_mean_needs_five_ratings_dont_know_is_no_rating():
    health_check = opened()
    council = body()
    answered(health_check, council, 3, rating=None)
    answered(health_check, council, 3, rating=2)
    close(health_check)

    rows = rows_of(health_check_results("2026-27"))

    assert rows["Council"]["shown"]
    assert rows["Council"]["mean"] == "–"
    assert rows["Council"]["distribution"] == [0, 3, 0, 0, 0, 3]


def test_results_are_not_published_while_open(client):
    health_check = opened()
    answered(health_check, body(), 6)

    assert health_check_results("2026-27") is None
    assert client.get("/about/how-we-work/2026-27/health-check/").status_code == 404


def test_only_approved_comments_are_quoted(client, staff):
    health_check = opened()
    council = body()
    people = seat(council, 5)
    for index, person in enumerate(people):
        answer(health_check, person, council, comment=f"Comment number {index}")
    close(health_check)
    approved, rejected = HealthCheckComment.objects.filter(
        text__in=["Comment number 1", "Comment number 2"]
    )
    services.comment_moderate(comment=approved, status="approved", by=staff)
    services.comment_moderate(comment=rejected, status="rejected", by=staff)

    html = client.get("/about/how-we-work/2026-27/health-check/").content.decode()

    assert "Comment number 1" in html
    assert "Comment number 2" not in html
    assert "Comment number 3" not in html  # still waiting for moderation


def test_the_trend_reads_every_closed_year_oldest_first():
    for fiscal_year, rating in (("2024-25", 2), ("2025-26", 4)):
        health_check = opened(fiscal_year)
        answered(health_check, body(), 5, rating=rating)
        close(health_check)

    trend = health_check_trend()

    assert [y["fiscal_year"] for y in trend["years"]] == ["2024-25", "2025-26"]
    assert [y["mean"] for y in trend["years"]] == [2.0, 4.0]
    assert trend["statements"][0]["means"] == ["2.0", "4.0"]
    assert trend["chart"] is not None


def test_the_results_page_draws_the_trend_and_its_table(client):
    health_check = opened()
    answered(health_check, body(), 5, rating=3)
    close(health_check)

    html = client.get("/about/how-we-work/2026-27/health-check/").content.decode()

    assert "<svg" in html and "3.0 / 5" in html
    assert "<table" in html and "<caption>Decisions are made transparently.</caption>" in html


def test_the_results_page_is_in_french(client):
    health_check = opened()
    answered(health_check, body(), 5, rating=3)
    close(health_check)

    with translation.override("fr"):
        url = reverse("evaluation:health_check_results", kwargs={"fiscal_year": "2026-27"})
    html = client.get(url).content.decode()

    assert url.startswith("/fr/")
    assert "Les décisions sont prises de façon transparente." in html
    assert "Conseil" in html
    assert "3,0" in html


@pytest.mark.parametrize("people", [5, 40])
def test_the_results_page_costs_the_same_queries_whatever_the_data(
    client, django_assert_max_num_queries, people
):
    for fiscal_year in ("2024-25", "2025-26") if people > 5 else ("2025-26",):
        health_check = opened(fiscal_year)
        for index in range(people // 5):
            group = body(
                slug=f"g{index}",
                name=f"Group {index}",
                name_fr=f"Groupe {index}",
                kind=Group.Kind.COUNCIL,
            )
            answered(health_check, group, 5)
            HealthCheckComment.objects.create(
                health_check=health_check, text=f"Quote {index}", status="approved"
            )
        close(health_check)

    with django_assert_max_num_queries(4):
        response = client.get("/about/how-we-work/2025-26/health-check/")
    assert response.status_code == 200


def test_the_how_we_work_page_shows_the_year_s_health_check(client):
    health_check = opened()
    answered(health_check, body(), 5, rating=3)
    close(health_check)

    html = client.get("/about/how-we-work/2026-27/").content.decode()

    assert 'id="health-check-title"' in html
    assert "<caption>Decisions are made transparently.</caption>" in html
    assert "3.0 / 5" in html


def test_the_how_we_work_page_says_so_while_the_year_s_health_check_is_not_closed(client):
    health_check = opened()
    answered(health_check, body(), 5, rating=3)

    html = client.get("/about/how-we-work/2026-27/").content.decode()

    assert "No partnership health check has been closed for FY 2026-27" in html
    assert "Decisions are made transparently." not in html
