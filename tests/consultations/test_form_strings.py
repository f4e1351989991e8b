import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from consultations import form_strings
from consultations.checks import check_consultation_languages
from core.languages import is_bidi, self_name

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def catalogue(code):
    path = Path(settings.LOCALE_PATHS[0]) / translation.to_locale(code) / "LC_MESSAGES"
    return polib.pofile(str(path / "django.po"))


def english(key):
    with translation.override("en"):
        return str(form_strings.CHROME[key])


@pytest.mark.parametrize("code", ["fr", *settings.CONSULTATION_LANGUAGES])
def test_every_chrome_string_is_translated_in_every_language_catalogue(code):
    translated = {entry.msgid for entry in catalogue(code).translated_entries()}

    assert {english(key) for key in form_strings.CHROME} <= translated


@pytest.mark.parametrize("code", settings.CONSULTATION_LANGUAGES)
def test_the_form_chrome_renders_from_the_language_catalogue(code):
    for key in form_strings.CHROME:
        assert form_strings.text(key, code) == catalogue(code).find(english(key)).msgstr, key


@pytest.mark.parametrize("code", settings.CONSULTATION_LANGUAGES)
def test_translated_chrome_keeps_its_placeholders(code):
    for key in form_strings.CHROME:
        expected = set(PLACEHOLDER.findall(english(key)))
        assert set(PLACEHOLDER.findall(form_strings.text(key, code))) == expected, key


@pytest.mark.parametrize(
    ("code", "submit"),
    [
        ("ar", "إرسال إجاباتي"),
        ("zh-hans", "提交我的回答"),
        ("es", "Enviar mis respuestas"),
        ("pa", "ਮੇਰੇ ਜਵਾਬ ਭੇਜੋ"),
        ("tl", "Ipadala ang aking mga sagot"),
        ("uk", "Надіслати мої відповіді"),
        ("fa", "ارسال پاسخ\u200cهایم"),
        ("so", "Dir jawaabahayga"),
        ("ur", "میرے جوابات بھیجیں"),
    ],
)
def test_the_form_page_shows_the_chrome_in_the_chosen_language(client, survey, code, submit):
    survey.extra_languages = [code]
    survey.save()

    html = client.get(f"/consultations/{survey.slug}/?lang={code}").content.decode()

    assert submit in html


@pytest.mark.parametrize("code", ["ar", "fa", "ur"])
def test_the_form_reads_right_to_left_in_arabic_farsi_and_urdu(client, survey, code):
    survey.extra_languages = [code]
    survey.save()

    html = client.get(f"/consultations/{survey.slug}/?lang={code}").content.decode()

    assert f'<article class="consultation" lang="{code}" dir="rtl">' in html


@pytest.mark.parametrize("code", ["en", "fr", "zh-hans", "es", "pa", "tl", "uk", "so"])
def test_the_other_languages_read_left_to_right(code):
    assert not is_bidi(code)


@pytest.mark.parametrize(
    ("code", "name"),
    [("fr", "Français"), ("es", "Español"), ("pa", "ਪੰਜਾਬੀ"), ("tl", "Tagalog"), ("so", "Soomaali")],
)
def test_each_language_names_itself_as_django_knows_it(code, name):
    assert self_name(code) == name


def test_french_chrome_comes_from_the_catalogue():
    assert form_strings.text("submit", "fr") == "Envoyer mes réponses"
    assert form_strings.text("err_too_long", "fr", limit=300) == (
        "Veuillez limiter votre réponse à moins de 300 caractères."
    )


def test_an_unknown_consultation_language_fails_the_system_check(settings):
    settings.CONSULTATION_LANGUAGES = ["ar", "xx"]

    errors = check_consultation_languages(None)

    assert [e.id for e in errors] == ["consultations.E001"]


def test_a_consultation_language_without_a_catalogue_fails_the_system_check(settings, tmp_path):
    settings.CONSULTATION_LANGUAGES = ["ar"]
    settings.LOCALE_PATHS = [tmp_path]

    errors = check_consultation_languages(None)

    assert [e.id for e in errors] == ["consultations.E002"]
