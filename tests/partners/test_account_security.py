"""OWASP ASVS 4.0.3 level 2 basics for everyone's account: long, uncommon passwords; a notice
by email of every password, email address and second-factor change; one address per account,
which changes only once the new one is confirmed."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.urls import reverse

from tests.partners.factories import TEST_PASSWORD, reauthenticate

pytestmark = pytest.mark.django_db

CHANGE_URL = reverse("account_change_password")
EMAIL_URL = reverse("account_email")


def change_password(client, new):
    return client.post(
        CHANGE_URL, {"oldpassword": TEST_PASSWORD, "password1": new, "password2": new}
    )


def test_a_password_of_eleven_characters_is_refused(client, partner_staff):
    client.force_login(partner_staff)

    response = change_password(client, "Vx9#qT2mKp4")

    assert response.status_code == 200
    assert "This password is too short. It must contain at least 12 characters." in response.text
    partner_staff.refresh_from_db()
    assert partner_staff.check_password(TEST_PASSWORD)


def test_a_common_password_of_twelve_characters_is_refused(client, partner_staff):
    client.force_login(partner_staff)

    response = change_password(client, "qwertyqwerty")

    assert response.status_code == 200
    assert "This password is too common." in response.text


def test_a_password_of_twelve_uncommon_characters_is_accepted(client, partner_staff):
    client.force_login(partner_staff)

    response = change_password(client, "Vx9#qT2mKp4z")

    assert response.status_code == 302


def test_the_french_form_says_why_a_short_password_is_refused(client, partner_staff):
    client.force_login(partner_staff)

    response = client.post(
        "/fr" + CHANGE_URL,
        {"oldpassword": TEST_PASSWORD, "password1": "Vx9#qT2m", "password2": "Vx9#qT2m"},
    )

    assert response.status_code == 200
    assert "au minimum 12 caractères" in response.text


def test_changing_ones_password_emails_a_notice(
    client, partner_staff, django_capture_on_commit_callbacks
):
    client.force_login(partner_staff)

    with django_capture_on_commit_callbacks(execute=True):
        change_password(client, "a-new-long-pass-phrase")

    [message] = mail.outbox
    assert message.to == ["partner@example.org"]
    assert "Password Changed" in message.subject


def test_resetting_ones_password_emails_a_notice(
    client, partner_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "partner@example.org"})
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", mail.outbox[0].body)
    form = client.get(link.group(1), follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            form.redirect_chain[-1][0],
            {"password1": "a-new-long-pass-phrase", "password2": "a-new-long-pass-phrase"},
        )

    assert [m.subject for m in mail.outbox][-1].endswith("Password Reset")
    assert mail.outbox[-1].to == ["partner@example.org"]


def test_setting_up_a_second_factor_emails_a_notice(
    client, staff, django_capture_on_commit_callbacks
):
    from tests.partners.factories import StaffFactory

    newcomer = StaffFactory(email="new.staff@example.org", second_factor=False)
    client.force_login(newcomer)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code})

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["new.staff@example.org"]]
    assert "Authenticator App Activated" in mail.outbox[0].subject


def test_changing_ones_email_address_asks_for_the_password_again(client, partner_staff):
    client.force_login(partner_staff)

    response = client.post(EMAIL_URL, {"email": "new.address@example.org", "action_add": ""})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="new.address@example.org").exists()


def test_a_new_email_address_does_not_count_until_it_is_confirmed(
    client, partner_staff, django_capture_on_commit_callbacks
):
    client.force_login(partner_staff)
    reauthenticate(client)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(EMAIL_URL, {"email": "first.try@example.org", "action_add": ""})
        client.post(EMAIL_URL, {"email": "second.try@example.org", "action_add": ""})

    partner_staff.refresh_from_db()
    assert partner_staff.email == "partner@example.org"
    # One address in use; only the latest one asked for waits for its confirmation.
    addresses = EmailAddress.objects.filter(user=partner_staff)
    assert set(addresses.values_list("email", "verified", "primary")) == {
        ("partner@example.org", True, True),
        ("second.try@example.org", False, False),
    }
    assert mail.outbox[-1].to == ["second.try@example.org"]


def test_a_confirmed_email_address_replaces_the_old_one_which_is_told(
    client, partner_staff, django_capture_on_commit_callbacks
):
    client.force_login(partner_staff)
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(EMAIL_URL, {"email": "new.address@example.org", "action_add": ""})
    confirm = re.search(r"http://testserver(/accounts/confirm-email/\S+/)", mail.outbox[-1].body)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm.group(1))

    assert response.status_code == 302
    partner_staff.refresh_from_db()
    assert partner_staff.email == "new.address@example.org"
    assert list(
        EmailAddress.objects.filter(user=partner_staff).values_list("email", "verified")
    ) == [("new.address@example.org", True)]
    notice = mail.outbox[-1]
    assert notice.to == ["partner@example.org"] and "Email Changed" in notice.subject


def test_an_unconfirmed_address_cannot_be_used_to_sign_in(client, partner_staff):
    client.force_login(partner_staff)
    reauthenticate(client)
    client.post(EMAIL_URL, {"email": "someone.else@example.org", "action_add": ""})
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": "someone.else@example.org", "password": TEST_PASSWORD}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_password_reset_is_never_sent_to_an_unconfirmed_address(
    client, partner_staff, django_capture_on_commit_callbacks
):
    client.force_login(partner_staff)
    reauthenticate(client)
    client.post(EMAIL_URL, {"email": "someone.else@example.org", "action_add": ""})
    client.logout()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "someone.else@example.org"})

    assert all("/accounts/password/reset/key/" not in message.body for message in mail.outbox)


def test_the_email_page_has_no_inline_style(client, partner_staff):
    client.force_login(partner_staff)
    reauthenticate(client)
    client.post(EMAIL_URL, {"email": "new.address@example.org", "action_add": ""})

    page = client.get(EMAIL_URL)

    assert page.status_code == 200
    assert "new.address@example.org" in page.text
    assert "style=" not in page.text
