import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from following.models import Subscription


@pytest.fixture
def follow(client, django_capture_on_commit_callbacks):
    """Post the follow form as a visitor would: follow(kind, target, email=..., language=...)."""

    def post(kind, target=None, *, email="reader@example.org", language="en", frequency="weekly"):
        prefix = "" if language == "en" else f"/{language}"
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"{prefix}{reverse('following:follow')}",
                {
                    "email": email,
                    "kind": kind,
                    "target": getattr(target, "pk", ""),
                    "frequency": frequency,
                    "source": f"{prefix}/somewhere/",
                },
            )

    return post


def link_in(message, action):
    """The path of the link for `action` (confirm, manage, unsubscribe) in an email's text."""
    match = re.search(rf"https?://[^/\s]+(\S*/follow/{action}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    """Follow the confirmation link of the last email and press its button."""

    def press(message=None):
        message = message or mail.outbox[-1]
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(link_in(message, "confirm"))

    return press


@pytest.fixture
def send_digests(django_capture_on_commit_callbacks):
    """Run the beat task of a frequency at `now` (a moment later than what the test wrote)."""
    from following import services

    def run(frequency="weekly", now=None):
        with django_capture_on_commit_callbacks(execute=True):
            return services.digests_enqueue(
                frequency=frequency, now=now or timezone.now() + datetime.timedelta(seconds=1)
            )

    return run


def only_subscription():
    return Subscription.objects.get()


@pytest.fixture
def item_update(db):
    """item_update(): a progress update, now, on a public item of the Work pillar."""
    from actionplans.models import ProgressUpdate
    from tests.actionplans.factories import ActionItemFactory, ReportingPeriodFactory
    from tests.partners.factories import UserFactory

    item = ActionItemFactory()
    period = ReportingPeriodFactory()
    author = UserFactory()

    def make(percent=40, on=None):
        return ProgressUpdate.objects.create(
            item=on or item,
            author=author,
            reporting_period=period,
            status="on_track",
            percent=percent,
        )

    make.item = item
    return make
