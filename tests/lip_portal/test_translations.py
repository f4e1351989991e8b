import re
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@pytest.fixture(scope="module", params=CATALOGUES, ids=lambda path: path.parents[1].name)
def catalogue(request):
    return polib.pofile(str(request.param))


def test_there_is_a_catalogue_for_french_and_each_consultation_language():
    assert len(CATALOGUES) == 10


def test_every_string_of_a_catalogue_has_a_translation(catalogue):
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not missing, f"{len(missing)} strings have no translation: {missing[:10]}"


def test_no_translation_is_left_fuzzy(catalogue):
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not fuzzy, f"fuzzy translations: {fuzzy[:10]}"


def test_translations_keep_every_placeholder(catalogue):
    broken = []
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            expected = sorted(PLACEHOLDER.findall(entry.msgid))
            # Plurals may drop the count in the singular.
            if not entry.msgid_plural and expected != sorted(PLACEHOLDER.findall(translation)):
                broken.append(entry.msgid)
    assert not broken, f"placeholders differ: {broken[:10]}"
