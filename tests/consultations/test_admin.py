import pytest
from django.urls import reverse

from consultations.models import Consultation, Question

from .factories import ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(staff):
    staff.is_superuser = True
    staff.save()
    return staff


def management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_staff_build_a_consultation_with_questions_in_several_languages(client, superuser):
    client.force_login(superuser)
    data = {
        "slug": "transit",
        "opens_at_0": "2026-01-01",
        "opens_at_1": "09:00",
        "closes_at_0": "2026-02-01",
        "closes_at_1": "09:00",
        "extra_languages": ["ar"],
        "title_en": "Transit",
        "title_fr": "Transport",
        "title_ar": "النقل",
        **management("questions", total=1),
        "questions-0-order": "1",
        "questions-0-kind": "one",
        "questions-0-text_en": "Do you take the bus?",
        "questions-0-text_fr": "Prenez-vous l'autobus?",
        "questions-0-text_ar": "هل تستقل الحافلة؟",
        "questions-0-choices_en": "Yes\nNo",
        "questions-0-choices_fr": "Oui\nNon",
        "questions-0-choices_ar": "نعم\nلا",
    }

    response = client.post(reverse("admin:consultations_consultation_add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    consultation = Consultation.objects.get(slug="transit")
    assert consultation.title == {"en": "Transit", "fr": "Transport", "ar": "النقل"}
    assert consultation.languages == ["en", "fr", "ar"]
    assert consultation.status == Consultation.Status.DRAFT
    question = Question.objects.get()
    assert question.choices["ar"] == ["نعم", "لا"]
    assert question.text_in("fr") == "Prenez-vous l'autobus?"


def test_the_admin_refuses_a_consultation_without_its_french_title(client, superuser):
    client.force_login(superuser)

    response = client.post(
        reverse("admin:consultations_consultation_add"),
        {
            "slug": "x",
            "opens_at_0": "2026-01-01",
            "opens_at_1": "09:00",
            "closes_at_0": "2026-02-01",
            "closes_at_1": "09:00",
            "title_en": "Only English",
            **management("questions"),
        },
    )

    assert response.status_code == 200
    assert "title_fr" in response.context["adminform"].form.errors
    assert not Consultation.objects.exists()


def test_the_admin_action_opens_only_a_complete_consultation(client, superuser, survey):
    Consultation.objects.filter(pk=survey.pk).update(status="draft", extra_languages=["ar", "es"])
    client.force_login(superuser)

    client.post(
        reverse("admin:consultations_consultation_changelist"),
        {"action": "make_open", "_selected_action": [survey.pk]},
    )

    survey.refresh_from_db()
    assert survey.status == "draft"


def test_the_admin_change_page_links_to_previews_in_each_language(client, superuser, survey):
    client.force_login(superuser)

    html = client.get(
        reverse("admin:consultations_consultation_change", args=[survey.pk])
    ).content.decode()

    assert f"/consultations/{survey.slug}/preview/?lang=ar" in html


def test_questions_are_locked_once_people_answered(client, superuser, survey):
    ResponseFactory(consultation=survey)
    client.force_login(superuser)

    response = client.get(reverse("admin:consultations_consultation_change", args=[survey.pk]))

    inline = response.context["inline_admin_formsets"][0]
    assert not inline.has_change_permission
    assert not inline.has_add_permission


def test_the_admin_pages_open(client, superuser, survey):
    response = ResponseFactory(consultation=survey)
    client.force_login(superuser)

    for url in [
        reverse("admin:consultations_consultation_add"),
        reverse("admin:consultations_consultation_changelist"),
        reverse("admin:consultations_response_changelist"),
        reverse("admin:consultations_response_change", args=[response.pk]),
    ]:
        assert client.get(url).status_code == 200, url


def test_partner_staff_cannot_reach_the_consultation_admin(client, partner_staff):
    client.force_login(partner_staff)

    response = client.get(reverse("admin:consultations_consultation_changelist"))

    assert response.status_code == 302


def test_answered_questions_show_their_texts_and_choices_on_the_change_page(
    client, superuser, survey
):
    ResponseFactory(consultation=survey)
    client.force_login(superuser)

    html = client.get(
        reverse("admin:consultations_consultation_change", args=[survey.pk])
    ).content.decode()

    assert "Question 1?" in html
    assert "Question 1 ?" in html
    assert "Yes · No · Maybe" in html
    assert "Oui · Non · Peut-être" in html
    assert "None" not in html
