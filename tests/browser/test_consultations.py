import re

import pytest
from playwright.sync_api import expect

from consultations.models import Response

pytestmark = pytest.mark.browser


def test_a_newcomer_answers_the_demo_consultation_in_arabic_on_a_phone(
    browser, live_server, demo, assert_accessible
):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    page.csp_errors = []
    page.on(
        "console",
        lambda m: page.csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto("/consultations/")
    page.get_by_role("link", name="Newcomer services survey 2026").click()
    page.get_by_role("link", name="العربيّة").click()
    expect(page.locator("article.consultation")).to_have_attribute("dir", "rtl")

    # Sending with a required answer missing names the problem in Arabic.
    page.get_by_role("button", name="إرسال إجاباتي").click()
    expect(page.get_by_role("alert")).to_contain_text("يرجى الإجابة عن هذا السؤال.")
    assert_accessible(page)

    page.get_by_label("المكتبة العامة").check()
    page.get_by_role("group", name=re.compile("إلى أي مدى تشعر بالترحيب")).get_by_label("4").check()
    page.get_by_label("اللغة", exact=True).check()
    page.get_by_label("ما التغيير الواحد").fill("دروس مسائية للغة الإنجليزية قرب الحافلات")
    page.get_by_label("كم عمرك؟").select_option("25_34")
    page.get_by_role("button", name="إرسال إجاباتي").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("شكرًا على إجاباتك")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375, "the form scrolls sideways on a phone"
    stored = Response.objects.filter(consultation__slug="newcomer-services-2026").get()
    assert stored.language == "ar"
    assert stored.age_band == "25_34"
    assert stored.answers.count() == 4


def test_a_visitor_answers_the_demo_consultation_in_english_by_keyboard(page, demo):
    page.goto("/consultations/newcomer-services-2026/")
    page.get_by_label("The public library").focus()
    page.keyboard.press("Space")
    page.get_by_role("group", name=re.compile("How welcome")).get_by_label("5").check()
    page.get_by_label("What one change").fill("Evening classes near the bus routes.")
    page.get_by_role("button", name="Send my answers").press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for your answers")
    assert (
        Response.objects.filter(consultation__slug="newcomer-services-2026").get().language == "en"
    )


def test_staff_enter_a_paper_response_and_choose_a_quote(page, demo, assert_accessible, sign_in):
    sign_in("staff@demo.lip")

    page.goto("/consultations/newcomer-services-2026/staff/enter/?lang=es")
    assert_accessible(page)
    page.get_by_label("How the answers were gathered").select_option("session")
    page.get_by_label("Amigos o familia").check()
    page.get_by_role("group", name=re.compile("bienvenido")).get_by_label("3").check()
    page.get_by_label("¿Qué cambio ayudaría más").fill("Clases de inglés por la tarde.")
    page.get_by_role("button", name="Save this response").click()
    expect(page.get_by_role("status")).to_contain_text("The response was saved.")

    page.goto("/consultations/newcomer-services-2026/staff/results/?channel=session")
    assert_accessible(page)
    expect(page.get_by_role("heading", level=2, name="1 response")).to_be_visible()

    page.goto("/consultations/newcomer-services-2026/staff/answers/")
    assert_accessible(page)
    page.get_by_role("button", name="Fit for publication").first.click()
    expect(page.get_by_role("status")).to_contain_text("will be quoted")
    stored = Response.objects.get(consultation__slug="newcomer-services-2026")
    assert (stored.channel, stored.language) == ("session", "es")
    assert stored.answers.filter(quote_approved=True).count() == 1
