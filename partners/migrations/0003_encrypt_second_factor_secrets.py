"""Encrypt the second-factor secrets already stored in clear (TOTP secrets, recovery-code
seeds) under MFA_SECRET_KEY; going back decrypts them. A secret already encrypted is left as
it is, so running it on a database where some are is safe."""

from django.db import migrations

from partners.crypto import (
    authenticator_data_map,
    secret_decrypt,
    secret_encrypt,
    secret_is_encrypted,
)


def _encrypt(value):
    return value if secret_is_encrypted(value) else secret_encrypt(value)


def _decrypt(value):
    return secret_decrypt(value) if secret_is_encrypted(value) else value


def _rewrite(apps, transform):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.exclude(type="webauthn").iterator():
        data = authenticator_data_map(authenticator.data, authenticator.type, transform)
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps, schema_editor):
    _rewrite(apps, _encrypt)


def decrypt_secrets(apps, schema_editor):
    _rewrite(apps, _decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0002_historicalorganization_organization_city_and_more"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
