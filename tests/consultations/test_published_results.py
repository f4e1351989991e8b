import pytest
from django.urls import reverse

from consultations import selectors, services
from consultations.models import Answer, Consultation, Question, Response
from core.suppression import Cell

from .conftest import question

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(survey):
    """23 responses: choice 1 twice and choice 3 three times (small cells), choice 2 18 times."""
    Consultation.objects.filter(pk=survey.pk).update(
        status=Consultation.Status.PUBLISHED,
        what_we_did={
            "en": "We opened a language café.",
            "fr": "Nous avons ouvert un café linguistique.",
        },
    )
    survey.refresh_from_db()
    choice = question(survey, Question.Kind.ONE_CHOICE)
    text = question(survey, Question.Kind.LONG_TEXT)
    responses = Response.objects.bulk_create(
        Response(
            consultation=survey,
            language="ar" if n < 3 else "en",
            newcomer_status="refugee" if n < 2 else "citizen",
            age_band="65_plus" if n < 4 else "25_34",
        )
        for n in range(23)
    )
    Answer.objects.bulk_create(
        [
            Answer(response=r, question=choice, value="1" if n < 2 else ("3" if n < 5 else "2"))
            for n, r in enumerate(responses)
        ]
        + [
            Answer(
                response=responses[0],
                question=text,
                value="دروس مسائية قريبة من البيت",
                quote_approved=True,
            ),
            Answer(
                response=responses[5],
                question=text,
                value="Call me at 555-0100",
                quote_approved=False,
            ),
        ]
    )
    services.consultation_results_rebuild_all()  # loaded in bulk, round the services
    return survey


def results_of(consultation):
    return selectors.published_results(
        consultation=consultation,
        questions=selectors.question_list(consultation=consultation),
        display_language="en",
    )


def test_every_published_count_goes_through_suppression(published):
    results = results_of(published)

    cells = [row.count for q in results["questions"] for row in q.rows]
    cells += [q.answered for q in results["questions"]]
    cells += [row.count for b in results["breakdowns"] for row in b["rows"]]
    cells += [b["total"] for b in results["breakdowns"]]
    for q in results["questions"]:
        if q.table:
            cells += [c for row in q.table["rows"] for c in row["cells"]]
            cells += [row["total"] for row in q.table["rows"]]
            cells += q.table["column_totals"] + [q.table["total"]]
    assert cells and all(isinstance(cell, Cell) for cell in cells)
    assert all(cell.value is None or cell.value >= 5 for cell in cells)


def test_small_counts_of_a_question_are_suppressed_with_a_complement(published):
    choice_result = results_of(published)["questions"][0]

    counts = {row.key: row.count for row in choice_result.rows}
    assert counts["1"].suppressed and counts["3"].suppressed  # 2 and 3
    assert counts["2"].value == 18


def test_small_demographic_groups_are_suppressed(published):
    breakdowns = {b["field"]: b for b in results_of(published)["breakdowns"]}

    ages = {row.key: row.count for row in breakdowns["age_band"]["rows"]}
    assert ages["65_plus"].suppressed  # 4 people
    statuses = {row.key: row.count for row in breakdowns["newcomer_status"]["rows"]}
    assert statuses["refugee"].suppressed  # 2 people


def test_the_cross_table_by_immigration_status_is_suppressed(published):
    table = results_of(published)["questions"][0].table

    rows = {row["label"]: row for row in table["rows"]}
    assert all(cell.suppressed for cell in rows["Refugee or refugee claimant"]["cells"])
    assert rows["Refugee or refugee claimant"]["total"].suppressed


def test_the_results_page_shows_fewer_than_5_and_only_approved_quotes(client, published):
    html = client.get(
        reverse("consultations:results", kwargs={"slug": published.slug})
    ).content.decode()

    assert "fewer than 5" in html
    assert "<td>2</td>" not in html and "<td>3</td>" not in html and "<td>4</td>" not in html
    assert '<blockquote lang="ar" dir="rtl">دروس مسائية قريبة من البيت</blockquote>' in html
    assert "555-0100" not in html
    assert "We opened a language café." in html
    assert "<svg" in html and "<table>" in html


def test_the_results_page_in_french(client, published):
    html = client.get(f"/fr/consultations/{published.slug}/results/").content.decode()

    assert "Nous avons ouvert un café linguistique." in html
    assert "moins de 5" in html


@pytest.mark.parametrize("status", ["draft", "open", "closed"])
def test_results_are_not_public_before_they_are_published(client, survey, status):
    Consultation.objects.filter(pk=survey.pk).update(status=status)

    response = client.get(reverse("consultations:results", kwargs={"slug": survey.slug}))

    assert response.status_code == 404


def test_what_we_did_lists_the_action_items_it_led_to_with_their_progress(client, published):
    from tests.actionplans.factories import ActionItemFactory

    item = ActionItemFactory(title="Conversation circles at the library")
    item.percent = 40
    item.save(update_fields=["percent"])
    published.action_items.add(item)

    html = client.get(
        reverse("consultations:results", kwargs={"slug": published.slug})
    ).content.decode()

    assert f'href="/actions/{item.pk}/">Conversation circles at the library</a>' in html
    assert 'value="40"' in html


def test_what_we_did_leaves_out_items_of_a_draft_plan(client, published):
    from actionplans.models import ApprovalStatus
    from tests.actionplans.factories import ActionItemFactory

    item = ActionItemFactory(title="Not yet approved", annual_plan__status=ApprovalStatus.DRAFT)
    published.action_items.add(item)

    html = client.get(
        reverse("consultations:results", kwargs={"slug": published.slug})
    ).content.decode()

    assert "Not yet approved" not in html


def test_a_count_hidden_to_protect_a_small_one_does_not_read_fewer_than_5(client, published):
    # Immigration status: 2 refugees (small), 21 citizens hidden with them, the others 0.
    breakdowns = {b["field"]: b for b in results_of(published)["breakdowns"]}
    statuses = {row.key: row.count for row in breakdowns["newcomer_status"]["rows"]}
    html = client.get(reverse("consultations:results", kwargs={"slug": published.slug})).text

    assert str(statuses["refugee"]) == "fewer than 5"
    assert statuses["citizen"].suppressed
    assert str(statuses["citizen"]) == "not shown, to protect small counts"
    assert "not shown, to protect small counts" in html
    assert "a count under 5 reads “fewer than 5”" in html


def test_a_questions_chart_hides_exactly_what_its_table_totals_hide(published):
    result = results_of(published)["questions"][0]

    chart = [row.count for row in result.rows]

    assert chart == result.table["column_totals"]
    assert result.answered == result.table["total"]


def test_results_stored_before_hidden_cells_said_why_read_not_shown(client, published):
    snapshot = published.results_snapshot
    figures = snapshot.figures
    for breakdown in figures["breakdowns"]:
        for row in breakdown["rows"]:
            row.pop("small")
    snapshot.figures = figures
    snapshot.save()

    html = client.get(reverse("consultations:results", kwargs={"slug": published.slug})).text

    hidden = "<td>not shown, to protect small counts</td>"
    assert f'<th scope="row">65 or older</th>{hidden}' in html
