"""A consultation form in another language, in a real browser: the site's header and footer keep
the site's language and direction, the form alone reads right to left; Urdu is set in
Nastaliq."""

import pytest
from playwright.sync_api import expect

from consultations.models import Question
from tests.consultations.factories import ConsultationFactory, QuestionFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def survey(transactional_db):
    consultation = ConsultationFactory(
        slug="library-hours",
        extra_languages=["ar", "ur"],
        title={
            "en": "Library hours",
            "fr": "Heures de la bibliothèque",
            "ar": "ساعات المكتبة",
            "ur": "لائبریری کے اوقات",
        },
    )
    QuestionFactory(
        consultation=consultation,
        order=1,
        kind=Question.Kind.SHORT_TEXT,
        required=False,
        text={
            "en": "What hours suit you?",
            "fr": "Quelles heures vous conviennent ?",
            "ar": "ما الساعات المناسبة لك؟",
            "ur": "آپ کے لیے کون سے اوقات مناسب ہیں؟",
        },
    )
    return consultation


def language_and_direction(locator):
    return locator.evaluate("e => [e.lang, e.dir, getComputedStyle(e).direction]")


@pytest.mark.parametrize(("prefix", "site"), [("", "en"), ("/fr", "fr")])
def test_the_arabic_form_reads_right_to_left_inside_a_page_in_the_site_language(
    page, survey, assert_accessible, prefix, site
):
    page.goto(f"{prefix}/consultations/library-hours/?lang=ar")

    assert language_and_direction(page.locator("html")) == [site, "ltr", "ltr"]
    assert language_and_direction(page.locator(".site-header")) == ["", "", "ltr"]
    assert page.locator(".site-header").evaluate("e => e.closest('[lang]').lang") == site
    assert page.locator(".site-footer").evaluate("e => e.closest('[lang]').lang") == site
    assert page.locator(".skip-link").evaluate("e => getComputedStyle(e).direction") == "ltr"
    region = page.locator("article.consultation")
    assert language_and_direction(region) == ["ar", "rtl", "rtl"]
    expect(region.get_by_role("heading", level=1)).to_have_text("ساعات المكتبة")
    assert region.get_by_label("ما الساعات المناسبة لك؟").evaluate(
        "e => [e.closest('[lang]').lang, getComputedStyle(e).direction]"
    ) == ["ar", "rtl"]
    # Right to left: the heading starts at the right edge of the region.
    box = region.bounding_box()
    heading = region.get_by_role("heading", level=1).evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e);"
        " const b = r.getBoundingClientRect(); return [b.left, b.right]; }"
    )
    assert abs(heading[1] - (box["x"] + box["width"])) < 2
    assert_accessible(page)


def test_the_urdu_form_is_set_in_nastaliq(page, survey, assert_accessible):
    page.goto("/consultations/library-hours/?lang=ur")

    heading = page.locator("article.consultation h1")
    expect(heading).to_have_text("لائبریری کے اوقات")
    family = heading.evaluate("e => getComputedStyle(e).fontFamily")
    assert family.startswith('"Noto Nastaliq Urdu"'), family
    line_height = page.locator("article.consultation p").first.evaluate(
        "e => parseFloat(getComputedStyle(e).lineHeight) / parseFloat(getComputedStyle(e).fontSize)"
    )
    assert line_height >= 2
    # The bundled font was fetched (WhiteNoise served it, the CSP let it in) and is in use.
    loaded = page.evaluate(
        "async () => { await document.fonts.ready; return [...document.fonts]"
        ".filter(f => f.family.replaceAll('\"', '') === 'Noto Nastaliq Urdu'"
        " && f.status === 'loaded').map(f => f.weight); }"
    )
    assert "400" in loaded and "700" in loaded  # the text, and the bold heading
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).fontFamily") != family
    assert_accessible(page)


def test_the_arabic_form_is_not_set_in_nastaliq(page, survey):
    page.goto("/consultations/library-hours/?lang=ar")

    family = page.locator("article.consultation h1").evaluate("e => getComputedStyle(e).fontFamily")

    assert "Nastaliq" not in family


def test_staff_preview_marks_the_arabic_strings_awaiting_review(
    page, demo, sign_in, assert_accessible, tmp_path, settings
):
    from tests.consultations.test_review_marks import PLANTED, plant_markers

    plant_markers(tmp_path, "ar", PLANTED)
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    sign_in("staff@demo.lip")

    page.goto("/consultations/newcomer-services-2026/preview/?lang=ar")

    notice = page.locator(".review-notice")
    expect(notice).to_contain_text("3 of this form’s")
    expect(notice).to_have_js_property("lang", "")
    marked = page.locator("article.consultation .awaiting-review")
    expect(marked.first).to_be_visible()
    assert marked.first.evaluate("e => getComputedStyle(e).textDecorationStyle") == "dotted"
    expect(
        page.get_by_role("heading", name="عنك (اختياري) (awaiting a native speaker’s review)")
    ).to_be_visible()
    assert_accessible(page)

    page.goto("/consultations/newcomer-services-2026/?lang=ar")
    expect(page.locator("article.consultation h2").last).to_be_visible()
    assert page.locator(".awaiting-review, .review-notice").count() == 0
