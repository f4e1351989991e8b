"""Staff see which of a form's strings await a native speaker's review; the public never does."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import to_locale

from consultations import form_strings
from core import translation_review

pytestmark = pytest.mark.django_db

REAL_LOCALE = Path(settings.LOCALE_PATHS[0])
MARKER = "review: awaiting a native speaker"
# "About you (optional)", "Choose all that apply." and "Woman" (a drop-down choice).
PLANTED = ["about_title", "choose_all", "gender.woman"]


def plant_markers(folder, language, keys):
    """A copy of the real catalogue of `language` in `folder`, with the marker on `keys`."""
    source = REAL_LOCALE / to_locale(language) / "LC_MESSAGES" / "django.po"
    catalogue = polib.pofile(str(source))
    wanted = {form_strings.msgid(key) for key in keys}
    for entry in catalogue:
        lines = [line for line in (entry.tcomment or "").splitlines() if line.strip() != MARKER]
        if entry.msgid in wanted:
            lines.append(MARKER)
        entry.tcomment = "\n".join(lines)
    target = Path(folder) / to_locale(language) / "LC_MESSAGES" / "django.po"
    target.parent.mkdir(parents=True)
    catalogue.save(str(target))


@pytest.fixture
def markers(tmp_path, settings):
    """Three of the Arabic form's strings await review; the translations stay the real ones
    (the planted folder holds no compiled catalogue, so gettext reads the real one)."""
    plant_markers(tmp_path, "ar", PLANTED)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]


@pytest.fixture
def no_markers(tmp_path, settings):
    plant_markers(tmp_path, "ar", [])
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]


def preview(client, survey, lang="ar", prefix=""):
    path = reverse("consultations:preview", kwargs={"slug": survey.slug})
    return client.get(f"{prefix}{path}?lang={lang}").content.decode()


def public(client, survey, lang="ar"):
    path = reverse("consultations:detail", kwargs={"slug": survey.slug})
    return client.get(f"{path}?lang={lang}").content.decode()


def region(html):
    return html.split('<article class="consultation"')[1].split("</article>")[0]


def test_the_preview_says_how_many_strings_await_review(client, survey, staff, markers):
    client.force_login(staff)

    html = preview(client, survey)

    total = len(form_strings.CHROME)
    assert f"3 of this form’s {total} strings in Arabic await a native speaker’s review." in html


def test_the_preview_lists_the_strings_awaiting_review_with_their_originals(
    client, survey, staff, markers
):
    client.force_login(staff)

    notice = preview(client, survey).split('<div class="review-notice">')[1].split("</div>")[0]

    items = re.findall(r"<li>(.*?)</li>", notice, re.S)
    assert len(items) == 3
    assert '<span lang="ar" dir="rtl">عنك (اختياري)</span> — About you (optional)' in items


def test_the_preview_underlines_a_heading_awaiting_review(client, survey, staff, markers):
    client.force_login(staff)

    html = region(preview(client, survey))

    assert (
        '<h2 id="about-you-title"><span class="awaiting-review">عنك (اختياري)'
        '<span class="visually-hidden" lang="en" dir="ltr"> '
        "(awaiting a native speaker’s review)</span></span></h2>"
    ) in html


def test_the_preview_underlines_a_help_text_awaiting_review(client, survey, staff, markers):
    client.force_login(staff)

    html = region(preview(client, survey))

    choose_all = form_strings.text("choose_all", "ar")
    assert f'<div class="field-help" id="id_q_{survey.questions.get(order=2).pk}_helptext">' in html
    assert f'<span class="awaiting-review">{choose_all}<span' in html


def test_the_preview_marks_only_the_strings_awaiting_review(client, survey, staff, markers):
    client.force_login(staff)

    html = region(preview(client, survey))

    # About you, and the help text of the one several-choice question; a drop-down choice
    # ("Woman") cannot hold markup and is named in the list only.
    assert html.count('class="awaiting-review"') == 2
    assert f'<option value="woman">{form_strings.text("gender.woman", "ar")}</option>' in html


def test_an_attribute_never_carries_the_mark(client, survey, staff, tmp_path, settings):
    plant_markers(tmp_path, "ar", ["form_language"])
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    client.force_login(staff)

    html = preview(client, survey)

    label = form_strings.text("form_language", "ar")
    assert f'<nav class="form-languages" aria-label="{label}">' in html
    assert f'<span class="awaiting-review">{label}<span' in html


def test_the_preview_notice_speaks_the_site_language(client, survey, staff, markers):
    client.force_login(staff)

    html = preview(client, survey, prefix="/fr")

    total = len(form_strings.CHROME)
    assert f"Arabe\u00a0: 3 des {total} chaînes de ce formulaire attendent la révision" in html
    assert "(en attente de la révision d’une personne de langue maternelle)" in html


def test_a_fully_reviewed_language_says_so(client, survey, staff, no_markers):
    client.force_login(staff)

    html = preview(client, survey)

    total = len(form_strings.CHROME)
    assert f"A native speaker has reviewed all of this form’s {total} strings in Arabic." in html
    assert "awaiting-review" not in html


def test_the_english_preview_has_no_review_notice(client, survey, staff, markers):
    client.force_login(staff)

    html = preview(client, survey, lang="en")

    assert "review-notice" not in html and "awaiting-review" not in html


def test_the_public_form_shows_nothing_of_the_review(client, survey, markers):
    html = public(client, survey)

    assert "awaiting-review" not in html
    assert "review" not in html.lower()
    assert "عنك (اختياري)" in html  # the string itself, unmarked


def test_a_signed_in_staff_member_sees_nothing_of_the_review_on_the_public_form(
    client, survey, staff, markers
):
    client.force_login(staff)

    assert "review" not in public(client, survey).lower()


def test_the_admin_names_how_many_strings_await_review_beside_each_language(
    client, staff, survey, markers
):
    client.force_login(staff)

    html = client.get(
        reverse("admin:consultations_consultation_change", args=[survey.pk])
    ).content.decode()

    assert 'lang="ar">العربيّة</a> (3 strings awaiting review)' in html
    assert 'lang="fr">Français</a> ·' in html


def queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_marking_the_preview_adds_no_query(client, survey, staff, tmp_path, settings):
    client.force_login(staff)
    url = reverse("consultations:preview", kwargs={"slug": survey.slug}) + "?lang=ar"
    plant_markers(tmp_path / "none", "ar", [])
    plant_markers(tmp_path / "some", "ar", PLANTED)
    real = list(settings.LOCALE_PATHS)
    settings.LOCALE_PATHS = [tmp_path / "none", *real]
    queries(client, url)  # the session and the person, once
    unmarked = queries(client, url)

    settings.LOCALE_PATHS = [tmp_path / "some", *real]

    assert queries(client, url) == unmarked


@pytest.mark.parametrize("code", settings.CONSULTATION_LANGUAGES)
def test_the_preview_counts_the_real_catalogues_markers(client, survey, staff, code):
    survey.extra_languages = [code]
    survey.save()
    translation_review.awaiting_review.cache_clear()
    catalogue = polib.pofile(str(REAL_LOCALE / to_locale(code) / "LC_MESSAGES" / "django.po"))
    marked = {e.msgid for e in catalogue if MARKER in (e.tcomment or "").splitlines()}
    expected = sum(form_strings.msgid(key) in marked for key in form_strings.CHROME)
    client.force_login(staff)

    html = preview(client, survey, lang=code)

    if expected:
        assert f"{expected} of this form’s {len(form_strings.CHROME)} strings in" in html
    else:
        assert "A native speaker has reviewed all of this form’s" in html
