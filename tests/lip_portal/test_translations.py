import re
from pathlib import Path

import polib
import pytest

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def test_every_string_has_a_french_translation(catalogue):
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    assert not missing, f"{len(missing)} strings have no French translation: {missing[:10]}"


def test_no_french_translation_is_left_fuzzy(catalogue):
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not fuzzy, f"fuzzy translations: {fuzzy[:10]}"


def test_french_translations_keep_every_placeholder(catalogue):
    broken = []
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            expected = sorted(PLACEHOLDER.findall(entry.msgid))
            # Plurals may drop the count in the singular.
            if not entry.msgid_plural and expected != sorted(PLACEHOLDER.findall(translation)):
                broken.append(entry.msgid)
    assert not broken, f"placeholders differ: {broken[:10]}"
