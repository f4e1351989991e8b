from datetime import timedelta

import factory
from django.utils import timezone

from consultations.models import Answer, Consultation, Question, Response


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    slug = factory.Sequence(lambda n: f"consultation-{n}")
    title = factory.LazyAttribute(
        lambda o: {"en": f"Survey {o.slug}", "fr": f"Sondage {o.slug}", "ar": f"استبيان {o.slug}"}
    )
    description = factory.LazyFunction(lambda: {"en": "About services.", "fr": "Sur les services."})
    extra_languages = factory.LazyFunction(lambda: ["ar"])
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    status = Consultation.Status.OPEN


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    consultation = factory.SubFactory(ConsultationFactory)
    order = factory.Sequence(int)
    kind = Question.Kind.ONE_CHOICE
    required = True
    text = factory.LazyAttribute(
        lambda o: {
            "en": f"Question {o.order}?",
            "fr": f"Question {o.order} ?",
            "ar": f"سؤال {o.order}؟",
        }
    )
    choices = factory.LazyAttribute(
        lambda o: (
            {
                "en": ["Yes", "No", "Maybe"],
                "fr": ["Oui", "Non", "Peut-être"],
                "ar": ["نعم", "لا", "ربما"],
            }
            if o.kind in Question.CHOICE_KINDS
            else {}
        )
    )


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    consultation = factory.SubFactory(ConsultationFactory)
    language = "en"


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)
    value = "1"
