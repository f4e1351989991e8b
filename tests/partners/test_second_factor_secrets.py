"""Second-factor secrets are encrypted at rest under a key of their own (MFA_SECRET_KEY)."""

import importlib
import io
import json
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from partners.crypto import secret_decrypt
from tests.partners.factories import TEST_PASSWORD, StaffFactory, add_second_factor

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

encryption_migration = importlib.import_module(
    "partners.migrations.0003_encrypt_second_factor_secrets"
)


def current_code(secret=SECRET):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def stored_data(authenticator):
    """The authenticator's `data` column as the database holds it (what a dump would carry)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        raw = cursor.fetchone()[0]
    return raw if isinstance(raw, str) else json.dumps(raw)


def sign_in_with_code(client, user, code):
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    return client.post(reverse("mfa_authenticate"), {"code": code})


def test_the_database_holds_no_clear_totp_secret(staff):
    authenticator = add_second_factor(StaffFactory(second_factor=False), SECRET)

    raw = stored_data(authenticator)

    assert SECRET not in raw
    assert SECRET.lower() not in raw.lower()


def test_the_database_holds_no_clear_recovery_code_seed(staff):
    codes = RecoveryCodes.activate(staff)
    seed = secret_decrypt(codes.instance.data["seed"])

    assert seed not in stored_data(codes.instance)
    assert codes.validate_code(codes.generate_codes()[0])


def test_a_person_signs_in_with_their_code_after_the_mfa_key_is_rotated(client, settings):
    settings.MFA_SECRET_KEY = "the-old-mfa-key-0123456789-abcdefghij"
    person = StaffFactory(second_factor=False)
    add_second_factor(person, SECRET)
    settings.MFA_SECRET_KEY = "the-new-mfa-key-9876543210-zyxwvutsrq"
    settings.MFA_SECRET_KEY_FALLBACKS = ["the-old-mfa-key-0123456789-abcdefghij"]

    response = sign_in_with_code(client, person, current_code())

    assert response.status_code == 302
    assert response.url == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(person.pk)


def test_once_secrets_are_rotated_the_old_key_can_leave_the_fallbacks(client, settings):
    settings.MFA_SECRET_KEY = "the-old-mfa-key-0123456789-abcdefghij"
    person = StaffFactory(second_factor=False)
    add_second_factor(person, SECRET)
    settings.MFA_SECRET_KEY = "the-new-mfa-key-9876543210-zyxwvutsrq"
    settings.MFA_SECRET_KEY_FALLBACKS = ["the-old-mfa-key-0123456789-abcdefghij"]

    call_command("rotate_mfa_secrets", stdout=io.StringIO())
    settings.MFA_SECRET_KEY_FALLBACKS = []
    response = sign_in_with_code(client, person, current_code())

    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_rotating_the_secret_key_leaves_the_second_factor_working(client, settings):
    person = StaffFactory(second_factor=False)
    add_second_factor(person, SECRET)
    settings.SECRET_KEY = "a-completely-different-secret-key-after-a-restore-0123456789"
    settings.SECRET_KEY_FALLBACKS = []

    response = sign_in_with_code(client, person, current_code())

    assert response.status_code == 302
    assert response.url == reverse("dashboard")


def test_a_secret_that_no_key_opens_fails_loudly_instead_of_being_taken_as_clear_text(settings):
    person = StaffFactory(second_factor=False)
    authenticator = add_second_factor(person, SECRET)
    settings.MFA_SECRET_KEY = "a-key-that-never-encrypted-anything-0123"

    with pytest.raises(ImproperlyConfigured, match="MFA_SECRET_KEY_FALLBACKS"):
        TOTP(authenticator).validate_code(current_code())


def test_a_clear_secret_planted_in_the_database_is_not_accepted(settings):
    person = StaffFactory(second_factor=False)
    authenticator = add_second_factor(person, SECRET)
    Authenticator.objects.filter(pk=authenticator.pk).update(data={"secret": SECRET})
    authenticator.refresh_from_db()

    with pytest.raises(ImproperlyConfigured):
        TOTP(authenticator).validate_code(current_code())


def test_the_migration_encrypts_secrets_stored_in_clear_and_leaves_encrypted_ones(db):
    clear = StaffFactory(second_factor=False)
    already = add_second_factor(StaffFactory(second_factor=False), SECRET)
    already_data = Authenticator.objects.get(pk=already.pk).data
    totp = Authenticator.objects.create(user=clear, type="totp", data={"secret": SECRET})
    seed = "ab" * 40
    codes = Authenticator.objects.create(
        user=clear, type="recovery_codes", data={"seed": seed, "used_mask": 0}
    )

    encryption_migration.encrypt_secrets(apps, None)

    for authenticator in (totp, codes):
        authenticator.refresh_from_db()
    assert SECRET not in stored_data(totp) and seed not in stored_data(codes)
    assert Authenticator.objects.get(pk=already.pk).data == already_data
    assert TOTP(totp).validate_code(current_code())
    assert codes.data["used_mask"] == 0


def test_the_migration_going_back_restores_the_clear_secrets(db):
    person = StaffFactory(second_factor=False)
    authenticator = add_second_factor(person, SECRET)

    encryption_migration.decrypt_secrets(apps, None)

    authenticator.refresh_from_db()
    assert authenticator.data == {"secret": SECRET}
