"""The emails allauth writes (a password reset, a security notice) are in the recipient's
language, whatever the language of the page that asked for them."""

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_password_reset_asked_from_the_english_page_reaches_a_french_speaker_in_french(
    client, partner_staff, django_capture_on_commit_callbacks
):
    partner_staff.preferred_language = "fr"
    partner_staff.save()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "partner@example.org"})

    (message,) = mail.outbox
    assert message.subject.startswith("[Partenariat local d'immigration de Riverside] ")
    assert "Password Reset" not in message.subject
    assert message.extra_headers["Content-Language"] == "fr"
    assert "/accounts/password/reset/key/" in message.body


def test_a_password_reset_for_an_english_speaker_stays_in_english(
    client, partner_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr" + reverse("account_reset_password"), {"email": "partner@example.org"})

    (message,) = mail.outbox
    assert message.subject.startswith("[Riverside Local Immigration Partnership] Password Reset")
    assert message.extra_headers["Content-Language"] == "en"
