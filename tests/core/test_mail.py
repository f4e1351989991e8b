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
