"""Publishing a report while the broker (Redis) is down: the version is published, and its PDFs
are built once the broker is back, once."""

import pytest
from django.urls import reverse

from outbox.models import Message
from outbox.services import messages_relay
from outbox.tasks import deliver
from reports.models import ReportVersion
from tests.partners.factories import reauthenticate
from tests.redis_server import RedisServer
from tests.reliability.broker import celery_broker, queued_tasks, run_queued

from .factories import PAST

pytestmark = pytest.mark.redis


@pytest.fixture
def broker():
    server = RedisServer().start()
    with celery_broker(server.url):
        yield server
    server.cleanup()


def publish(client, staff, capture):
    client.force_login(staff)
    reauthenticate(client)
    with capture(execute=True):
        return client.post(reverse("reports:publish", args=[PAST.label]), {"note": ""})


def test_publishing_with_the_broker_down_redirects_and_publishes_the_version(
    client, staff, report, broker, django_capture_on_commit_callbacks
):
    broker.stop()

    response = publish(client, staff, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[PAST.label])
    version = ReportVersion.objects.get(report=report)
    assert not version.pdf_en
    waiting = Message.objects.get(task="reports.tasks.build_report_pdfs")
    assert waiting.kwargs == {"version_id": version.pk}
    assert (waiting.sent_count, waiting.done_at) == (0, None)


def test_the_pdfs_of_a_report_published_with_the_broker_down_are_queued_once_it_is_back(
    client, staff, report, broker, django_capture_on_commit_callbacks
):
    broker.stop()
    publish(client, staff, django_capture_on_commit_callbacks)
    broker.start()

    sent = [messages_relay(), messages_relay()]

    assert sent == [1, 0]
    assert [name for name, _args, _kwargs in queued_tasks(broker)] == ["outbox.tasks.deliver"]


def test_the_pdfs_of_a_report_published_with_the_broker_down_are_built_once(
    client, staff, report, broker, django_capture_on_commit_callbacks
):
    broker.stop()
    publish(client, staff, django_capture_on_commit_callbacks)
    broker.start()
    messages_relay()

    run_queued(broker, times=2)

    version = ReportVersion.objects.get(report=report)
    built = (version.pdf_en.name, version.pdf_fr.name)
    assert all(built)
    message = Message.objects.get(task="reports.tasks.build_report_pdfs")
    assert message.done_at is not None and message.attempts == 1
    assert deliver(message.pk) is False
    version.refresh_from_db()
    assert (version.pdf_en.name, version.pdf_fr.name) == built
    assert client.get(reverse("reports:pdf", args=[PAST.label])).status_code == 200
