import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.partners.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"


def sign_in(client, email, password):
    return client.post(LOGIN_URL, {"login": email, "password": password})


def test_partner_signs_in_with_email_and_lands_on_dashboard(client, partner_staff):
    response = sign_in(client, "partner@example.org", TEST_PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_email_is_matched_whatever_its_case(client, partner_staff):
    response = sign_in(client, "Partner@Example.ORG", TEST_PASSWORD)

    assert response.status_code == 302


def test_french_speaking_person_lands_on_the_french_dashboard(client, partner_staff):
    partner_staff.preferred_language = "fr"
    partner_staff.save()

    response = sign_in(client, "partner@example.org", TEST_PASSWORD)

    assert response.url == "/fr/dashboard/"


def test_wrong_password_shows_a_clear_message_and_no_session(client, partner_staff):
    response = sign_in(client, "partner@example.org", "not-the-password")

    assert response.status_code == 200
    assert "The email address and/or password you specified are not correct." in response.text
    assert 'class="error-summary"' in response.text
    assert "_auth_user_id" not in client.session


def test_repeated_failed_sign_ins_are_rate_limited(client, partner_staff):
    for _attempt in range(5):
        sign_in(client, "partner@example.org", "wrong")

    response = sign_in(client, "partner@example.org", TEST_PASSWORD)

    assert response.status_code == 200
    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_sign_up_is_closed(client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.org",
            "password1": "a-long-pass-phrase",
            "password2": "a-long-pass-phrase",
        },
    )

    assert response.status_code == 200
    assert "Accounts are by invitation" in response.text
    assert "Sign Up Closed" not in response.text
    from partners.models import User

    assert not User.objects.filter(email="new@example.org").exists()


def test_sign_out_needs_a_post_and_ends_the_session(client, partner_staff):
    client.force_login(partner_staff)

    client.post("/accounts/logout/")

    assert "_auth_user_id" not in client.session


def test_admin_login_redirects_to_the_portal_sign_in(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response.url.startswith(LOGIN_URL)


def test_admin_refuses_a_signed_in_person_who_is_not_staff(client, partner_staff):
    client.force_login(partner_staff)

    response = client.get("/admin/login/")

    assert response.status_code == 403


def test_staff_reaches_the_admin(client, staff):
    client.force_login(staff)

    response = client.get("/admin/")

    assert response.status_code == 200


def test_password_reset_email_is_sent_once_the_request_commits(
    client, partner_staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/accounts/password/reset/", {"email": "partner@example.org"})

    assert response.status_code == 302
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["partner@example.org"]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_password_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assert response.status_code == 302
    # allauth tells unknown addresses that they have no account, without telling the visitor.
    assert all("nobody@example.org" in message.to for message in mail.outbox)


def test_password_change_keeps_the_person_signed_in(client, partner_staff):
    client.force_login(partner_staff)

    response = client.post(
        "/accounts/password/change/",
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "a-new-long-pass-phrase",
            "password2": "a-new-long-pass-phrase",
        },
    )

    assert response.status_code == 302
    partner_staff.refresh_from_db()
    assert partner_staff.check_password("a-new-long-pass-phrase")


def test_a_french_speaking_person_signing_in_from_the_english_page_reads_french_messages(
    client, partner_staff
):
    partner_staff.preferred_language = "fr"
    partner_staff.save()

    response = client.post(
        LOGIN_URL, {"login": "partner@example.org", "password": TEST_PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/fr/dashboard/"
    assert '<html lang="fr"' in response.text
    shown = [str(message) for message in response.context["messages"]]
    assert shown
    assert shown == [f"Connexion réussie au compte {partner_staff.display_name}."]
    assert "Successfully signed in" not in response.text


def test_signing_in_remembers_the_person_s_language_in_the_language_cookie(client, partner_staff):
    partner_staff.preferred_language = "fr"
    partner_staff.save()

    response = sign_in(client, "partner@example.org", TEST_PASSWORD)

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_a_page_asked_for_in_english_opens_in_the_person_s_language(client, partner_staff):
    partner_staff.preferred_language = "fr"
    partner_staff.save()

    response = client.post(
        f"{LOGIN_URL}?next=/reports/",
        {"login": "partner@example.org", "password": TEST_PASSWORD},
    )

    assert response.url == "/fr/reports/"


def test_the_sign_in_page_offers_to_keep_the_person_signed_in_in_the_portal_s_words(client):
    english = client.get(LOGIN_URL).text
    french = client.get("/fr" + LOGIN_URL).text

    assert "Keep me signed in on this device" in english
    assert "Garder ma session ouverte sur cet appareil" in french
    assert "Remember Me" not in english
