"""Consultation writes check who acts, in the services: the views and the back office pass the
person along, and someone without the role is refused whatever path they take."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from consultations import services
from consultations.models import Answer, Consultation, Question, Response
from lip_portal.roles import COMMUNICATIONS, REPORTING
from tests.partners.factories import StaffFactory

from .factories import AnswerFactory, ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communications(db):
    return StaffFactory(roles=[COMMUNICATIONS])


@pytest.fixture
def reporting(db):
    return StaffFactory(roles=[REPORTING])


def test_closing_a_consultation_is_refused_to_staff_whose_role_does_not_keep_consultations(
    survey, reporting
):
    with pytest.raises(PermissionDenied):
        services.consultation_set_status(by=reporting, consultation=survey, status="closed")

    survey.refresh_from_db()
    assert survey.status == Consultation.Status.OPEN


def test_communications_staff_close_a_consultation(survey, communications):
    closed = services.consultation_set_status(
        by=communications, consultation=survey, status="closed"
    )

    assert closed.status == Consultation.Status.CLOSED


def test_approving_a_quote_is_refused_to_partner_staff(survey, partner_staff):
    question = survey.questions.get(kind=Question.Kind.LONG_TEXT)
    answer = AnswerFactory(question=question, response=ResponseFactory(consultation=survey))

    with pytest.raises(PermissionDenied):
        services.answer_set_quote_approved(by=partner_staff, answer=answer, approved=True)

    assert not Answer.objects.get(pk=answer.pk).quote_approved


def test_deleting_responses_is_refused_to_staff_whose_role_does_not_allow_it(survey, reporting):
    response = ResponseFactory(consultation=survey)

    with pytest.raises(PermissionDenied):
        services.responses_delete(by=reporting, responses=[response])

    assert Response.objects.filter(pk=response.pk).exists()


def test_communications_staff_delete_a_response_in_the_back_office(client, survey, communications):
    response = ResponseFactory(consultation=survey)
    client.force_login(communications)

    page = client.post(f"/admin/consultations/response/{response.pk}/delete/", {"post": "yes"})

    assert page.status_code == 302
    assert not Response.objects.filter(pk=response.pk).exists()


def test_the_status_action_is_refused_to_staff_whose_role_does_not_keep_consultations(
    client, survey, reporting
):
    client.force_login(reporting)

    page = client.post(
        reverse("admin:consultations_consultation_changelist"),
        {"action": "make_closed", "_selected_action": [survey.pk]},
    )

    assert page.status_code == 403
    survey.refresh_from_db()
    assert survey.status == Consultation.Status.OPEN


def test_a_paper_answer_typed_in_is_refused_to_someone_who_may_not_enter_responses(
    survey, partner_staff
):
    with pytest.raises(PermissionDenied):
        services.response_submit(
            by=partner_staff,
            consultation=survey,
            language="en",
            answers={},
            nonce="paper-1",
            staff_entry=True,
        )

    assert not Response.objects.exists()
