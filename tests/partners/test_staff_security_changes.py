"""In the back office, staff see who has a second factor but never its secret; removing one,
setting someone's password or changing who holds which powers asks for the password again,
and the person concerned is emailed at once."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from partners.crypto import secret_decrypt
from tests.partners.factories import (
    TEST_PASSWORD,
    StaffFactory,
    UserFactory,
    add_second_factor,
    reauthenticate,
)

pytestmark = pytest.mark.django_db

REAUTHENTICATE_URL = reverse("account_reauthenticate")


@pytest.fixture
def superuser(db):
    return StaffFactory(email="boss@example.org", display_name="Bo Boss", is_superuser=True)


@pytest.fixture
def member(db):
    person = UserFactory(email="member@example.org", display_name="Mo Member")
    add_second_factor(person)
    RecoveryCodes.activate(person)
    return person


def totp_of(person):
    return Authenticator.objects.get(user=person, type=Authenticator.Type.TOTP)


def test_the_authenticator_page_in_the_admin_shows_no_secret(client, superuser, member):
    client.force_login(superuser)
    authenticator = totp_of(member)
    secret = secret_decrypt(authenticator.data["secret"])

    listing = client.get(reverse("admin:mfa_authenticator_changelist"))
    detail = client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))

    assert listing.status_code == 200 and detail.status_code == 200
    assert "Mo Member" in listing.text
    for page in (listing.text, detail.text):
        assert secret not in page
        assert authenticator.data["secret"] not in page
        assert 'name="data"' not in page


def test_staff_cannot_edit_or_add_an_authenticator_in_the_admin(client, superuser, member):
    client.force_login(superuser)
    reauthenticate(client)
    authenticator = totp_of(member)
    stored = authenticator.data

    edit = client.post(
        reverse("admin:mfa_authenticator_change", args=[authenticator.pk]),
        {"user": superuser.pk, "type": "totp", "data": '{"secret": "AAAAAAAAAAAAAAAA"}'},
    )
    add = client.get(reverse("admin:mfa_authenticator_add"))

    assert edit.status_code == 403
    assert add.status_code == 403
    authenticator.refresh_from_db()
    assert authenticator.data == stored and authenticator.user == member


def test_removing_a_persons_authenticator_asks_for_the_password_again(client, superuser, member):
    client.force_login(superuser)
    url = reverse("admin:mfa_authenticator_delete", args=[totp_of(member).pk])

    response = client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert response.url.startswith(REAUTHENTICATE_URL)
    assert Authenticator.objects.filter(user=member, type="totp").exists()


def test_removing_a_persons_authenticator_goes_on_once_the_password_is_given(
    client, superuser, member, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    url = reverse("admin:mfa_authenticator_delete", args=[totp_of(member).pk])
    asked = client.post(url, {"post": "yes"})

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(asked.url, {"password": TEST_PASSWORD})

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=member).exists()


def test_removing_a_persons_authenticator_emails_them_at_once(
    client, superuser, member, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    reauthenticate(client)
    url = reverse("admin:mfa_authenticator_delete", args=[totp_of(member).pk])

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"post": "yes"})

    assert not Authenticator.objects.filter(user=member).exists()  # recovery codes too
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    assert message.subject.endswith("Your second factor was removed")
    assert "Bo Boss (boss@example.org)" in message.body
    assert "set up an authenticator app again" in message.body


def test_the_notice_of_a_removed_authenticator_is_in_the_persons_language(
    client, superuser, member, django_capture_on_commit_callbacks
):
    member.preferred_language = "fr"
    member.save()
    client.force_login(superuser)
    reauthenticate(client)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:mfa_authenticator_delete", args=[totp_of(member).pk]), {"post": "yes"}
        )

    assert "Votre deuxième facteur a été retiré" in mail.outbox[0].subject


def test_recovery_codes_cannot_be_removed_apart_from_their_authenticator(client, superuser, member):
    client.force_login(superuser)
    reauthenticate(client)
    codes = Authenticator.objects.get(user=member, type=Authenticator.Type.RECOVERY_CODES)

    response = client.post(
        reverse("admin:mfa_authenticator_delete", args=[codes.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Authenticator.objects.filter(pk=codes.pk).exists()


def test_a_council_member_whose_authenticator_was_removed_sets_one_up_at_next_sign_in(
    client, superuser, member
):
    from pillars.models import Group as Body
    from pillars.models import Membership

    council = Body.objects.create(kind=Body.Kind.COUNCIL, name="Council", slug="council")
    Membership.objects.create(person=member, group=council, term_start="2024-01-01")
    client.force_login(superuser)
    reauthenticate(client)
    client.post(
        reverse("admin:mfa_authenticator_delete", args=[totp_of(member).pk]), {"post": "yes"}
    )
    client.logout()

    response = client.post(
        reverse("account_login"), {"login": member.email, "password": TEST_PASSWORD}
    )
    setup = client.get(response.url)

    assert response.url == reverse("dashboard")  # no second factor left to ask for...
    assert setup.status_code == 302 and setup.url == reverse("mfa_activate_totp")  # ...so: set up


def test_setting_a_password_in_the_admin_asks_for_the_password_again(client, superuser, member):
    client.force_login(superuser)
    url = reverse("admin:auth_user_password_change", args=[member.pk])

    response = client.post(
        url, {"password1": "a-new-password-2026!", "password2": "a-new-password-2026!"}
    )

    assert response.status_code == 302 and response.url.startswith(REAUTHENTICATE_URL)
    member.refresh_from_db()
    assert member.check_password(TEST_PASSWORD)


def test_setting_a_persons_password_in_the_admin_emails_them_at_once(
    client, superuser, member, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    reauthenticate(client)
    url = reverse("admin:auth_user_password_change", args=[member.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "password1": "a-new-password-2026!",
                "password2": "a-new-password-2026!",
                "usable_password": "true",
            },
        )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a-new-password-2026!")
    [message] = mail.outbox
    assert message.to == ["member@example.org"]
    assert "Bo Boss (boss@example.org)" in message.body
    assert "changed the password of your account" in message.body


def test_a_refused_password_in_the_admin_sends_no_email(
    client, superuser, member, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    reauthenticate(client)
    url = reverse("admin:auth_user_password_change", args=[member.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"password1": "short", "password2": "short", "usable_password": "true"}
        )

    assert response.status_code == 200
    assert "at least 12 characters" in response.text
    assert mail.outbox == []


def test_giving_someone_a_group_asks_for_the_password_again(client, superuser, member):
    group = Group.objects.create(name="Publishing")
    client.force_login(superuser)
    url = reverse("admin:partners_user_change", args=[member.pk])
    form = {
        "email": member.email,
        "display_name": member.display_name,
        "preferred_language": "en",
        "is_active": "on",
        "is_staff": "on",
        "groups": [group.pk],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
    }

    asked = client.post(url, form)
    member.refresh_from_db()
    assert asked.status_code == 302 and asked.url.startswith(REAUTHENTICATE_URL)
    assert not member.is_staff and not member.groups.exists()

    client.post(asked.url, {"password": TEST_PASSWORD})
    member.refresh_from_db()
    assert member.is_staff and list(member.groups.all()) == [group]


def test_changing_a_groups_permissions_asks_for_the_password_again(client, superuser):
    group = Group.objects.create(name="Publishing")
    client.force_login(superuser)

    response = client.post(
        reverse("admin:auth_group_change", args=[group.pk]), {"name": "Everything"}
    )

    assert response.status_code == 302 and response.url.startswith(REAUTHENTICATE_URL)
    group.refresh_from_db()
    assert group.name == "Publishing"


def test_looking_at_a_person_in_the_admin_asks_for_nothing(client, superuser, member):
    client.force_login(superuser)

    response = client.get(reverse("admin:partners_user_change", args=[member.pk]))

    assert response.status_code == 200
