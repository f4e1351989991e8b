"""Publishing a report asks staff for their password again (allauth's reauthentication), then
goes on with the same form; the publish service itself is unchanged."""

import pytest
from django.urls import reverse

from reports.models import ReportVersion
from tests.partners.factories import TEST_PASSWORD, StaffFactory, reauthenticate

from .factories import PAST

pytestmark = pytest.mark.django_db

REAUTHENTICATE_URL = reverse("account_reauthenticate")


def publish_url():
    return reverse("reports:publish", args=[PAST.label])


def test_publishing_asks_staff_for_their_password_first(client, staff, report):
    client.force_login(staff)

    response = client.post(publish_url(), {"note": ""})

    assert response.status_code == 302
    assert response.url.startswith(REAUTHENTICATE_URL)
    assert not ReportVersion.objects.exists()


def test_publishing_goes_on_once_the_password_is_given(
    client, staff, report, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    asked = client.post(publish_url(), {"note": ""})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(asked.url, {"password": TEST_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("reports:detail", args=[PAST.label])
    assert ReportVersion.objects.get(report=report).published_by == staff


def test_a_wrong_password_publishes_nothing(client, staff, report):
    client.force_login(staff)
    asked = client.post(publish_url(), {"note": ""})

    response = client.post(asked.url, {"password": "not-the-password"})

    assert response.status_code == 200
    assert not ReportVersion.objects.exists()


def test_the_admin_publish_action_asks_for_the_password_first(client, report):
    admin_user = StaffFactory(email="admin@example.org", is_superuser=True)
    client.force_login(admin_user)
    changelist = reverse("admin:reports_annualreport_changelist")

    response = client.post(
        changelist, {"action": "publish_first_version", "_selected_action": [report.pk]}
    )

    assert response.status_code == 302
    assert response.url.startswith(REAUTHENTICATE_URL)
    assert not ReportVersion.objects.exists()


def test_a_recent_password_is_not_asked_again(client, staff, report):
    client.force_login(staff)
    reauthenticate(client)

    response = client.post(publish_url(), {"note": ""})

    assert response.status_code == 302
    assert response.url == reverse("reports:detail", args=[PAST.label])
