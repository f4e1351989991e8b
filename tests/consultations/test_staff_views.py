import csv
import datetime
import io

import pytest
from django.urls import reverse

from consultations import services
from consultations.models import Answer, Consultation, Question, Response

from .conftest import question
from .factories import AnswerFactory, ResponseFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["preview", "staff_results", "staff_results_csv", "staff_answers", "staff_entry"]


def staff_url(name, consultation, **kwargs):
    return reverse(f"consultations:{name}", kwargs={"slug": consultation.slug, **kwargs})


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, survey, name):
    response = client.get(staff_url(name, survey))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_partner_staff_cannot_see_staff_pages(client, survey, partner_staff, name):
    client.force_login(partner_staff)

    assert client.get(staff_url(name, survey)).status_code == 403


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_backbone_staff_see_staff_pages(client, survey, staff, name):
    client.force_login(staff)

    assert client.get(staff_url(name, survey)).status_code == 200


def test_staff_preview_a_draft_in_each_offered_language(client, survey, staff):
    Consultation.objects.filter(pk=survey.pk).update(status=Consultation.Status.DRAFT)
    client.force_login(staff)

    arabic = client.get(staff_url("preview", survey) + "?lang=ar").content.decode()
    french = client.get(staff_url("preview", survey) + "?lang=fr").content.decode()

    assert '<article class="consultation" lang="ar" dir="rtl">' in arabic and "سؤال 1؟" in arabic
    assert "Question 1 ?" in french
    assert 'method="post"' not in arabic.split('<main id="main"')[1]


def test_staff_enter_a_paper_response_in_arabic(client, survey, staff, answers_for):
    client.force_login(staff)
    data = answers_for(survey, channel=Response.Channel.PAPER)

    response = client.post(staff_url("staff_entry", survey) + "?lang=ar", data)

    assert response.status_code == 302
    stored = Response.objects.get()
    assert (stored.channel, stored.language) == ("paper", "ar")


def test_staff_may_enter_paper_responses_after_the_consultation_closed(
    client, survey, staff, answers_for
):
    Consultation.objects.filter(pk=survey.pk).update(status=Consultation.Status.CLOSED)
    client.force_login(staff)

    client.post(staff_url("staff_entry", survey), answers_for(survey, channel="session"))

    assert Response.objects.get().channel == "session"


def test_partner_staff_cannot_enter_responses(client, survey, partner_staff, answers_for):
    client.force_login(partner_staff)

    response = client.post(staff_url("staff_entry", survey), answers_for(survey, channel="paper"))

    assert response.status_code == 403
    assert not Response.objects.exists()


def test_staff_entry_is_stored_once_when_submitted_twice(client, survey, staff, answers_for):
    client.force_login(staff)
    data = answers_for(survey, channel="interview")

    client.post(staff_url("staff_entry", survey), data)
    client.post(staff_url("staff_entry", survey), data)

    assert Response.objects.count() == 1


def test_staff_mark_a_quote_fit_for_publication(client, survey, staff):
    answer = AnswerFactory(
        response__consultation=survey,
        question=question(survey, Question.Kind.LONG_TEXT),
        value="Evening classes",
    )
    client.force_login(staff)

    response = client.post(staff_url("staff_answer_quote", survey, pk=answer.pk), {"approved": "1"})

    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.quote_approved


def test_partner_staff_cannot_mark_quotes(client, survey, partner_staff):
    answer = AnswerFactory(
        response__consultation=survey, question=question(survey, Question.Kind.LONG_TEXT)
    )
    client.force_login(partner_staff)

    response = client.post(staff_url("staff_answer_quote", survey, pk=answer.pk), {"approved": "1"})

    assert response.status_code == 403
    answer.refresh_from_db()
    assert not answer.quote_approved


def test_a_choice_answer_cannot_be_quoted(client, survey, staff):
    answer = AnswerFactory(
        response__consultation=survey, question=question(survey, Question.Kind.ONE_CHOICE)
    )
    client.force_login(staff)

    client.post(staff_url("staff_answer_quote", survey, pk=answer.pk), {"approved": "1"})

    answer.refresh_from_db()
    assert not answer.quote_approved


def test_staff_results_filter_by_language_and_channel(client, survey, staff):
    choice = question(survey, Question.Kind.ONE_CHOICE)
    for language, channel in [("ar", "paper"), ("ar", "online"), ("en", "online")]:
        AnswerFactory(
            response=ResponseFactory(consultation=survey, language=language, channel=channel),
            question=choice,
            value="1",
        )
    client.force_login(staff)

    response = client.get(staff_url("staff_results", survey) + "?language=ar&channel=paper")

    results = response.context["results"]
    assert results["total"] == 1
    assert results["questions"][0].rows[0].count == 1


def test_the_csv_export_is_safe_from_spreadsheet_formulas(client, survey, staff):
    short = question(survey, Question.Kind.SHORT_TEXT)
    choice = question(survey, Question.Kind.ONE_CHOICE)
    response = ResponseFactory(consultation=survey, language="fr")
    Answer.objects.create(response=response, question=short, value='=HYPERLINK("http://x")')
    Answer.objects.create(response=response, question=choice, value="2")
    client.force_login(staff)

    content = client.get(staff_url("staff_results_csv", survey)).content.decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(content)))
    header, row = rows[0], rows[1]
    assert row[header.index(short.text["en"])] == '\'=HYPERLINK("http://x")'
    assert row[header.index(choice.text["en"])] == "No"
    assert row[2] == "fr"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)"])
def test_formula_safe_prefixes_every_dangerous_start(value):
    from core.spreadsheets import formula_safe

    assert formula_safe(value) == "'" + value


def test_opening_a_consultation_needs_every_offered_language(survey, staff):
    from django.core.exceptions import ValidationError

    Consultation.objects.filter(pk=survey.pk).update(status=Consultation.Status.DRAFT)
    survey.refresh_from_db()
    survey.extra_languages = ["ar", "es"]
    survey.save()

    with pytest.raises(ValidationError) as error:
        services.consultation_set_status(by=staff, consultation=survey, status="open")

    assert "The title is missing in Spanish." in error.value.messages


def test_results_are_published_only_after_closing(survey, staff):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.consultation_set_status(by=staff, consultation=survey, status="published")

    services.consultation_set_status(by=staff, consultation=survey, status="closed")
    published = services.consultation_set_status(by=staff, consultation=survey, status="published")
    assert published.status == "published"


def test_a_consultation_with_answers_cannot_go_back_to_draft(survey, staff):
    from django.core.exceptions import ValidationError

    ResponseFactory(consultation=survey)

    with pytest.raises(ValidationError):
        services.consultation_set_status(by=staff, consultation=survey, status="draft")


@pytest.mark.parametrize(
    ("prefix", "written"), [("", "Nov. 29, 2026"), ("/fr", "29 novembre 2026")]
)
def test_the_answers_page_writes_dates_as_every_other_page_does(
    client, survey, staff, prefix, written
):
    submitted_at = datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.UTC)
    AnswerFactory(
        response=ResponseFactory(consultation=survey, submitted_at=submitted_at),
        question=question(survey, Question.Kind.LONG_TEXT),
        value="More evening classes, please.",
    )
    client.force_login(staff)

    html = client.get(prefix + staff_url("staff_answers", survey)).content.decode()

    assert "More evening classes, please." in html
    assert written in html
    assert "11/29/2026" not in html
    assert "29/11/2026" not in html
