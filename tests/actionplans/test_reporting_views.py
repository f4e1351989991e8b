"""Staff run the reporting cycle; nobody else may open, lock, export or import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplans.models import ProgressUpdate, ReportingPeriod

from .factories import CURRENT, ReportingPeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled_period(db):
    """A quarter that has started, whatever today's date: last fiscal year's second."""
    return ReportingPeriodFactory(
        fiscal_year=CURRENT.start_year - 1, quarter=2, state=ReportingPeriod.State.SCHEDULED
    )


def test_staff_opens_a_scheduled_period(client, staff, scheduled_period):
    client.force_login(staff)

    response = client.post(reverse("actionplans:period_open", args=[scheduled_period.pk]))

    assert response.status_code == 302
    scheduled_period.refresh_from_db()
    assert scheduled_period.state == ReportingPeriod.State.OPEN
    assert scheduled_period.opened_at is not None


def test_partner_cannot_open_a_period(client, partner_staff, scheduled_period):
    client.force_login(partner_staff)

    response = client.post(reverse("actionplans:period_open", args=[scheduled_period.pk]))

    assert response.status_code == 403
    scheduled_period.refresh_from_db()
    assert scheduled_period.state == ReportingPeriod.State.SCHEDULED


def test_anonymous_cannot_open_a_period(client, scheduled_period):
    response = client.post(reverse("actionplans:period_open", args=[scheduled_period.pk]))

    assert response.status_code == 302
    scheduled_period.refresh_from_db()
    assert scheduled_period.state == ReportingPeriod.State.SCHEDULED


def test_a_second_period_cannot_be_opened_while_one_is_open(
    client, staff, open_period, scheduled_period
):
    client.force_login(staff)

    response = client.post(
        reverse("actionplans:period_open", args=[scheduled_period.pk]), follow=True
    )

    assert "Another reporting period is open" in response.text
    scheduled_period.refresh_from_db()
    assert scheduled_period.state == ReportingPeriod.State.SCHEDULED


def test_staff_locks_the_open_period_once_they_confirm(client, staff, open_period):
    client.force_login(staff)

    client.post(reverse("actionplans:period_lock", args=[open_period.pk]), {"confirm": "on"})

    open_period.refresh_from_db()
    assert open_period.state == ReportingPeriod.State.LOCKED


def test_partner_cannot_lock_the_period(client, partner_staff, open_period):
    client.force_login(partner_staff)

    response = client.post(
        reverse("actionplans:period_lock", args=[open_period.pk]), {"confirm": "on"}
    )

    assert response.status_code == 403
    open_period.refresh_from_db()
    assert open_period.state == ReportingPeriod.State.OPEN


def test_lock_is_a_post_only_action(client, staff, open_period):
    client.force_login(staff)

    assert client.get(reverse("actionplans:period_lock", args=[open_period.pk])).status_code == 405


def test_admin_actions_open_and_lock_through_the_services(client, staff, scheduled_period):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    url = reverse("admin:actionplans_reportingperiod_changelist")

    client.post(url, {"action": "open_periods", "_selected_action": [scheduled_period.pk]})
    scheduled_period.refresh_from_db()
    assert scheduled_period.state == ReportingPeriod.State.OPEN

    # Locking asks first, on the page that names who has not reported; its button locks.
    page = client.post(url, {"action": "lock_periods", "_selected_action": [scheduled_period.pk]})
    scheduled_period.refresh_from_db()
    assert scheduled_period.state == ReportingPeriod.State.OPEN
    assert "Who has not reported" in page.text
    lock_url = reverse("actionplans:period_lock", args=[scheduled_period.pk])
    assert f'action="{lock_url}"' in page.text

    client.post(lock_url, {"confirm": "on"})
    scheduled_period.refresh_from_db()
    assert scheduled_period.state == ReportingPeriod.State.LOCKED


def test_admin_lock_action_on_a_period_not_open_locks_nothing(client, staff, scheduled_period):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    url = reverse("admin:actionplans_reportingperiod_changelist")

    response = client.post(
        url, {"action": "lock_periods", "_selected_action": [scheduled_period.pk]}, follow=True
    )

    scheduled_period.refresh_from_db()
    assert scheduled_period.state == ReportingPeriod.State.SCHEDULED
    assert "Only an open period can be locked." in response.text


def test_period_state_is_not_a_field_of_the_admin_form(client, staff, open_period):
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)

    html = client.get(
        reverse("admin:actionplans_reportingperiod_change", args=[open_period.pk])
    ).text

    assert 'name="state"' not in html


def test_staff_sees_who_has_not_reported(client, staff, item, open_period):
    client.force_login(staff)

    html = client.get(reverse("actionplans:period_detail", args=[open_period.pk])).text

    assert item.title in html
    assert item.lead_organization.name in html


def test_partner_cannot_see_the_staff_reporting_pages(client, partner_staff, open_period):
    client.force_login(partner_staff)

    for name in ("period_list", "period_detail", "period_export"):
        args = [] if name == "period_list" else [open_period.pk]
        assert client.get(reverse(f"actionplans:{name}", args=args)).status_code == 403


def test_partner_cannot_import_a_spreadsheet(client, partner_staff, item, open_period):
    client.force_login(partner_staff)
    csv = f"item_id,version,new_status,new_percent,new_narrative\n{item.pk},0,on_track,10,x\n"

    response = client.post(
        reverse("actionplans:period_import", args=[open_period.pk]),
        {"file": SimpleUploadedFile("updates.csv", csv.encode())},
    )

    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_staff_imports_a_spreadsheet(client, staff, item, open_period):
    client.force_login(staff)
    csv = f"item_id,version,new_status,new_percent,new_narrative\n{item.pk},0,on_track,10,x\n"

    response = client.post(
        reverse("actionplans:period_import", args=[open_period.pk]),
        {"file": SimpleUploadedFile("updates.csv", csv.encode())},
    )

    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.item, update.percent, update.source) == (item, 10, "import")
