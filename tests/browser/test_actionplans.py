import re

import pytest
from playwright.sync_api import expect

from actionplans.models import ActionItem, ReportingPeriod

pytestmark = pytest.mark.browser


def _demo_partner_item_to_report():
    """A demo item the welcome centre leads that still needs an update this period."""
    return (
        ActionItem.objects.filter(lead_organization__slug="newcomer-welcome-centre")
        .exclude(status__in=["completed", "cancelled"])
        .exclude(updates__reporting_period__state="open")
        .order_by("-annual_plan__fiscal_year", "pk")
        .first()
    )


@pytest.mark.parametrize("language_prefix", ["", "/fr"], ids=["en", "fr"])
def test_action_item_page_has_no_serious_accessibility_violations(
    page, demo, assert_accessible, language_prefix
):
    item = ActionItem.objects.order_by("-annual_plan__fiscal_year", "pk").first()

    page.goto(f"{language_prefix}/actions/{item.pk}/")

    assert page.locator("html").get_attribute("lang") == ("fr" if language_prefix else "en")
    assert_accessible(page)


def test_demo_partner_reports_progress_and_the_public_sees_it(
    page, browser, live_server, demo, assert_accessible, sign_in
):
    item = _demo_partner_item_to_report()
    sign_in("partner@demo.lip")
    row = page.get_by_role("row").filter(has_text=item.title_en)
    expect(row).to_contain_text("No update yet")

    row.get_by_role("link", name=re.compile("Report progress")).click()
    assert_accessible(page)
    page.get_by_label("Status").select_option("at_risk")
    page.get_by_label("Percent complete").fill("55")
    page.get_by_label("What happened this quarter").fill(
        "The venue **moved** to the library annex."
    )
    page.get_by_role("button", name="Save the update").click()

    expect(page).to_have_url(re.compile(rf"/actions/{item.pk}/$"))
    expect(page.get_by_text("Your update is saved")).to_be_visible()

    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto(f"/actions/{item.pk}/")
    expect(visitor.locator(".timeline-entry").first).to_contain_text(
        "The venue moved to the library annex."
    )
    expect(visitor.locator(".timeline-entry strong").first).to_have_text("moved")
    expect(visitor.get_by_text("55%").first).to_be_visible()
    visitor.context.close()


def test_staff_reporting_pages_have_no_serious_accessibility_violations(
    page, demo, assert_accessible, sign_in
):
    sign_in("staff@demo.lip")

    page.get_by_role("link", name=re.compile("Run the reporting cycle")).click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Q\\d FY")).first.click()
    expect(page.get_by_role("heading", name="Who has not reported")).to_be_visible()
    assert_accessible(page)


def test_locking_the_period_asks_to_confirm_on_an_accessible_page(
    page, demo, assert_accessible, sign_in
):
    period = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
    sign_in("staff@demo.lip")

    page.goto(f"/reporting/{period.pk}/")
    expect(page.get_by_role("heading", name="Reminder schedule")).to_be_visible()
    page.get_by_role("button", name="Lock this period…").click()
    expect(page.get_by_role("heading", name=f"Lock {period}?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Cancel: keep it open").click()

    expect(page.get_by_role("heading", name="Who has not reported")).to_be_visible()
    period.refresh_from_db()
    assert period.state == ReportingPeriod.State.OPEN
