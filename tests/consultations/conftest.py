import pytest

from consultations import services
from consultations.models import Question

from .factories import ConsultationFactory, QuestionFactory


@pytest.fixture
def survey(db):
    """An open consultation in English, French and Arabic with one question of each kind."""
    consultation = ConsultationFactory(slug="services-survey")
    QuestionFactory(
        consultation=consultation, order=1, kind=Question.Kind.ONE_CHOICE, required=True
    )
    QuestionFactory(
        consultation=consultation, order=2, kind=Question.Kind.SEVERAL_CHOICES, required=False
    )
    QuestionFactory(consultation=consultation, order=3, kind=Question.Kind.SCALE, required=True)
    QuestionFactory(
        consultation=consultation, order=4, kind=Question.Kind.SHORT_TEXT, required=False
    )
    QuestionFactory(consultation=consultation, order=5, kind=Question.Kind.LONG_TEXT, required=True)
    return consultation


@pytest.fixture
def answers_for():
    """POST data answering every question of `consultation` validly, with a fresh token."""

    def build(consultation, **overrides):
        data = {"token": services.form_token_issue(consultation=consultation)}
        for question in consultation.questions.all():
            name = f"q_{question.pk}"
            if question.kind == Question.Kind.SEVERAL_CHOICES:
                data[name] = ["1", "3"]
            elif question.kind in Question.TEXT_KINDS:
                data[name] = "More evening classes, please."
            else:
                data[name] = "2"
        data.update({"age_band": "25_34", "gender": "prefer_not"})
        data.update(overrides)
        return data

    return build


def question(consultation, kind):
    return consultation.questions.get(kind=kind)
