"""Building a consultation and its questions goes through the services, as the back office
does: staff whose role keeps consultations may, others are refused, and the questions stay as
they were once people have answered."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from consultations import services
from consultations.models import Consultation, Question
from lip_portal.roles import COMMUNICATIONS, REPORTING
from tests.partners.factories import StaffFactory

from .factories import ConsultationFactory, QuestionFactory, ResponseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communications(db):
    return StaffFactory(roles=[COMMUNICATIONS])


@pytest.fixture
def reporting(db):
    return StaffFactory(roles=[REPORTING])


@pytest.fixture
def superuser(db):
    return StaffFactory(is_superuser=True)


@pytest.fixture
def draft(db):
    return ConsultationFactory(slug="draft-survey", status=Consultation.Status.DRAFT)


def _new_consultation(**overrides):
    existing = ConsultationFactory.build()
    return Consultation(
        slug="library-hours",
        title={"en": "Library hours", "fr": "Heures de la bibliothèque"},
        opens_at=existing.opens_at,
        closes_at=existing.closes_at,
        **overrides,
    )


def _new_question(consultation, **overrides):
    fields = {
        "consultation": consultation,
        "order": 9,
        "kind": Question.Kind.ONE_CHOICE,
        "text": {"en": "Do you read?", "fr": "Lisez-vous?"},
        "choices": {"en": ["Yes", "No"], "fr": ["Oui", "Non"]},
    }
    return Question(**{**fields, **overrides})


def test_communications_staff_start_a_consultation_as_a_draft(communications):
    consultation = services.consultation_save(by=communications, consultation=_new_consultation())

    assert Consultation.objects.get(pk=consultation.pk).status == Consultation.Status.DRAFT


def test_starting_a_consultation_is_refused_to_staff_whose_role_does_not_keep_consultations(
    reporting,
):
    with pytest.raises(PermissionDenied):
        services.consultation_save(by=reporting, consultation=_new_consultation())

    assert not Consultation.objects.filter(slug="library-hours").exists()


def test_saving_a_consultation_does_not_change_its_status(communications, draft):
    draft.status = Consultation.Status.OPEN

    with pytest.raises(ValidationError):
        services.consultation_save(by=communications, consultation=draft)

    draft.refresh_from_db()
    assert draft.status == Consultation.Status.DRAFT


def test_a_consultation_offered_in_a_language_needs_its_title_there(communications):
    consultation = _new_consultation(extra_languages=["ar"])

    with pytest.raises(ValidationError):
        services.consultation_save(by=communications, consultation=consultation)


def test_removing_a_consultation_is_refused_to_communications_staff(communications, draft):
    with pytest.raises(PermissionDenied):
        services.consultation_delete(by=communications, consultation=draft)

    assert Consultation.objects.filter(pk=draft.pk).exists()


def test_a_superuser_removes_a_consultation(superuser, draft):
    services.consultation_delete(by=superuser, consultation=draft)

    assert not Consultation.objects.filter(pk=draft.pk).exists()


def test_communications_staff_add_a_question_to_an_unanswered_consultation(communications, draft):
    question = services.question_save(by=communications, question=_new_question(draft))

    assert Question.objects.get(pk=question.pk).consultation == draft


def test_adding_a_question_is_refused_to_staff_whose_role_does_not_keep_consultations(
    reporting, draft
):
    with pytest.raises(PermissionDenied):
        services.question_save(by=reporting, question=_new_question(draft))

    assert not draft.questions.exists()


def test_a_choice_question_with_one_choice_is_refused(communications, draft):
    question = _new_question(draft, choices={"en": ["Yes"], "fr": ["Oui"]})

    with pytest.raises(ValidationError):
        services.question_save(by=communications, question=question)


def test_a_question_is_not_changed_once_people_have_answered(communications, draft):
    question = QuestionFactory(consultation=draft, order=1, kind=Question.Kind.SHORT_TEXT)
    ResponseFactory(consultation=draft)
    question.text = {"en": "Something else", "fr": "Autre chose"}

    with pytest.raises(ValidationError):
        services.question_save(by=communications, question=question)

    question.refresh_from_db()
    assert question.text != {"en": "Something else", "fr": "Autre chose"}


def test_no_question_is_added_once_people_have_answered(communications, draft):
    ResponseFactory(consultation=draft)

    with pytest.raises(ValidationError):
        services.question_save(by=communications, question=_new_question(draft))

    assert not draft.questions.exists()


def test_a_question_is_not_removed_once_people_have_answered(communications, draft):
    question = QuestionFactory(consultation=draft, order=1, kind=Question.Kind.SHORT_TEXT)
    ResponseFactory(consultation=draft)

    with pytest.raises(ValidationError):
        services.question_delete(by=communications, question=question)

    assert Question.objects.filter(pk=question.pk).exists()


def test_removing_a_question_is_refused_to_staff_whose_role_does_not_keep_consultations(
    reporting, draft
):
    question = QuestionFactory(consultation=draft, order=1, kind=Question.Kind.SHORT_TEXT)

    with pytest.raises(PermissionDenied):
        services.question_delete(by=reporting, question=question)

    assert Question.objects.filter(pk=question.pk).exists()


def test_communications_staff_remove_a_question_of_an_unanswered_consultation(
    communications, draft
):
    question = QuestionFactory(consultation=draft, order=1, kind=Question.Kind.SHORT_TEXT)

    services.question_delete(by=communications, question=question)

    assert not Question.objects.filter(pk=question.pk).exists()
