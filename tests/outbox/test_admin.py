"""The back office lists what the outbox holds, never an email's text, and tries again what was
given up on."""

from unittest import mock

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from core.tasks import send_email
from outbox import services
from outbox.models import MAX_ATTEMPTS, Message
from tests.partners.factories import StaffFactory

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://portal.example.org/accounts/password/reset/key/abc-123/"


@pytest.fixture
def superuser(db):
    return StaffFactory(email="admin@example.org", is_superuser=True)


@pytest.fixture
def given_up(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = services.task_enqueue(
            task=send_email,
            kwargs={"subject": "Reset", "body": f"Follow {SECRET_LINK}", "to": ["p@example.org"]},
        )
    Message.objects.filter(pk=message.pk).update(
        attempts=MAX_ATTEMPTS, last_error="SMTPServerDisconnected: mail server down"
    )
    return message


def test_the_outbox_list_shows_each_task_and_its_error_but_not_its_arguments(
    client, superuser, given_up
):
    client.force_login(superuser)

    page = client.get(reverse("admin:outbox_message_changelist"), {"state": "failed"})

    assert page.status_code == 200
    text = page.content.decode()
    assert "lip_portal.tasks.send_email" in text
    assert "mail server down" in text
    assert SECRET_LINK not in text


def test_a_given_up_task_is_tried_again_from_the_admin(
    client, superuser, given_up, django_capture_on_commit_callbacks
):
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:outbox_message_changelist"),
            {"action": "try_again", "_selected_action": [given_up.pk]},
        )

    assert response.status_code == 302
    assert [sent.to for sent in mail.outbox] == [["p@example.org"]]


def test_partner_staff_cannot_see_the_outbox(client, partner_staff, given_up):
    client.force_login(partner_staff)

    response = client.get(reverse("admin:outbox_message_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_without_the_outbox_permission_cannot_see_it(client, staff, given_up):
    client.force_login(staff)

    response = client.get(reverse("admin:outbox_message_changelist"))

    assert response.status_code == 403


def test_trying_again_is_refused_to_staff_who_may_not_read_the_outbox(staff, given_up):
    with pytest.raises(PermissionDenied):
        services.messages_retry(message_ids=[given_up.pk], by=staff)

    given_up.refresh_from_db()
    assert given_up.attempts == MAX_ATTEMPTS


def test_staff_given_the_outbox_permission_try_a_task_again(given_up):
    reader = StaffFactory()
    reader.user_permissions.add(Permission.objects.get(codename="view_message"))

    with mock.patch.object(services, "_relay_after_commit"):
        retried = services.messages_retry(message_ids=[given_up.pk], by=reader)

    assert retried == 1
    given_up.refresh_from_db()
    assert given_up.attempts == 0
