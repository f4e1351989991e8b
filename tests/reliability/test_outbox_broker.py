"""Emails survive a broker that is down or that loses its queue: each is sent once it is back,
and once only, however many times its message is delivered."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.mail import email_send
from outbox.models import Message
from outbox.services import messages_relay
from tests.redis_server import RedisServer

from .broker import celery_broker, queued_tasks, run_queued

pytestmark = [pytest.mark.redis, pytest.mark.django_db]


@pytest.fixture
def broker():
    server = RedisServer().start()
    with celery_broker(server.url):
        yield server
    server.cleanup()


def send(capture):
    with capture(execute=True):
        email_send(subject="Due soon", body="Your update is due.", to="p@example.org")


def test_an_email_asked_for_while_the_broker_is_down_is_kept_in_the_outbox(
    broker, django_capture_on_commit_callbacks
):
    broker.stop()

    send(django_capture_on_commit_callbacks)

    message = Message.objects.get()
    assert message.kwargs["to"] == ["p@example.org"]
    assert (message.sent_count, message.done_at) == (0, None)


def test_an_email_asked_for_while_the_broker_is_down_is_sent_once_it_is_back(
    broker, django_capture_on_commit_callbacks
):
    broker.stop()
    send(django_capture_on_commit_callbacks)
    broker.start()

    messages_relay()
    messages_relay()
    run_queued(broker)

    assert [message.to for message in mail.outbox] == [["p@example.org"]]
    assert Message.objects.get().done_at is not None


def test_an_email_whose_message_is_delivered_twice_is_sent_once(
    broker, django_capture_on_commit_callbacks
):
    send(django_capture_on_commit_callbacks)
    assert len(queued_tasks(broker)) == 1

    run_queued(broker, times=2)

    assert len(mail.outbox) == 1


def test_an_email_lost_with_the_queue_is_sent_again_after_the_redelivery_delay(
    broker, settings, django_capture_on_commit_callbacks
):
    send(django_capture_on_commit_callbacks)
    broker.stop()  # Redis restarted without persistence: its queue is gone
    broker.start()
    assert queued_tasks(broker) == []
    assert messages_relay() == 0

    later = timezone.now() + datetime.timedelta(seconds=settings.OUTBOX_REDELIVER_SECONDS + 1)
    sent_later = messages_relay(now=later)
    run_queued(broker)

    assert sent_later == 1
    assert [message.to for message in mail.outbox] == [["p@example.org"]]
    assert Message.objects.get().sent_count == 2
