import pytest
from django.conf import settings
from django.db import models

from consultations.models import Answer, Response

pytestmark = pytest.mark.django_db

ACCOUNT_OR_ADDRESS = {"ip", "ip_address", "address", "user", "user_agent", "session", "email"}


@pytest.mark.parametrize("model", [Response, Answer])
def test_anonymous_answers_carry_no_address_or_account(model):
    fields = model._meta.get_fields()

    assert not [f for f in fields if isinstance(f, models.GenericIPAddressField)]
    assert not [
        f
        for f in fields
        if f.is_relation
        and f.related_model is not None
        and f.related_model._meta.label == settings.AUTH_USER_MODEL
    ]
    assert not {f.name for f in fields} & ACCOUNT_OR_ADDRESS


def test_a_stored_response_holds_only_its_language_channel_time_and_about_you(
    client, survey, answers_for
):
    client.post(
        f"/consultations/{survey.slug}/?lang=ar", answers_for(survey), REMOTE_ADDR="203.0.113.7"
    )

    stored = Response.objects.values().get()
    assert "203.0.113.7" not in {str(v) for v in stored.values()}
    assert set(stored) == {
        "id",
        "consultation_id",
        "language",
        "channel",
        "submitted_at",
        "newcomer_status",
        "years_in_canada",
        "age_band",
        "gender",
        "racialized_identity",
        "first_language",
    }
