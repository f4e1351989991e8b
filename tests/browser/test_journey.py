import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_switches_language_and_back_with_the_switch(page, demo):
    page.goto("/")
    expect(page.get_by_role("heading", level=2, name="Our three pillars")).to_be_visible()

    page.get_by_role("link", name="Français").click()

    expect(page).to_have_url(re.compile(r"/fr/$"))
    expect(page.get_by_role("heading", level=2, name="Nos trois piliers")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.get_by_role("link", name="English").click()

    expect(page.get_by_role("heading", level=2, name="Our three pillars")).to_be_visible()


def test_demo_partner_signs_in_and_out(page, demo):
    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill("partner@demo.lip")
    page.get_by_label("Password").fill("demo-lip-2026")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Priya Raman")
    expect(page.get_by_text("Newcomer Welcome Centre")).to_be_visible()

    page.get_by_role("button", name="Sign out").click()

    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    page.goto("/dashboard/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_french_speaking_council_member_lands_on_the_french_dashboard(
    page, demo, second_factor_code
):
    page.goto("/fr/accounts/login/")
    page.get_by_label("Courriel").fill("council@demo.lip")
    page.get_by_label("Mot de passe").fill("demo-lip-2026")
    page.get_by_role("button", name="Se connecter").click()
    # Council members sign in with a second factor.
    expect(page.get_by_role("heading", level=1)).to_have_text("Deuxième facteur")
    page.get_by_label("Code").fill(second_factor_code())
    page.get_by_role("button", name="Se connecter").click()

    expect(page).to_have_url(re.compile(r"/fr/dashboard/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bienvenue, Mireille Tremblay")


def test_home_page_reads_on_a_phone(browser, live_server, demo):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    page.goto("/")
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()

    assert width <= 375, "the page scrolls sideways on a phone"


def test_staff_signs_in_through_the_portal_and_reaches_the_back_office(
    page, demo, second_factor_code
):
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Fadmin%2F"))
    page.get_by_label("Email").fill("staff@demo.lip")
    page.get_by_label("Password").fill("demo-lip-2026")
    page.get_by_role("button", name="Sign in").click()
    # Staff sign in with a second factor: the demo secret is published in the README.
    page.get_by_label("Code").fill(second_factor_code())
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name="Run the partnership")).to_be_visible()
    page.get_by_role("link", name="People", exact=True).first.click()
    expect(page.get_by_role("link", name="staff@demo.lip")).to_be_visible()
    assert not page.csp_errors, page.csp_errors
