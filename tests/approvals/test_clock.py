"""The Celery beat task decides closed votes and reminds the members who have not voted."""

import datetime

import pytest
from django.core import mail

from approvals import tasks
from approvals.models import ApprovalRequest, Decision, ReminderSent

from .conftest import open_request

pytestmark = pytest.mark.django_db


def test_the_task_is_scheduled_by_celery_beat(settings):
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "approvals.tasks.run_approval_clock" in tasks_scheduled


def test_opening_a_request_emails_each_eligible_member(
    staff, council, members, direction, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        open_request(by=staff, body=council, directions=[direction])

    assert sorted(m.to[0] for m in mail.outbox) == sorted(member.email for member in members)
    assert all("/approvals/" in m.body for m in mail.outbox)


def test_a_request_past_its_closing_time_is_decided(request_for_direction, members):
    from approvals import services

    services.vote_cast(request=request_for_direction, voter=members[0], choice="approve")
    later = request_for_direction.closes_at + datetime.timedelta(minutes=5)

    decided = services.approval_requests_close_due(now=later)

    assert [d.request_id for d in decided] == [request_for_direction.pk]
    request_for_direction.refresh_from_db()
    assert request_for_direction.status == ApprovalRequest.Status.DECIDED


def test_the_48_hour_reminder_goes_once_to_those_who_have_not_voted(
    staff, council, members, direction, django_capture_on_commit_callbacks
):
    from approvals import services

    request = open_request(by=staff, body=council, directions=[direction], hours=40)
    services.vote_cast(request=request, voter=members[0], choice="approve")
    services.conflict_declare(request=request, person=members[1])
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = tasks.run_approval_clock()
        second = tasks.run_approval_clock()

    assert (first["reminded"], second["reminded"]) == (3, 0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.email for m in members[2:])
    assert ReminderSent.objects.count() == 3


def test_no_reminder_before_the_last_48_hours(staff, council, members, direction):
    from approvals import services

    open_request(by=staff, body=council, directions=[direction], hours=72)

    assert services.vote_reminders_send() == 0


def test_a_closed_vote_is_decided_once_and_its_outcome_emailed_once_however_often_the_clock_runs(
    request_for_direction, members, django_capture_on_commit_callbacks
):
    from approvals import services

    services.vote_cast(request=request_for_direction, voter=members[0], choice="approve")
    later = request_for_direction.closes_at + datetime.timedelta(minutes=5)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        runs = [services.approval_requests_close_due(now=later) for _ in range(3)]

    assert [len(decided) for decided in runs] == [1, 0, 0]
    assert Decision.objects.filter(request=request_for_direction).count() == 1
    recipients = [message.to[0] for message in mail.outbox]
    assert len(recipients) == len(set(recipients)) > 0
