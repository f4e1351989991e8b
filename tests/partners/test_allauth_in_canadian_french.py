"""allauth's pages and emails read in Canadian French: « courriel », never France's « e-mail »,
and the portal's overrides survive `make messages` because partners/allauth_strings.py lists
them in the project's code."""

import re
from pathlib import Path

import allauth
import polib
import pytest
from django.core import mail
from django.utils import translation

from partners.allauth_strings import ALLAUTH_STRINGS_SAID_OUR_WAY
from tests.partners.factories import UserFactory

pytestmark = pytest.mark.django_db

FRANCE_WORDS = re.compile(r"\be-?mail\b", re.IGNORECASE)
ALLAUTH_FRENCH = polib.pofile(
    str(Path(allauth.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.po")
)


def visible_text(html):
    # Addresses and attributes (type="email", name="email") are not words a reader sees.
    text = re.sub(r"<[^>]*>", " ", html)
    return re.sub(r"\S+@\S+", " ", text)


@pytest.mark.parametrize("path", ["/fr/accounts/login/", "/fr/accounts/password/reset/"])
def test_the_french_sign_in_and_reset_pages_say_courriel_not_e_mail(client, path):
    text = visible_text(client.get(path).text)

    assert "courriel" in text.lower()
    assert not FRANCE_WORDS.search(text), FRANCE_WORDS.findall(text)


def test_a_wrong_password_is_refused_in_canadian_french(client):
    UserFactory(email="partner@example.org")

    response = client.post(
        "/fr/accounts/login/", {"login": "partner@example.org", "password": "not-it"}
    )

    text = visible_text(response.text)
    assert "L’adresse courriel ou le mot de passe est incorrect." in text
    assert not FRANCE_WORDS.search(text)


def test_the_french_password_reset_email_says_courriel(client, django_capture_on_commit_callbacks):
    UserFactory(email="partner@example.org", preferred_language="fr")

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/fr/accounts/password/reset/", {"email": "partner@example.org"})

    message = mail.outbox[-1]
    assert "courriel" in message.body
    assert not FRANCE_WORDS.search(visible_text(message.body))
    assert not FRANCE_WORDS.search(message.subject)


@pytest.mark.parametrize("msgid", ALLAUTH_STRINGS_SAID_OUR_WAY)
def test_each_listed_string_is_allauths_and_the_portal_translation_wins(msgid):
    assert ALLAUTH_FRENCH.find(msgid) is not None, "no longer an allauth string"

    with translation.override("fr"):
        ours = translation.gettext(msgid)

    assert ours != msgid
    assert not FRANCE_WORDS.search(re.sub(r"%\(\w+\)[sd]|<[^>]*>", " ", ours))
