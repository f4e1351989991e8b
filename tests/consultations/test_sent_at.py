"""A response sent at a given time (`now=`) is judged and stamped at that time."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultations import services

from .factories import ConsultationFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_years_survey():
    now = timezone.now()
    consultation = ConsultationFactory(
        opens_at=now - datetime.timedelta(days=400), closes_at=now - datetime.timedelta(days=340)
    )
    QuestionFactory(consultation=consultation, order=1, required=False)
    return consultation


def test_a_response_sent_while_it_was_open_is_stored_with_that_time(last_years_survey):
    sent = last_years_survey.opens_at + datetime.timedelta(days=3)

    response = services.response_submit(
        consultation=last_years_survey, language="en", answers={}, nonce="n-1", now=sent
    )

    assert response.submitted_at == sent


def test_a_response_sent_after_it_closed_is_refused(last_years_survey):
    with pytest.raises(ValidationError) as error:
        services.response_submit(
            consultation=last_years_survey, language="en", answers={}, nonce="n-2"
        )

    assert error.value.code == "closed"
