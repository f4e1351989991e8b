"""The reporting cycle staff run: opening tells the partners, reminders can go out now (once a
day each), locking and early or second openings ask to confirm, the reminder dates are shown."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from actionplans import services
from actionplans.models import (
    ItemStatus,
    ProgressUpdate,
    ReminderSent,
    ReminderToPerson,
    ReportingPeriod,
)
from tests.partners.factories import OrganizationFactory, UserFactory

from .factories import CURRENT, ActionItemFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled_period(db):
    """A quarter that has started, whatever today's date: last fiscal year's second."""
    return ReportingPeriodFactory(
        fiscal_year=CURRENT.start_year - 1, quarter=2, state=ReportingPeriod.State.SCHEDULED
    )


@pytest.fixture
def future_period(db):
    """A quarter that starts next fiscal year."""
    return ReportingPeriodFactory(
        fiscal_year=CURRENT.start_year + 1, quarter=1, state=ReportingPeriod.State.SCHEDULED
    )


@pytest.fixture
def lead(organization):
    return UserFactory(email="lead@example.org", organization=organization)


@pytest.fixture
def partner_person(other_organization):
    return UserFactory(email="partner.person@example.org", organization=other_organization)


@pytest.fixture
def scheduled_item(scheduled_period, organization, other_organization):
    """An item of the scheduled period's year: `organization` leads, `other_organization`
    partners on it."""
    return ActionItemFactory(
        annual_plan__fiscal_year=scheduled_period.fiscal_year,
        lead_organization=organization,
        partners=[other_organization],
    )


def _open(period, by, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.reporting_period_open(period=period, by=by, **kwargs)


def _remind_now(period, by, django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return services.reporting_reminder_send_now(period=period, by=by, **kwargs)


# --- Opening tells the partners ----------------------------------------------------------------


def test_opening_a_period_emails_the_people_of_the_lead_and_partner_organizations(
    staff,
    lead,
    partner_person,
    scheduled_period,
    scheduled_item,
    django_capture_on_commit_callbacks,
):
    UserFactory(email="elsewhere@example.org", organization=OrganizationFactory())

    _open(scheduled_period, staff, django_capture_on_commit_callbacks)

    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["lead@example.org", "partner.person@example.org"]


def test_opening_a_period_emails_nobody_whose_items_are_finished(
    staff, lead, scheduled_period, organization, django_capture_on_commit_callbacks
):
    item = ActionItemFactory(
        annual_plan__fiscal_year=scheduled_period.fiscal_year, lead_organization=organization
    )
    type(item).objects.filter(pk=item.pk).update(status=ItemStatus.COMPLETED, percent=100)

    _open(scheduled_period, staff, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_opening_a_period_emails_no_one_who_left(
    staff, lead, scheduled_period, scheduled_item, django_capture_on_commit_callbacks
):
    lead.is_active = False
    lead.save()

    _open(scheduled_period, staff, django_capture_on_commit_callbacks)

    assert "lead@example.org" not in [address for m in mail.outbox for address in m.to]


def test_the_opening_email_links_to_the_persons_dashboard(
    settings, staff, lead, scheduled_period, scheduled_item, django_capture_on_commit_callbacks
):
    settings.PORTAL_BASE_URL = "https://portal.example.org"

    _open(scheduled_period, staff, django_capture_on_commit_callbacks)

    message = next(m for m in mail.outbox if m.to == ["lead@example.org"])
    assert "https://portal.example.org/dashboard/" in message.body
    assert str(scheduled_period) in message.subject


def test_the_opening_email_is_in_the_persons_language(
    staff, lead, scheduled_period, scheduled_item, django_capture_on_commit_callbacks
):
    lead.preferred_language = "fr"
    lead.save()

    _open(scheduled_period, staff, django_capture_on_commit_callbacks)

    message = next(m for m in mail.outbox if m.to == ["lead@example.org"])
    assert "Bonjour" in message.body
    assert "/fr/dashboard/" in message.body
    assert "est ouverte" in message.subject


def test_opening_through_the_page_says_how_many_people_were_told(
    client, staff, lead, partner_person, scheduled_period, scheduled_item
):
    client.force_login(staff)

    response = client.post(
        reverse("actionplans:period_open", args=[scheduled_period.pk]), follow=True
    )

    assert "2 people were told by email" in response.text


# --- Opening early, or a second period, asks to confirm ----------------------------------------


def test_opening_a_quarter_before_it_starts_asks_to_confirm(client, staff, future_period):
    client.force_login(staff)

    response = client.post(reverse("actionplans:period_open", args=[future_period.pk]))

    assert response.status_code == 200
    assert "has not started yet" in response.text
    assert 'name="confirm"' in response.text
    future_period.refresh_from_db()
    assert future_period.state == ReportingPeriod.State.SCHEDULED


def test_a_quarter_before_it_starts_opens_once_confirmed(client, staff, future_period):
    client.force_login(staff)

    client.post(reverse("actionplans:period_open", args=[future_period.pk]), {"confirm": "on"})

    future_period.refresh_from_db()
    assert future_period.state == ReportingPeriod.State.OPEN


def test_the_service_refuses_an_early_opening_without_confirmation(staff, future_period):
    with pytest.raises(services.OpeningNeedsConfirmation):
        services.reporting_period_open(period=future_period, by=staff)

    future_period.refresh_from_db()
    assert future_period.state == ReportingPeriod.State.SCHEDULED


def test_opening_a_second_period_warns_and_names_the_open_one(
    client, staff, open_period, scheduled_period
):
    client.force_login(staff)

    response = client.post(reverse("actionplans:period_open", args=[scheduled_period.pk]))

    assert "Another reporting period is open" in response.text
    assert str(open_period) in response.text
    scheduled_period.refresh_from_db()
    open_period.refresh_from_db()
    assert scheduled_period.state == ReportingPeriod.State.SCHEDULED
    assert open_period.state == ReportingPeriod.State.OPEN


def test_a_confirmed_second_opening_locks_the_open_period_first(
    client, staff, open_period, scheduled_period
):
    client.force_login(staff)

    client.post(reverse("actionplans:period_open", args=[scheduled_period.pk]), {"confirm": "on"})

    scheduled_period.refresh_from_db()
    open_period.refresh_from_db()
    assert scheduled_period.state == ReportingPeriod.State.OPEN
    assert open_period.state == ReportingPeriod.State.LOCKED


def test_partner_staff_cannot_confirm_an_opening(client, partner_staff, future_period):
    client.force_login(partner_staff)

    response = client.post(
        reverse("actionplans:period_open", args=[future_period.pk]), {"confirm": "on"}
    )

    assert response.status_code == 403
    future_period.refresh_from_db()
    assert future_period.state == ReportingPeriod.State.SCHEDULED


# --- Locking asks to confirm, naming who has not reported --------------------------------------


def test_locking_without_confirmation_does_not_lock(client, staff, item, open_period):
    client.force_login(staff)

    client.post(reverse("actionplans:period_lock", args=[open_period.pk]))

    open_period.refresh_from_db()
    assert open_period.state == ReportingPeriod.State.OPEN


def test_the_lock_confirmation_names_who_has_not_reported(client, staff, item, open_period):
    client.force_login(staff)

    response = client.post(reverse("actionplans:period_lock", args=[open_period.pk]))

    assert response.status_code == 200
    assert item.lead_organization.name in response.text
    assert item.title in response.text
    assert 'name="confirm"' in response.text


def test_the_lock_confirmation_leaves_out_who_has_reported(
    client, staff, partner_staff, item, open_period
):
    ProgressUpdate.objects.create(
        item=item, author=partner_staff, reporting_period=open_period, status="on_track", percent=5
    )
    client.force_login(staff)

    response = client.post(reverse("actionplans:period_lock", args=[open_period.pk]))

    assert item.title not in response.text
    assert "Every item has an update in this period." in response.text


# --- A reminder now, at most once a day each ---------------------------------------------------


def test_a_reminder_now_goes_to_those_who_have_not_reported(
    staff, partner_staff, item, open_period, django_capture_on_commit_callbacks
):
    result = _remind_now(open_period, staff, django_capture_on_commit_callbacks)

    assert result.sent == [partner_staff]
    assert [message.to for message in mail.outbox] == [["partner@example.org"]]
    assert "/dashboard/" in mail.outbox[0].body
    assert ReminderToPerson.objects.get().person == partner_staff


def test_a_second_reminder_the_same_day_is_not_sent(
    staff, partner_staff, item, open_period, django_capture_on_commit_callbacks
):
    _remind_now(open_period, staff, django_capture_on_commit_callbacks)
    result = _remind_now(open_period, staff, django_capture_on_commit_callbacks)

    assert len(mail.outbox) == 1
    assert result.sent == []
    assert result.skipped == [partner_staff]


def test_a_reminder_goes_again_the_next_day(
    staff, partner_staff, item, open_period, django_capture_on_commit_callbacks
):
    now = timezone.now()
    _remind_now(open_period, staff, django_capture_on_commit_callbacks, now=now)
    _remind_now(
        open_period, staff, django_capture_on_commit_callbacks, now=now + datetime.timedelta(days=1)
    )

    assert len(mail.outbox) == 2


def test_no_reminder_now_on_the_day_the_automatic_one_went_out(
    staff, partner_staff, item, open_period, django_capture_on_commit_callbacks
):
    ReminderSent.objects.create(period=open_period, kind=ReminderSent.Kind.DUE_DAY)

    result = _remind_now(open_period, staff, django_capture_on_commit_callbacks)

    assert mail.outbox == []
    assert result.skipped == [partner_staff]


def test_the_reminder_now_is_in_the_persons_language(
    staff, partner_staff, item, open_period, django_capture_on_commit_callbacks
):
    partner_staff.preferred_language = "fr"
    partner_staff.save()

    _remind_now(open_period, staff, django_capture_on_commit_callbacks)

    assert "Bonjour" in mail.outbox[0].body
    assert "/fr/dashboard/" in mail.outbox[0].body


def test_no_reminder_now_in_a_period_that_is_not_open(staff, partner_staff, item, open_period):
    services.reporting_period_lock(period=open_period, by=staff)

    with pytest.raises(services.ValidationError):
        services.reporting_reminder_send_now(period=open_period, by=staff)


def test_staff_send_a_reminder_now_from_the_period_page(
    client, staff, partner_staff, item, open_period, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("actionplans:period_remind", args=[open_period.pk]), follow=True
        )

    assert "A reminder went to 1 person." in response.text
    assert [message.to for message in mail.outbox] == [["partner@example.org"]]


def test_partner_staff_cannot_send_a_reminder(
    client, partner_staff, item, open_period, django_capture_on_commit_callbacks
):
    client.force_login(partner_staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("actionplans:period_remind", args=[open_period.pk]))

    assert response.status_code == 403
    assert mail.outbox == []
    assert not ReminderToPerson.objects.exists()


def test_anonymous_visitors_cannot_send_a_reminder(client, item, open_period):
    response = client.post(reverse("actionplans:period_remind", args=[open_period.pk]))

    assert response.status_code == 302
    assert not ReminderToPerson.objects.exists()


# --- The reminder schedule ---------------------------------------------------------------------


def test_the_period_page_shows_the_dates_of_the_automatic_reminders(
    client, settings, staff, open_period
):
    settings.CELERY_BEAT_SCHEDULE = {
        "reminders": {"task": "actionplans.tasks.send_reporting_reminders", "schedule": 6 * 3600}
    }
    client.force_login(staff)
    week_before = open_period.due_date - datetime.timedelta(days=7)

    html = client.get(reverse("actionplans:period_detail", args=[open_period.pk])).text

    assert "Reminder schedule" in html
    assert date_format(week_before) in html
    assert date_format(open_period.due_date) in html
    assert "checks every 6\xa0hours" in html
