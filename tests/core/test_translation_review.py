import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

from core import translation_review
from core.translation_review import awaiting_review

REAL_LOCALE = Path(settings.LOCALE_PATHS[0])
MARKER_LINE = re.compile(r"^# review: awaiting a native speaker\s*$", re.MULTILINE)

CATALOGUE = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

# review: awaiting a native speaker
msgid "Send my answers"
msgstr "إرسال إجاباتي"

# A note from the translator.
# review: awaiting a native speaker
#: consultations/form_strings.py:30
msgid "Woman"
msgstr "امرأة"

msgid "Man"
msgstr "رجل"

# review: done by a native speaker
msgid "Black"
msgstr "أسود"

#. review: awaiting a native speaker
msgid "White"
msgstr "أبيض"

# review: awaiting a native speaker
#~ msgid "Old string"
#~ msgstr "نص قديم"
"""


def plant(folder, language, text=CATALOGUE):
    path = Path(folder) / to_locale(language) / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def planted(tmp_path, settings):
    plant(tmp_path, "ar")
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    return tmp_path


def test_entries_with_the_marker_await_review(planted):
    assert awaiting_review("ar") == {"Send my answers", "Woman"}


def test_an_entry_without_the_marker_does_not_await_review(planted):
    assert "Man" not in awaiting_review("ar")


def test_another_review_comment_is_not_the_marker(planted):
    assert "Black" not in awaiting_review("ar")


def test_the_marker_counts_only_as_a_translator_comment_not_an_extracted_one(planted):
    assert "White" not in awaiting_review("ar")


def test_an_obsolete_entry_does_not_await_review(planted):
    assert "Old string" not in awaiting_review("ar")


def test_a_language_without_a_catalogue_has_nothing_awaiting_review(planted):
    assert awaiting_review("xx") == frozenset()


def test_a_language_code_finds_its_locale_folder(tmp_path, settings):
    plant(tmp_path, "zh-hans")
    settings.LOCALE_PATHS = [tmp_path]

    assert awaiting_review("zh-hans") == {"Send my answers", "Woman"}


def test_each_catalogue_is_read_once_per_process(planted, monkeypatch):
    reads = []
    real_pofile = polib.pofile
    monkeypatch.setattr(polib, "pofile", lambda path: reads.append(path) or real_pofile(path))

    awaiting_review("ar")
    awaiting_review("ar")
    awaiting_review("ar")

    assert len(reads) == 1


def test_changing_the_locale_paths_reads_the_catalogues_again(tmp_path, settings):
    plant(tmp_path / "one", "ar")
    plant(tmp_path / "two", "ar", CATALOGUE.replace("# review: awaiting", "# review: done"))
    settings.LOCALE_PATHS = [tmp_path / "one"]
    assert awaiting_review("ar")

    settings.LOCALE_PATHS = [tmp_path / "two"]

    assert awaiting_review("ar") == frozenset()


@pytest.mark.parametrize("code", settings.CONSULTATION_LANGUAGES)
def test_every_marker_line_of_the_real_catalogues_is_read(code):
    path = REAL_LOCALE / to_locale(code) / "LC_MESSAGES" / "django.po"
    text = path.read_text(encoding="utf-8")
    translation_review.awaiting_review.cache_clear()

    found = awaiting_review(code)

    assert len(found) == len(MARKER_LINE.findall(text))
    assert found <= {entry.msgid for entry in polib.pofile(str(path))}
