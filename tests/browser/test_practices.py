"""The practice library in a real browser: a partner shares a practice from an item their
organization leads, staff publish one awaiting approval, and the pages are accessible (the list
and the network page are also in test_accessibility.PUBLIC_PAGES)."""

import pytest

from actionplans.models import ActionItem, ApprovalStatus
from partners.models import User

pytestmark = pytest.mark.browser


def test_a_partner_shares_a_practice_from_an_item_their_organization_leads(
    page, demo, assert_accessible, sign_in
):
    partner = User.objects.get(email="partner@demo.lip")
    item = ActionItem.objects.filter(
        lead_organization=partner.organization, annual_plan__status=ApprovalStatus.APPROVED
    ).first()
    sign_in("partner@demo.lip")
    page.goto(f"/actions/{item.pk}/")
    page.get_by_role("link", name="Share as a practice").click()

    assert_accessible(page)
    page.get_by_label("Title (English)").fill("Saturday conversation circles")
    page.get_by_label("The problem (English)").fill("Newcomers had few chances to speak English.")
    page.get_by_label("What was done (English)").fill("Volunteers ran circles every Saturday.")
    page.get_by_label("Outcome").select_option("promising")
    page.get_by_label("Refugees").check()
    page.get_by_role("button", name="Save and submit for approval").click()

    assert "The practice is sent to staff for approval." in page.content()
    assert page.locator("h1").inner_text() == "Saturday conversation circles"


def test_staff_publish_a_submitted_practice_that_the_public_then_finds(
    page, demo, assert_accessible, sign_in
):
    sign_in("staff@demo.lip")
    panel = page.locator("section[aria-labelledby=practices-panel-title]")
    awaiting = panel.locator("ul").first.locator("a").first
    title = awaiting.inner_text()
    awaiting.click()

    assert_accessible(page)
    page.get_by_role("button", name="Publish the practice").click()

    assert "The practice is published." in page.content()
    page.goto("/practices/")
    assert page.get_by_role("link", name=title).count() == 1


@pytest.mark.parametrize("language_prefix", ["", "/fr"], ids=["en", "fr"])
def test_a_practice_page_is_accessible(page, demo, assert_accessible, language_prefix):
    page.goto(f"{language_prefix}/practices/")
    page.locator("main h3 a").first.click()

    assert page.locator("h1").count() == 1
    assert_accessible(page)
