"""The consultation languages keep the privacy promise, and say which strings await review.

locale/REVIEWING.md describes both: the words that carry each language's promise, and the
translator comment every entry carries until a native speaker has checked it.
"""

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from consultations import form_strings

MARKER = "review: awaiting a native speaker"
REVIEWED = re.compile(r"^reviewed by a native speaker: \S.*, \d{4}-\d{2}-\d{2}$")
NOTES = Path(settings.LOCALE_PATHS[0]) / "REVIEWING.md"

# The promise never to publish a group under the threshold: for each language, the threshold as
# its catalogue writes it (keyed by the threshold, so changing SUPPRESSION_THRESHOLD fails here
# until the sentence is rewritten) and the words that negate "publish".
# Arabic joins "and" (و) to the next word: « ولن ننشر », "and we will not publish".
NEVER_PUBLISHED = [
    pytest.param("en", {5: r"\bfive\b"}, [r"\bnever\b"], id="en"),
    pytest.param("fr", {5: r"\bcinq\b"}, [r"\bjamais\b"], id="fr"),
    pytest.param("ar", {5: "خمسة"}, [r"(^|\s)و?(لن|لا) ننشر\b", "أبدًا"], id="ar"),
    pytest.param("es", {5: r"\bcinco\b"}, [r"\bnunca publicamos\b"], id="es"),
    pytest.param("fa", {5: "پنج"}, ["هرگز", "منتشر نمی‌کنیم"], id="fa"),
    pytest.param("pa", {5: "ਪੰਜ"}, ["ਕਦੇ ਵੀ", "ਪ੍ਰਕਾਸ਼ਿਤ ਨਹੀਂ ਕਰਦੇ"], id="pa"),
    pytest.param("so", {5: r"\bshan\b"}, [r"\bweligeen ma daabacno\b"], id="so"),
    pytest.param("tl", {5: r"\blimang\b"}, [r"\bhindi namin kailanman inilalathala\b"], id="tl"),
    pytest.param("uk", {5: r"\bп'ять\b"}, [r"\bніколи не публікуємо\b"], id="uk"),
    pytest.param("ur", {5: "پانچ"}, ["کبھی شائع نہیں کرتے"], id="ur"),
    pytest.param("zh-hans", {5: "五"}, ["绝不公布"], id="zh-hans"),
]

# The promise not to keep the name: the negated verb, and the name.
NAME_NOT_KEPT = [
    pytest.param("en", [r"\bwe do not keep your name\b"], id="en"),
    pytest.param("fr", [r"\bnous ne conservons (ni|pas) votre nom\b"], id="fr"),
    pytest.param("ar", [r"(^|\s)و?لا نحتفظ باسمك\b"], id="ar"),
    pytest.param("es", [r"\bno guardamos su nombre\b"], id="es"),
    pytest.param("fa", ["نام یا نشانی اینترنتی شما را نگه نمی‌داریم"], id="fa"),
    pytest.param("pa", ["ਤੁਹਾਡਾ ਨਾਮ", "ਨਹੀਂ ਰੱਖਦੇ"], id="pa"),
    pytest.param("so", [r"\bmana kaydinno magacaaga\b"], id="so"),
    pytest.param("tl", [r"\bhindi namin itinatala ang iyong pangalan\b"], id="tl"),
    pytest.param("uk", [r"\bне зберігаємо ваше ім'я\b"], id="uk"),
    pytest.param("ur", ["آپ کا نام", "محفوظ نہیں کرتے"], id="ur"),
    pytest.param("zh-hans", ["不保存您的姓名"], id="zh-hans"),
]

# Words a review found wrong in these places; they must not come back.
REFUSED = [
    pytest.param("so", r"\bDoor bidi maayo\b", id="so-prefer-negated-instead-of-say"),
    pytest.param("pa", "ਕਾਲਾ", id="pa-colourist-black"),
    pytest.param("pa", "ਗੋਰਾ", id="pa-colourist-white"),
    pytest.param("tl", r"\bitinatago\b", id="tl-hide-instead-of-record"),
    pytest.param("fa", "بارگیری", id="fa-download-instead-of-reload"),
    pytest.param("ur", r"\bجنس\b", id="ur-sex-instead-of-gender"),
    pytest.param("uk", r"\bстать\b", id="uk-sex-instead-of-gender"),
    pytest.param("es", r"\w/a\b", id="es-gendered-ending"),
]


def catalogue(code):
    locale = translation.to_locale(code)
    return polib.pofile(str(Path(settings.LOCALE_PATHS[0]) / locale / "LC_MESSAGES" / "django.po"))


def review_state(entry):
    """'awaiting' or 'reviewed', from the entry's translator comment; ValueError if unclear."""
    lines = entry.tcomment.splitlines()
    awaiting = lines.count(MARKER)
    reviewed = sum(1 for line in lines if REVIEWED.match(line))
    if (awaiting, reviewed) == (1, 0):
        return "awaiting"
    if (awaiting, reviewed) == (0, 1):
        return "reviewed"
    raise ValueError(f"{entry.msgid!r}: needs exactly one review line, has {lines}")


@pytest.mark.parametrize(("code", "threshold_words", "negations"), NEVER_PUBLISHED)
def test_the_promise_never_to_publish_a_small_group_keeps_its_number_and_negation(
    code, threshold_words, negations
):
    promise = form_strings.text("about_intro", code)

    assert re.search(threshold_words[settings.SUPPRESSION_THRESHOLD], promise), promise
    for negation in negations:
        assert re.search(negation, promise), (negation, promise)


@pytest.mark.parametrize(("code", "words"), NAME_NOT_KEPT)
def test_the_promise_not_to_keep_the_name_keeps_its_negation(code, words):
    promise = form_strings.text("intro", code)

    for word in words:
        assert re.search(word, promise), (word, promise)


@pytest.mark.parametrize(("code", "refused"), REFUSED)
def test_a_wording_the_review_refused_does_not_come_back(code, refused):
    found = [e.msgstr for e in catalogue(code) if re.search(refused, e.msgstr)]

    assert found == []


@pytest.mark.parametrize("code", settings.CONSULTATION_LANGUAGES)
def test_every_entry_says_whether_a_native_speaker_reviewed_it(code):
    states = {entry.msgid: review_state(entry) for entry in catalogue(code)}

    assert set(states.values()) <= {"awaiting", "reviewed"}
    assert len(states) == len(form_strings.CHROME)


@pytest.mark.parametrize("code", settings.CONSULTATION_LANGUAGES)
def test_no_entry_is_fuzzy_or_obsolete(code):
    po = catalogue(code)

    assert [e.msgid for e in po if e.fuzzy or e.obsolete] == []


@pytest.mark.parametrize(
    "comment",
    [
        f"{MARKER}\nreviewed by a native speaker: AB, 2027-01-15",
        "",
        "reviewed by a native speaker",
        "review: awaiting native review",
    ],
)
def test_an_entry_with_both_review_lines_or_neither_is_refused(comment):
    entry = polib.POEntry(msgid="Yes", msgstr="Haa", tcomment=comment)

    with pytest.raises(ValueError, match="exactly one review line"):
        review_state(entry)


def test_a_reviewed_entry_names_its_reviewer_and_date():
    entry = polib.POEntry(
        msgid="Yes", msgstr="Haa", tcomment="reviewed by a native speaker: A. Warsame, 2027-01-15"
    )

    assert review_state(entry) == "reviewed"


def test_the_reviewing_notes_give_both_review_lines_as_the_catalogues_write_them():
    notes = NOTES.read_text(encoding="utf-8")

    assert f"# {MARKER}\n" in notes
    assert "# reviewed by a native speaker: <name or initials>, <YYYY-MM-DD>\n" in notes


@pytest.mark.parametrize("code", settings.CONSULTATION_LANGUAGES)
def test_the_reviewing_notes_have_a_section_per_consultation_language(code):
    notes = NOTES.read_text(encoding="utf-8")

    assert re.search(rf"^## .+ \(`{translation.to_locale(code)}`\)$", notes, re.MULTILINE)


@pytest.mark.skipif(not shutil.which("msgmerge"), reason="GNU gettext is not installed")
def test_the_review_lines_survive_a_refresh_of_the_catalogue(tmp_path):
    # What `make messages` does to each consultation language's catalogue.
    pot, po = tmp_path / "form.pot", tmp_path / "django.po"
    shutil.copy(Path(settings.LOCALE_PATHS[0]) / "so" / "LC_MESSAGES" / "django.po", po)
    before = {entry.msgid: entry.tcomment for entry in polib.pofile(str(po))}
    run = {"check": True, "capture_output": True}
    source = Path(settings.BASE_DIR) / "consultations" / "form_strings.py"
    subprocess.run(
        ["xgettext", "-L", "Python", "--from-code=UTF-8", "-k_", "-o", pot, source], **run
    )
    subprocess.run(["msgmerge", "--quiet", "--update", "--backup=none", po, pot], **run)

    after = {entry.msgid: entry.tcomment for entry in polib.pofile(str(po))}
    assert after == before
    assert {review_state(entry) for entry in polib.pofile(str(po))} <= {"awaiting", "reviewed"}
