"""Partner staff get a reminder a week before the due date and on it, once each."""

import datetime

import pytest
from django.core import mail
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format

from actionplans import services, tasks
from actionplans.models import ProgressUpdate, ReminderSent
from outbox.models import Message

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(partner_staff, item):
    return [partner_staff]


def _send(period, days_before_due, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return services.reporting_reminders_send(
            today=period.due_date - datetime.timedelta(days=days_before_due)
        )


def test_nothing_is_sent_more_than_a_week_before(
    people, open_period, django_capture_on_commit_callbacks
):
    assert _send(open_period, 8, django_capture_on_commit_callbacks) is None
    assert mail.outbox == []


def test_week_before_reminder_is_sent_once(people, open_period, django_capture_on_commit_callbacks):
    _send(open_period, 7, django_capture_on_commit_callbacks)
    _send(open_period, 6, django_capture_on_commit_callbacks)
    _send(open_period, 5, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["partner@example.org"]
    assert "/dashboard/" in mail.outbox[0].body
    assert ReminderSent.objects.get().kind == "week_before"


def test_due_day_reminder_is_sent_once_after_the_week_before_one(
    people, open_period, django_capture_on_commit_callbacks
):
    for days in (7, 3, 0, 0, -1):
        _send(open_period, days, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 2
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {"week_before", "due_day"}
    assert "due today" in mail.outbox[1].body


def test_people_who_have_reported_everything_are_not_reminded(
    people, item, open_period, django_capture_on_commit_callbacks
):
    ProgressUpdate.objects.create(
        item=item, author=people[0], reporting_period=open_period, status="on_track", percent=5
    )

    _send(open_period, 7, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_french_speakers_get_the_reminder_in_french(
    people, open_period, django_capture_on_commit_callbacks
):
    people[0].preferred_language = "fr"
    people[0].save()

    _send(open_period, 0, django_capture_on_commit_callbacks)

    assert "Bonjour" in mail.outbox[0].body


def test_the_reminder_subject_writes_the_due_date_in_the_person_s_language(
    people, open_period, django_capture_on_commit_callbacks
):
    people[0].preferred_language = "fr"
    people[0].save()

    _send(open_period, 0, django_capture_on_commit_callbacks)

    with translation.override("fr"):
        due = date_format(open_period.due_date)  # "15 juillet 2026"
    assert due in mail.outbox[0].subject
    assert open_period.due_date.isoformat() not in mail.outbox[0].subject


def test_beat_schedule_runs_the_reminder_task(settings):
    tasks_in_schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "actionplans.tasks.send_reporting_reminders" in tasks_in_schedule
    assert tasks.send_reporting_reminders.name == "actionplans.tasks.send_reporting_reminders"


def test_task_without_an_open_period_sends_nothing(people):
    assert tasks.send_reporting_reminders() is None
    assert mail.outbox == []


def test_a_reminder_run_that_fails_before_it_commits_leaves_nothing_and_the_next_run_sends_it(
    people, open_period, django_capture_on_commit_callbacks
):
    week_before = open_period.due_date - datetime.timedelta(days=7)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.reporting_reminders_send(today=week_before)
        raise RuntimeError("the worker died before the commit")
    assert not ReminderSent.objects.exists() and not Message.objects.exists()

    _send(open_period, 7, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
