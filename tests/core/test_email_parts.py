"""Every email leaves with a List-Id, a plain-text and an HTML part, in the recipient's language,
and links to the portal's real address (PORTAL_BASE_URL)."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from actionplans import services as actionplans
from core.mail import email_send
from tests.actionplans.factories import ActionItemFactory, ReportingPeriodFactory
from tests.partners.factories import UserFactory

pytestmark = pytest.mark.django_db


def send(capture, **kwargs):
    with capture(execute=True):
        email_send(
            **{"subject": "Due soon", "body": "Your update is due.", "to": "p@example.org"} | kwargs
        )
    return mail.outbox[-1]


def html_part(message):
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_an_email_carries_the_portals_list_id(django_capture_on_commit_callbacks, settings):
    settings.EMAIL_LIST_ID = "Riverside LIP <notifications.lip.example>"

    message = send(django_capture_on_commit_callbacks)

    assert message.extra_headers["List-Id"] == "Riverside LIP <notifications.lip.example>"
    assert "List-Id: Riverside LIP <notifications.lip.example>" in message.message().as_string()


def test_the_default_list_id_names_the_partnership_under_the_senders_domain(settings):
    from lip_portal import settings as portal_settings

    assert portal_settings.EMAIL_LIST_ID == (
        "Riverside Local Immigration Partnership <notifications.localhost>"
    )


def test_an_email_written_as_text_has_a_plain_text_and_an_html_part(
    django_capture_on_commit_callbacks,
):
    message = send(
        django_capture_on_commit_callbacks,
        body="Your update is due <soon>.\n\nSee http://127.0.0.1:8123/dashboard/",
    )
    parts = [part.get_content_type() for part in message.message().walk()]

    assert parts == ["multipart/alternative", "text/plain", "text/html"]
    assert message.body.startswith("Your update is due <soon>.")
    html = html_part(message)
    assert "Your update is due &lt;soon&gt;." in html
    assert '<a href="http://127.0.0.1:8123/dashboard/"' in html


def test_an_email_with_its_own_html_keeps_it(django_capture_on_commit_callbacks):
    message = send(django_capture_on_commit_callbacks, html_body="<p>Written in HTML</p>")

    assert html_part(message) == "<p>Written in HTML</p>"


def test_an_email_is_marked_with_the_language_it_was_written_in(
    django_capture_on_commit_callbacks,
):
    with translation.override("fr"):
        message = send(django_capture_on_commit_callbacks)

    assert message.extra_headers["Content-Language"] == "fr"
    assert '<html lang="fr"' in html_part(message)


def test_an_email_written_for_a_french_speaker_from_an_english_page_is_in_french(
    django_capture_on_commit_callbacks,
):
    item = ActionItemFactory()
    UserFactory(email="francais@example.org", organization=item.lead_organization,
                preferred_language="fr")  # fmt: skip
    period = ReportingPeriodFactory()

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        actionplans.reporting_reminders_send(today=period.due_date)

    (message,) = mail.outbox
    assert "Bonjour" in message.body
    assert message.extra_headers["Content-Language"] == "fr"
    assert '<html lang="fr"' in html_part(message)


def test_links_in_emails_sent_by_tasks_point_at_the_portal_base_url(
    django_capture_on_commit_callbacks, settings
):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8123"
    item = ActionItemFactory()
    UserFactory(email="lead@example.org", organization=item.lead_organization)
    period = ReportingPeriodFactory()

    with django_capture_on_commit_callbacks(execute=True):
        actionplans.reporting_reminders_send(today=period.due_date - datetime.timedelta(days=3))

    (message,) = mail.outbox
    assert "http://127.0.0.1:8123/dashboard/" in message.body
    assert "127.0.0.1:8000" not in message.body + html_part(message)
