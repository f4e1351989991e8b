import re

import pytest
from django.conf import settings

from consultations import form_strings

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("code", settings.CONSULTATION_LANGUAGES)
def test_every_offered_language_has_the_whole_form_chrome(code):
    strings = form_strings.STRINGS[code]

    assert set(strings) == set(form_strings.CHROME)


@pytest.mark.parametrize("code", settings.CONSULTATION_LANGUAGES)
def test_translated_chrome_keeps_its_placeholders(code):
    for key, english in form_strings.CHROME.items():
        expected = set(PLACEHOLDER.findall(str(english)))
        assert set(PLACEHOLDER.findall(form_strings.STRINGS[code][key])) == expected, key


@pytest.mark.parametrize("code", ["ar", "fa", "ur"])
def test_arabic_farsi_and_urdu_read_right_to_left(code):
    assert form_strings.is_bidi(code)


def test_french_chrome_comes_from_the_catalogue():
    assert form_strings.text("submit", "fr") == "Envoyer mes réponses"
    assert form_strings.text("err_too_long", "fr", limit=300) == (
        "Veuillez limiter votre réponse à moins de 300 caractères."
    )


def test_an_unknown_consultation_language_fails_the_system_check(settings):
    from consultations.checks import check_consultation_languages

    settings.CONSULTATION_LANGUAGES = ["ar", "xx"]

    errors = check_consultation_languages(None)

    assert [e.id for e in errors] == ["consultations.E001"]


@pytest.mark.parametrize("code", settings.CONSULTATION_LANGUAGES)
def test_the_language_catalogue_gives_the_chrome_of_the_dictionaries(code):
    from django.utils import translation

    for key, english in form_strings.CHROME.items():
        with translation.override(code):
            assert str(english) == form_strings.STRINGS[code][key], key
