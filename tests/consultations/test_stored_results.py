"""The public results are computed when a consultation changes state and stored; the page
reads them and aggregates nothing."""

import io
import random

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from consultations import selectors, services
from consultations.models import AboutYou, Answer, Consultation, Question, Response, ResultsSnapshot

from .conftest import question
from .legacy_results import live_published_results

pytestmark = pytest.mark.django_db

TEXTS = ["Evening classes", "A bus to the centre", "دروس مسائية", "Plus de garderies"]


def answer_at_random(consultation, count, seed):
    """`count` responses with random answers and "about you" codes (blank ones included)."""
    rng = random.Random(seed)
    questions = list(consultation.questions.all())
    responses = Response.objects.bulk_create(
        Response(
            consultation=consultation,
            language=rng.choice(consultation.languages),
            channel=rng.choice(Response.Channel.values),
            **{
                field: rng.choice([*AboutYou.codes(field), "", ""])
                for field in AboutYou.FIELDS
                if rng.random() < 0.8
            },
        )
        for _ in range(count)
    )
    answers = []
    for response in responses:
        for q in questions:
            if rng.random() < 0.2:
                continue
            if q.kind == Question.Kind.SEVERAL_CHOICES:
                values = rng.sample(q.choice_keys(), rng.randint(1, 3))
            elif q.is_text:
                values = [rng.choice(TEXTS)]
            else:
                # Skewed, so some cells are small and suppressed.
                values = [rng.choice(q.choice_keys()[:1] * 8 + q.choice_keys())]
            answers += [Answer(response=response, question=q, value=v) for v in values]
    Answer.objects.bulk_create(answers)
    text_answers = [a.pk for a in answers if a.question.is_text]
    Answer.objects.filter(pk__in=rng.sample(text_answers, 4)).update(quote_approved=True)


def publish(consultation, staff):
    services.consultation_set_status(by=staff, consultation=consultation, status="closed")
    return services.consultation_set_status(by=staff, consultation=consultation, status="published")


def page(client, consultation, prefix=""):
    return client.get(prefix + reverse("consultations:results", kwargs={"slug": consultation.slug}))


def shown(consultation, language="en"):
    """The results the public page shows, read the way the page reads them."""
    consultation = selectors.consultation_get_published(slug=consultation.slug)
    with translation.override(language):
        return selectors.stored_results(
            consultation=consultation,
            questions=selectors.question_list(consultation=consultation),
            display_language=language,
        )


def plain(results):
    def rows(rows):
        return [(r.key, r.label, r.count, r.width, r.percent) for r in rows]

    return {
        "total": results["total"],
        "questions": [
            (q.question.pk, q.label, q.answered, rows(q.rows), q.table)
            for q in results["questions"]
        ],
        "breakdowns": [
            (b["field"], b["label"], b["total"], rows(b["rows"])) for b in results["breakdowns"]
        ],
        "quotes": [
            (q["pk"], q["value"], q.get("language", q.get("response__language")), q["bidi"])
            for q in results["quotes"]
        ],
    }


@pytest.mark.parametrize("count,seed", [(23, 1), (140, 2), (600, 3)])
@pytest.mark.parametrize("language", ["en", "fr"])
def test_stored_results_equal_what_the_page_computed_per_request_before(
    survey, count, seed, language, staff
):
    answer_at_random(survey, count, seed)
    publish(survey, staff)

    with translation.override(language):
        live = live_published_results(
            consultation=survey,
            questions=selectors.question_list(consultation=survey),
            display_language=language,
        )
    stored = shown(survey, language)

    assert plain(stored) == plain(live)
    tables = [q.table for q in stored["questions"] if q.table]
    assert any(cell.suppressed for t in tables for row in t["rows"] for cell in row["cells"])


def test_a_response_entered_after_publication_changes_nothing_until_the_next_change_of_state(
    client, survey, answers_for, staff
):
    answer_at_random(survey, 40, 4)
    publish(survey, staff)
    before = page(client, survey).content

    services.response_submit(
        by=staff,
        consultation=survey,
        language="en",
        answers={q.pk: ["1"] for q in survey.questions.all() if q.is_choice}
        | {q.pk: ["Late answer"] for q in survey.questions.all() if q.is_text},
        nonce="late-paper-answer",
        channel=Response.Channel.PAPER,
        staff_entry=True,
    )

    assert page(client, survey).content == before
    assert shown(survey)["total"].value == 40
    services.consultation_set_status(by=staff, consultation=survey, status="closed")
    services.consultation_set_status(by=staff, consultation=survey, status="published")
    assert shown(survey)["total"].value == 41


def test_approving_a_quote_shows_it_at_once(client, survey, staff):
    answer_at_random(survey, 40, 5)
    publish(survey, staff)
    answer = Answer.objects.filter(question__kind="long", quote_approved=False).first()
    answer.value = "A quote approved after publication"
    answer.save(update_fields=["value"])

    services.answer_set_quote_approved(by=staff, answer=answer, approved=True)

    assert "A quote approved after publication" in page(client, survey).content.decode()


def test_withdrawing_a_quote_removes_it_at_once(client, survey, staff):
    answer_at_random(survey, 40, 6)
    publish(survey, staff)
    quote = Answer.objects.filter(quote_approved=True).first()
    shown_before = len(shown(survey)["quotes"])

    services.answer_set_quote_approved(by=staff, answer=quote, approved=False)

    assert len(shown(survey)["quotes"]) == shown_before - 1
    assert quote.pk not in {q["pk"] for q in shown(survey)["quotes"]}


def test_moderation_refreshes_the_quotes_but_not_the_counts(survey, staff):
    answer_at_random(survey, 40, 7)
    publish(survey, staff)
    ResultsSnapshot.objects.filter(consultation=survey).update(computed_at="2020-01-01T00:00Z")
    Response.objects.create(consultation=survey, language="en", age_band="65_plus")

    quote = Answer.objects.filter(question__kind="short", quote_approved=False).first()
    services.answer_set_quote_approved(by=staff, answer=quote, approved=True)

    assert shown(survey)["total"].value == 40
    assert quote.pk in {q["pk"] for q in shown(survey)["quotes"]}
    assert shown(survey)["computed_at"].year == 2020


def test_closing_stores_the_results_and_reopening_drops_them(survey, staff):
    services.consultation_set_status(by=staff, consultation=survey, status="closed")
    assert ResultsSnapshot.objects.filter(consultation=survey).exists()

    services.consultation_set_status(by=staff, consultation=survey, status="open")

    assert not ResultsSnapshot.objects.filter(consultation=survey).exists()


def test_the_admin_action_publishes_through_the_service(client, staff, survey):
    staff.is_superuser = True
    staff.save()
    answer_at_random(survey, 30, 8)
    services.consultation_set_status(by=staff, consultation=survey, status="closed")
    ResultsSnapshot.objects.all().delete()
    client.force_login(staff)

    client.post(
        reverse("admin:consultations_consultation_changelist"),
        {"action": "make_published", "_selected_action": [survey.pk]},
    )

    assert ResultsSnapshot.objects.get(consultation=survey).figures["total"] == 30


def test_deleting_a_response_in_the_admin_takes_its_quote_out_of_the_results(client, staff, survey):
    staff.is_superuser = True
    staff.save()
    answer_at_random(survey, 30, 9)
    publish(survey, staff)
    quote = Answer.objects.filter(quote_approved=True).select_related("response").first()
    client.force_login(staff)

    client.post(
        reverse("admin:consultations_response_changelist"),
        {"action": "delete_selected", "_selected_action": [quote.response_id], "post": "yes"},
    )

    assert not Response.objects.filter(pk=quote.response_id).exists()
    assert quote.pk not in {q["pk"] for q in shown(survey)["quotes"]}


def test_rebuilding_stores_the_results_of_every_closed_or_published_consultation(survey):
    answer_at_random(survey, 30, 10)
    Consultation.objects.filter(pk=survey.pk).update(status=Consultation.Status.PUBLISHED)

    assert services.consultation_results_rebuild_all() == 1

    assert ResultsSnapshot.objects.get(consultation=survey).figures["total"] == 30


def test_a_published_consultation_without_stored_results_gets_them_on_first_view(client, survey):
    answer_at_random(survey, 30, 11)
    Consultation.objects.filter(pk=survey.pk).update(status=Consultation.Status.PUBLISHED)

    response = page(client, survey)

    assert response.context["results"]["total"].value == 30
    assert ResultsSnapshot.objects.filter(consultation=survey).exists()


def test_the_published_page_in_french_reads_the_same_stored_figures(client, survey, staff):
    answer_at_random(survey, 30, 12)
    publish(survey, staff)

    html = page(client, survey, "/fr").content.decode()

    assert "moins de 5" in html
    assert question(survey, Question.Kind.ONE_CHOICE).text_in("fr") in html


def test_the_rebuild_command_stores_the_results_of_closed_consultations(survey):
    answer_at_random(survey, 12, 13)
    Consultation.objects.filter(pk=survey.pk).update(status=Consultation.Status.CLOSED)
    out = io.StringIO()

    call_command("rebuild_consultation_results", stdout=out)

    assert ResultsSnapshot.objects.get(consultation=survey).figures["total"] == 12
    assert "1 consultation" in out.getvalue()
