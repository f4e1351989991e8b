"""The outbox runs each committed task once: written with the change, run after the commit (here
inline, as without a broker), tried again when it fails, never run twice to completion."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from core.tasks import send_email
from outbox import services
from outbox.models import MAX_ATTEMPTS, Message
from outbox.tasks import deliver

pytestmark = pytest.mark.django_db

EMAIL = {"subject": "Due soon", "body": "Your update is due.", "to": ["p@example.org"]}


def enqueue(capture, **kwargs):
    with capture(execute=True):
        return services.task_enqueue(task=send_email, kwargs={**EMAIL, **kwargs})


@pytest.fixture
def failing_mail_server(settings):
    """The mail server is down until the test calls the function returned."""
    working = settings.MAILERS

    def recover():
        settings.MAILERS = working

    settings.MAILERS = {"default": {"BACKEND": "tests.outbox.failing_mail.Backend"}}
    return recover


def test_a_task_runs_once_its_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = services.task_enqueue(task=send_email, kwargs=EMAIL)
        assert mail.outbox == []

    assert [sent.to for sent in mail.outbox] == [["p@example.org"]]
    message.refresh_from_db()
    assert message.done_at is not None
    assert (message.attempts, message.sent_count) == (1, 1)


def test_nothing_is_kept_or_run_for_a_transaction_that_rolls_back(
    django_capture_on_commit_callbacks,
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.task_enqueue(task=send_email, kwargs=EMAIL)
        raise RuntimeError("the change failed")

    assert not Message.objects.exists()
    assert mail.outbox == []


def test_a_message_delivered_twice_runs_its_task_once(django_capture_on_commit_callbacks):
    message = enqueue(django_capture_on_commit_callbacks)

    again = deliver(message.pk)

    assert again is False
    assert len(mail.outbox) == 1


def test_a_message_running_in_another_worker_is_not_run_again(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        message = services.task_enqueue(task=send_email, kwargs=EMAIL)
    Message.objects.filter(pk=message.pk).update(started_at=timezone.now())

    assert services.message_deliver(message_id=message.pk) is False
    assert mail.outbox == []


def test_a_run_older_than_the_task_time_limit_died_and_is_run_again(
    settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        message = services.task_enqueue(task=send_email, kwargs=EMAIL)
    long_ago = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    Message.objects.filter(pk=message.pk).update(started_at=long_ago, attempts=1)

    assert services.message_deliver(message_id=message.pk) is True
    assert len(mail.outbox) == 1


def test_a_failed_task_is_recorded_and_tried_again_after_a_delay(
    failing_mail_server, django_capture_on_commit_callbacks
):
    message = enqueue(django_capture_on_commit_callbacks)
    message.refresh_from_db()
    assert message.done_at is None
    assert "mail server down" in message.last_error
    assert services.messages_relay() == 0

    failing_mail_server()
    sent = services.messages_relay(now=timezone.now() + datetime.timedelta(seconds=31))

    assert sent == 1
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.attempts == 2 and message.last_error == ""


def test_the_delay_before_trying_again_doubles_up_to_an_hour():
    delays = [services.retry_delay(attempts) for attempts in range(1, MAX_ATTEMPTS + 1)]

    assert delays == [30, 60, 120, 240, 480, 960, 1920, 3600]


def test_a_task_that_keeps_failing_is_given_up_after_eight_attempts(
    failing_mail_server, django_capture_on_commit_callbacks
):
    message = enqueue(django_capture_on_commit_callbacks)
    later = timezone.now()
    for _ in range(MAX_ATTEMPTS + 2):
        later += datetime.timedelta(hours=2)
        services.messages_relay(now=later)

    message.refresh_from_db()
    assert message.attempts == MAX_ATTEMPTS
    assert list(Message.objects.failed()) == [message]


def test_a_given_up_task_is_tried_again_when_asked(
    failing_mail_server, django_capture_on_commit_callbacks
):
    message = enqueue(django_capture_on_commit_callbacks)
    Message.objects.filter(pk=message.pk).update(attempts=MAX_ATTEMPTS)
    failing_mail_server()

    with django_capture_on_commit_callbacks(execute=True):
        retried = services.messages_retry(message_ids=[message.pk])

    assert retried == 1
    assert len(mail.outbox) == 1


def test_a_task_already_waiting_is_not_queued_twice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        first = services.task_enqueue(task=send_email, kwargs=EMAIL, unique=True)
        second = services.task_enqueue(task=send_email, kwargs=EMAIL, unique=True)

    assert first == second
    assert Message.objects.count() == 1


def test_tasks_held_during_a_bulk_load_wait_for_the_relay(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), services.relay_held():
        services.task_enqueue(task=send_email, kwargs=EMAIL)
    assert mail.outbox == []

    assert services.messages_relay() == 1
    assert len(mail.outbox) == 1


def test_done_messages_are_deleted_by_the_relay_after_a_day(django_capture_on_commit_callbacks):
    enqueue(django_capture_on_commit_callbacks)

    services.messages_relay(now=timezone.now() + datetime.timedelta(hours=23))
    assert Message.objects.count() == 1
    services.messages_relay(now=timezone.now() + datetime.timedelta(hours=25))
    assert Message.objects.count() == 0


def test_a_message_deleted_after_it_was_done_is_not_run_when_delivered_late(
    django_capture_on_commit_callbacks,
):
    message = enqueue(django_capture_on_commit_callbacks)
    Message.objects.all().delete()

    assert deliver(message.pk) is False
    assert len(mail.outbox) == 1


def test_the_relay_runs_every_minute_by_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["outbox-relay"]

    assert entry == {"task": "outbox.tasks.relay", "schedule": 60}


def test_a_running_task_is_not_tried_again_when_asked(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = services.task_enqueue(task=send_email, kwargs=EMAIL)
    Message.objects.filter(pk=message.pk).update(started_at=timezone.now(), attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        retried = services.messages_retry(message_ids=[message.pk])

    assert retried == 0
    assert mail.outbox == []
