import pytest
from django.core import mail

from core.mail import email_send, emails_suppressed
from demo.seed import seed_demo

pytestmark = pytest.mark.django_db


def test_an_email_is_sent_once_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_send(subject="Due soon", body="Your update is due.", to="p@example.org")
        assert mail.outbox == []

    assert [message.to for message in mail.outbox] == [["p@example.org"]]


def test_no_email_leaves_while_emails_are_suppressed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), emails_suppressed():
        email_send(subject="Due soon", body="Your update is due.", to="p@example.org")

    assert mail.outbox == []


def test_the_demo_seed_emails_none_of_the_people_it_invents(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        seed_demo()

    assert mail.outbox == []


def _sent(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        email_send(body="Your update is due.", to="p@example.org", **kwargs)
    return mail.outbox[-1]


def test_an_english_email_is_named_after_the_partnership_in_english(
    django_capture_on_commit_callbacks,
):
    message = _sent(django_capture_on_commit_callbacks, subject="Due soon", language="en")

    assert message.subject == "[Riverside Local Immigration Partnership] Due soon"
    assert message.from_email.startswith("LIP Portal <")


def test_a_french_email_is_named_after_the_partnership_in_french(
    django_capture_on_commit_callbacks,
):
    message = _sent(django_capture_on_commit_callbacks, subject="Échéance", language="fr")

    assert message.subject == "[Partenariat local d'immigration de Riverside] Échéance"
    assert message.from_email.startswith("Portail du PLI <")


def test_the_partnership_is_named_once_in_a_subject(django_capture_on_commit_callbacks):
    message = _sent(
        django_capture_on_commit_callbacks,
        subject="[Riverside Local Immigration Partnership] Due soon",
        language="en",
    )

    assert message.subject == "[Riverside Local Immigration Partnership] Due soon"


def test_a_sender_the_partnership_configured_is_left_as_it_is(
    django_capture_on_commit_callbacks, settings
):
    settings.DEFAULT_FROM_EMAIL = "Riverside LIP <lip@riverside.example>"

    message = _sent(django_capture_on_commit_callbacks, subject="Échéance", language="fr")

    assert message.from_email == "Riverside LIP <lip@riverside.example>"
