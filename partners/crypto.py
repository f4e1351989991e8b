"""Second-factor secrets encrypted at rest, with a key of their own.

A TOTP secret or a recovery-code seed read from a database dump, or from the back office, would
let anyone compute the person's codes. allauth stores them through its MFA adapter's
encrypt()/decrypt() hooks (partners.adapters.MFAAdapter), which call these functions: Fernet
(AES-128-CBC with an HMAC-SHA256 tag, from `cryptography`) under MFA_SECRET_KEY, with
MFA_SECRET_KEY_FALLBACKS still accepted for reading so the key can be rotated
(`manage.py rotate_mfa_secrets` then rewrites every secret under the new key). SECRET_KEY plays
no part: rotating it leaves every second factor working.
"""

import base64
from collections.abc import Callable
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Which values of an authenticator's `data` are secrets (allauth's TOTP and recovery codes).
SECRET_FIELDS = {"totp": ["secret"], "recovery_codes": ["seed"]}
SECRET_LIST_FIELDS = {"recovery_codes": ["migrated_codes"]}


def _fernet(key: str) -> Fernet:
    # Any long random string will do as a setting; Fernet wants 32 url-safe base64 bytes.
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"lip-portal mfa secrets"
    ).derive(key.encode())
    return Fernet(base64.urlsafe_b64encode(derived))


def _keys() -> MultiFernet:
    return MultiFernet(
        [_fernet(key) for key in [settings.MFA_SECRET_KEY, *settings.MFA_SECRET_KEY_FALLBACKS]]
    )


def secret_encrypt(text: str) -> str:
    """`text` encrypted under MFA_SECRET_KEY (a different token each time)."""
    return _keys().encrypt(text.encode()).decode()


def secret_decrypt(token: str) -> str:
    """The clear text of `token`, encrypted under MFA_SECRET_KEY or one of its fallbacks.

    A token no key opens is a configuration error (the key was changed without keeping the old
    one among the fallbacks), never something to accept as clear text: that would let whoever
    can write to the database plant a secret of their choosing."""
    try:
        return _keys().decrypt(token.encode()).decode()
    except (InvalidToken, AttributeError, UnicodeError) as error:
        raise ImproperlyConfigured(
            "A second-factor secret could not be decrypted with MFA_SECRET_KEY or any of "
            "MFA_SECRET_KEY_FALLBACKS: keep the key it was encrypted with among the fallbacks."
        ) from error


def secret_is_encrypted(value: object) -> bool:
    """Whether `value` is a token that the current keys open."""
    try:
        _keys().decrypt(str(value).encode())
    except InvalidToken:
        return False
    return True


def secret_rotate(token: str) -> str:
    """`token` re-encrypted under MFA_SECRET_KEY (it may have been under a fallback)."""
    try:
        return _keys().rotate(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A second-factor secret could not be decrypted with MFA_SECRET_KEY or any of "
            "MFA_SECRET_KEY_FALLBACKS: keep the key it was encrypted with among the fallbacks."
        ) from error


def authenticator_data_map(
    data: dict[str, Any], type: str, transform: Callable[[str], str]
) -> dict[str, Any]:
    """A copy of an authenticator's `data` with `transform` applied to each of its secrets."""
    data = dict(data)
    for field in SECRET_FIELDS.get(type, []):
        if field in data:
            data[field] = transform(data[field])
    for field in SECRET_LIST_FIELDS.get(type, []):
        if data.get(field) is not None:
            data[field] = [transform(value) for value in data[field]]
    return data
