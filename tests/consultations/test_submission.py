from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

from consultations import services
from consultations.models import Answer, Consultation, FormToken, Question, Response

from .conftest import question

pytestmark = pytest.mark.django_db

ARABIC_CATALOGUE = str(Path(settings.LOCALE_PATHS[0]) / "ar" / "LC_MESSAGES" / "django.po")


def url(consultation, lang=""):
    path = reverse("consultations:detail", kwargs={"slug": consultation.slug})
    return f"{path}?lang={lang}" if lang else path


def test_an_arabic_response_is_stored_with_its_language(client, survey, answers_for):
    response = client.post(url(survey, "ar"), answers_for(survey))

    assert response.status_code == 302
    assert response["Location"].endswith("?lang=ar")
    stored = Response.objects.get()
    assert stored.language == "ar"
    assert stored.channel == Response.Channel.ONLINE
    assert stored.answers.count() == 6  # two choices for the several-choice question
    assert stored.age_band == "25_34"
    assert stored.gender == "prefer_not"


def test_the_arabic_form_reads_right_to_left_with_arabic_buttons(client, survey):
    response = client.get(url(survey, "ar"))

    html = response.content.decode()
    assert '<article class="consultation" lang="ar" dir="rtl">' in html
    assert "إرسال إجاباتي" in html  # "Send my answers"
    assert "سؤال 1؟" in html  # the question text, from the data
    assert "أفضّل عدم الإجابة" in html  # "prefer not to say"


def test_the_english_form_reads_left_to_right(client, survey):
    html = client.get(url(survey)).content.decode()

    assert '<article class="consultation" lang="en" dir="ltr">' in html
    assert "Send my answers" in html


def test_the_french_site_shows_the_form_in_french(client, survey):
    html = client.get(f"/fr/consultations/{survey.slug}/").content.decode()

    assert '<article class="consultation" lang="fr" dir="ltr">' in html
    assert "Question 1 ?" in html


def test_a_language_not_offered_falls_back_to_the_page_language(client, survey):
    html = client.get(url(survey, "so")).content.decode()

    assert '<article class="consultation" lang="en" dir="ltr">' in html


def test_the_thanks_page_speaks_the_visitors_language(client, survey):
    html = client.get(
        reverse("consultations:thanks", kwargs={"slug": survey.slug}) + "?lang=ar"
    ).content.decode()

    assert "شكرًا على إجاباتك" in html
    assert '<article class="consultation" lang="ar" dir="rtl">' in html


def test_a_missing_required_answer_is_shown_next_to_the_question_and_nothing_is_stored(
    client, survey, answers_for
):
    choice = question(survey, Question.Kind.ONE_CHOICE)
    data = answers_for(survey)
    del data[f"q_{choice.pk}"]

    response = client.post(url(survey), data)

    assert response.status_code == 400
    assert response.context["form"].errors[f"q_{choice.pk}"] == ["Please answer this question."]
    assert f'id="id_q_{choice.pk}_error"' in response.content.decode()
    assert not Response.objects.exists()
    assert not Answer.objects.exists()


def test_validation_messages_are_in_the_visitors_language(client, survey, answers_for):
    choice = question(survey, Question.Kind.ONE_CHOICE)
    data = answers_for(survey)
    del data[f"q_{choice.pk}"]

    arabic = client.post(url(survey, "ar"), data)
    french = client.post(url(survey, "fr"), data)

    assert arabic.context["form"].errors[f"q_{choice.pk}"] == ["يرجى الإجابة عن هذا السؤال."]
    assert french.context["form"].errors[f"q_{choice.pk}"] == [
        "Veuillez répondre à cette question."
    ]


def test_a_nul_character_in_an_arabic_answer_is_refused_in_arabic(client, survey, answers_for):
    text = question(survey, Question.Kind.LONG_TEXT)

    response = client.post(url(survey, "ar"), answers_for(survey, **{f"q_{text.pk}": "a\x00b"}))

    assert response.status_code == 400
    assert response.context["form"].errors[f"q_{text.pk}"] == [
        "تحتوي إجابتك على حرف غير مرئي لا يمكن حفظه. يرجى كتابتها مرة أخرى."
    ]
    assert not Response.objects.exists()


def test_every_validation_message_of_the_arabic_form_is_arabic(client, survey, answers_for):
    arabic = {entry.msgstr for entry in polib.pofile(ARABIC_CATALOGUE).translated_entries()}
    choice = question(survey, Question.Kind.ONE_CHOICE)
    several = question(survey, Question.Kind.SEVERAL_CHOICES)
    scale = question(survey, Question.Kind.SCALE)
    short = question(survey, Question.Kind.SHORT_TEXT)
    long = question(survey, Question.Kind.LONG_TEXT)
    data = answers_for(
        survey,
        **{
            f"q_{choice.pk}": "9",
            f"q_{several.pk}": ["1", "\x00"],
            f"q_{short.pk}": "x" * (short.text_limit + 1),
            f"q_{long.pk}": "\x00",
            "gender": "\x00",
        },
    )
    del data[f"q_{scale.pk}"]

    response = client.post(url(survey, "ar"), data)

    errors = response.context["form"].errors
    assert set(errors) == {
        f"q_{choice.pk}",
        f"q_{several.pk}",
        f"q_{scale.pk}",
        f"q_{short.pk}",
        f"q_{long.pk}",
        "gender",
    }
    shown = [message for messages in errors.values() for message in messages]
    short_limit = short.text_limit
    assert {m.replace(str(short_limit), "%(limit)s") for m in shown} <= arabic, shown


def test_an_invalid_choice_is_refused_and_nothing_is_stored(client, survey, answers_for):
    choice = question(survey, Question.Kind.ONE_CHOICE)
    scale = question(survey, Question.Kind.SCALE)

    response = client.post(
        url(survey), answers_for(survey, **{f"q_{choice.pk}": "9", f"q_{scale.pk}": "6"})
    )

    errors = response.context["form"].errors
    assert errors[f"q_{choice.pk}"] == ["Please choose one of the answers offered."]
    assert errors[f"q_{scale.pk}"] == ["Please choose one of the answers offered."]
    assert not Response.objects.exists()


def test_an_invalid_about_you_answer_is_refused(client, survey, answers_for):
    response = client.post(url(survey), answers_for(survey, age_band="12"))

    assert response.context["form"].errors["age_band"]
    assert not Response.objects.exists()


def test_a_tampered_question_id_is_refused_and_nothing_is_stored(client, survey, answers_for):
    other = Consultation.objects.create(
        slug="other",
        title={"en": "Other", "fr": "Autre"},
        opens_at=survey.opens_at,
        closes_at=survey.closes_at,
        status=Consultation.Status.OPEN,
    )
    foreign = Question.objects.create(
        consultation=other, kind=Question.Kind.SHORT_TEXT, text={"en": "X", "fr": "X"}
    )

    response = client.post(url(survey), answers_for(survey, **{f"q_{foreign.pk}": "injected"}))

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This form was changed and cannot be accepted. Please reload the page and answer again."
    ]
    assert not Answer.objects.exists()


def test_an_over_long_text_is_refused_with_the_limit_and_nothing_is_stored(
    client, survey, answers_for
):
    short = question(survey, Question.Kind.SHORT_TEXT)

    response = client.post(url(survey), answers_for(survey, **{f"q_{short.pk}": "x" * 301}))

    assert response.context["form"].errors[f"q_{short.pk}"] == [
        "Please keep your answer under 300 characters."
    ]
    assert not Response.objects.exists()


def test_a_filled_honeypot_is_refused_and_nothing_is_stored(client, survey, answers_for):
    response = client.post(url(survey), answers_for(survey, website="http://spam.example"))

    assert response.status_code == 400
    assert "Your answers could not be accepted." in response.content.decode()
    assert not Response.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, survey):
    html = client.get(url(survey)).content.decode()

    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="website" autocomplete="off" tabindex="-1"' in html


def test_a_replayed_token_stores_one_response(client, survey, answers_for):
    data = answers_for(survey)

    first = client.post(url(survey), data)
    second = client.post(url(survey), data)

    assert first.status_code == 302
    assert second.status_code == 200
    assert "We have already received these answers. Thank you." in second.content.decode()
    assert Response.objects.count() == 1
    assert FormToken.objects.count() == 1


def test_a_forged_token_is_refused_with_a_fresh_one(client, survey, answers_for):
    response = client.post(url(survey), answers_for(survey, token="forged"))

    assert response.status_code == 400
    assert "This form has expired." in response.content.decode()
    assert response.context["form"]["token"].value() != "forged"
    assert not Response.objects.exists()


def test_a_token_for_another_consultation_is_refused(client, survey, answers_for):
    other = Consultation.objects.create(
        slug="other",
        title={"en": "Other", "fr": "Autre"},
        opens_at=survey.opens_at,
        closes_at=survey.closes_at,
        status=Consultation.Status.OPEN,
    )
    token = services.form_token_issue(consultation=other)

    client.post(url(survey), answers_for(survey, token=token))

    assert not Response.objects.exists()


def test_a_submission_after_closing_is_refused_with_a_clear_message(client, survey, answers_for):
    data = answers_for(survey)
    Consultation.objects.filter(pk=survey.pk).update(status=Consultation.Status.CLOSED)

    response = client.post(url(survey, "ar"), data)

    assert response.status_code == 409
    assert "هذه الاستشارة مغلقة" in response.content.decode()
    assert not Response.objects.exists()


def test_a_consultation_past_its_closing_time_shows_no_form(client, survey):
    from django.utils import timezone

    Consultation.objects.filter(pk=survey.pk).update(closes_at=timezone.now())

    response = client.get(url(survey))

    assert "This consultation is closed and no longer accepts answers." in response.content.decode()
    assert "form" not in response.context


def test_a_draft_consultation_is_not_public(client, survey):
    Consultation.objects.filter(pk=survey.pk).update(status=Consultation.Status.DRAFT)

    assert client.get(url(survey)).status_code == 404


def test_a_response_is_stored_completely_or_not_at_all(survey, monkeypatch, staff):
    answers = {
        question(survey, Question.Kind.ONE_CHOICE).pk: ["1"],
        question(survey, Question.Kind.SCALE).pk: ["4"],
        question(survey, Question.Kind.LONG_TEXT).pk: ["Childcare during classes."],
    }

    def fail(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Answer.objects, "bulk_create", fail)
    with pytest.raises(RuntimeError):
        services.response_submit(
            consultation=survey,
            language="en",
            answers=answers,
            nonce="n-1",
            staff_entry=True,
            by=staff,
        )

    assert not Response.objects.exists()
    assert not FormToken.objects.exists()


def test_the_service_refuses_a_question_of_another_consultation(survey):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        services.response_submit(
            consultation=survey, language="en", answers={999_999: ["x"]}, nonce="n-2"
        )

    assert error.value.code == "tampered"
    assert not Response.objects.exists()


def test_the_service_refuses_a_language_not_offered(survey, answers_for):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.response_submit(consultation=survey, language="so", answers={}, nonce="n-3")


def test_a_missing_token_is_explained_in_the_visitors_language(client, survey, answers_for):
    response = client.post(url(survey, "ar"), answers_for(survey, token=""))

    html = response.content.decode()
    assert "انتهت صلاحية هذه الاستمارة" in html
    assert "Token" not in html
    assert response.context["form"]["token"].value()  # a fresh one, to send again
    assert not Response.objects.exists()


def test_an_upcoming_consultation_says_when_it_opens(client, survey):
    from datetime import timedelta

    from django.utils import timezone

    Consultation.objects.filter(pk=survey.pk).update(opens_at=timezone.now() + timedelta(days=3))

    html = client.get(url(survey)).content.decode()

    assert "This consultation is not open yet." in html
    assert "Send my answers" not in html
