"""Signed links in the emails: confirm (expires), manage and unsubscribe (last as long as the
subscription). A token names the subscription and a short keyed digest of its address, so a
token stays valid for that address only."""

import hashlib

from django.conf import settings
from django.core import signing

SALT = "following.link"
CONFIRM_MAX_AGE_SECONDS = 7 * 24 * 60 * 60
ACTIONS = frozenset({"confirm", "manage", "unsubscribe"})


class BadToken(Exception):
    """A link that was forged, altered, has expired, or names a subscription that is gone."""


def address_digest(email: str) -> str:
    return hashlib.sha256(f"{settings.SECRET_KEY}:following:{email.lower()}".encode()).hexdigest()[
        :16
    ]


def make(*, action: str, subscription_id: int, email: str) -> str:
    return signing.dumps(
        {"a": action, "s": subscription_id, "e": address_digest(email)}, salt=SALT, compress=True
    )


def read(*, token: str, action: str) -> tuple[int, str]:
    """(subscription id, address digest) of a valid token for `action`, else BadToken."""
    max_age = CONFIRM_MAX_AGE_SECONDS if action == "confirm" else None
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one too
        raise BadToken from None
    if (
        not isinstance(data, dict)
        or data.get("a") != action
        or not isinstance(data.get("s"), int)
        or not isinstance(data.get("e"), str)
    ):
        raise BadToken
    return data["s"], data["e"]
