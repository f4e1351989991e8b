"""Staff invite a new person, who sets a password from the emailed link and signs in."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from partners.models import User
from partners.services import invitation_url, person_invite
from tests.partners.factories import StaffFactory, reauthenticate

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-and-fresh-passphrase-2026"


@pytest.fixture
def superuser(db):
    return StaffFactory(email="boss@example.org", is_superuser=True)


@pytest.fixture
def newcomer(organization):
    person = User.objects.create_user(
        email="new.partner@example.org", display_name="Nia Newcomer", organization=organization
    )
    person.set_unusable_password()
    person.save()
    return person


def _invite_through_the_admin(client, person, capture):
    with capture(execute=True):
        return client.post(
            "/admin/partners/user/",
            {"action": "invite", "_selected_action": [person.pk]},
            follow=True,
        )


def _link(message):
    return re.search(r"https?://\S+", message.body).group(0)


def test_invite_action_emails_a_link_and_the_person_sets_a_password_and_signs_in(
    client, superuser, newcomer, django_capture_on_commit_callbacks
):
    client.force_login(superuser)

    response = _invite_through_the_admin(client, newcomer, django_capture_on_commit_callbacks)

    assert "1 invitation is on its way." in response.text
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.partner@example.org"]
    assert "Nia Newcomer" in message.body
    link = _link(message)
    assert "/accounts/password/reset/key/" in link

    client.logout()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_password_url = form_page.redirect_chain[-1][0] if form_page.redirect_chain else link
    done = client.post(
        set_password_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )
    assert done.status_code == 200
    newcomer.refresh_from_db()
    assert newcomer.check_password(NEW_PASSWORD)

    signed_in = client.post(
        "/accounts/login/", {"login": "new.partner@example.org", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert signed_in["Location"].endswith("/dashboard/")


def test_invitation_link_works_only_once(client, newcomer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        link = person_invite(by=None, person=newcomer, base_url="http://testserver")
    page = client.get(link, follow=True)
    url = page.redirect_chain[-1][0]
    client.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    second = client.get(link, follow=True)

    assert "password1" not in second.text


def test_person_who_prefers_french_gets_the_invitation_in_french(
    newcomer, django_capture_on_commit_callbacks
):
    newcomer.preferred_language = "fr"
    newcomer.save()

    with django_capture_on_commit_callbacks(execute=True):
        person_invite(by=None, person=newcomer, base_url="http://testserver")

    message = mail.outbox[0]
    assert "/fr/accounts/password/reset/key/" in message.body
    assert "Bonjour Nia Newcomer" in message.body


def test_inactive_account_is_not_invited(newcomer, django_capture_on_commit_callbacks):
    newcomer.is_active = False
    newcomer.save()

    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        person_invite(by=None, person=newcomer, base_url="http://testserver")

    assert mail.outbox == []


def test_email_is_sent_only_after_the_transaction_commits(
    newcomer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        person_invite(by=None, person=newcomer, base_url="http://testserver")

    assert mail.outbox == []
    assert len(callbacks) == 1


def test_partner_staff_cannot_run_the_invite_action(
    client, partner_staff, newcomer, django_capture_on_commit_callbacks
):
    client.force_login(partner_staff)

    _invite_through_the_admin(client, newcomer, django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_staff_create_a_person_without_a_password_to_invite_them(client, superuser, organization):
    client.force_login(superuser)
    reauthenticate(client)

    response = client.post(
        "/admin/partners/user/add/",
        {
            "email": "fresh@example.org",
            "display_name": "Fresh Person",
            "preferred_language": "en",
            "organization": organization.pk,
            "usable_password": "false",
        },
    )

    assert response.status_code == 302, response.text
    person = User.objects.get(email="fresh@example.org")
    assert not person.has_usable_password()


@pytest.mark.parametrize(
    ("language", "title", "first", "again"),
    [
        ("en", "Choose your password", "Choose a password", "Type the same password again"),
        (
            "fr",
            "Choisissez votre mot de passe",
            "Choisissez un mot de passe",
            "Saisissez le même mot de passe une deuxième fois",
        ),
    ],
)
def test_the_invitation_page_asks_a_newcomer_to_choose_a_password_in_the_portal_s_words(
    client, newcomer, language, title, first, again
):
    newcomer.preferred_language = language
    newcomer.save()
    link = person_invite(by=None, person=newcomer, base_url="http://testserver")

    page = client.get(link, follow=True).text

    assert f"<h1>{title}</h1>" in page
    assert first in page and again in page
    assert "Change Password" not in page
    assert "New Password (again)" not in page


def test_a_reset_link_asks_someone_with_a_password_for_a_new_one(client, partner_staff):
    link = invitation_url(person=partner_staff, base_url="http://testserver")

    page = client.get(link, follow=True).text

    assert "<h1>Choose a new password</h1>" in page
    assert "New password" in page


def test_a_used_link_says_it_no_longer_works(client):
    page = client.get("/accounts/password/reset/key/1-not-a-key/").text

    assert "This link no longer works" in page
    assert "Bad Token" not in page
