import re

import pytest
from playwright.sync_api import expect

from core.fiscal import FiscalYear
from demo.seed import DEMO_PASSWORD

pytestmark = pytest.mark.browser

PAST = FiscalYear.current().previous()
CURRENT = FiscalYear.current()


def test_visitor_opens_the_latest_report_from_home_and_gets_its_pdf(page, demo):
    page.goto("/")
    page.get_by_role("link", name=f"Read the annual report FY {PAST.label}").click()

    expect(page).to_have_url(re.compile(rf"/reports/{PAST.label}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Annual report FY {PAST.label}")
    expect(page.get_by_role("heading", level=2, name="Indicators")).to_be_visible()
    expect(page.get_by_role("img", name=re.compile("Action items by status"))).to_be_visible()

    href = page.get_by_role("link", name="Download the PDF").get_attribute("href")
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")


def test_visitor_reads_the_french_report_and_its_french_pdf(page, demo):
    page.goto(f"/fr/reports/{PAST.label}/")
    expect(page.get_by_role("heading", level=2, name="Message de la présidence")).to_be_visible()
    response = page.request.get(f"/fr/reports/{PAST.label}.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"


def test_staff_preview_the_draft_and_publish_it(page, demo, assert_accessible, sign_in):
    sign_in("staff@demo.lip")

    page.goto(f"/reports/{CURRENT.label}/preview/")
    expect(page.get_by_role("heading", level=2, name="Preview: not published")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publish this report").click()
    # Publishing asks for the password again, then carries on with the same form.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    assert_accessible(page)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(re.compile(rf"/reports/{CURRENT.label}/$"))
    expect(page.get_by_text(re.compile(r"Version 1, published on"))).to_be_visible()
    page.goto("/reports/")
    expect(page.get_by_role("link", name=f"Annual report FY {CURRENT.label}")).to_be_visible()
    expect(page.get_by_role("link", name=f"Annual report FY {PAST.label}")).to_be_visible()


@pytest.mark.parametrize(
    "path", [f"/reports/{PAST.label}/", f"/reports/{PAST.label}/items/?page=1", "/data/"]
)
def test_report_and_data_pages_read_on_a_phone(browser, live_server, demo, path):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 375, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 375, f"{path} scrolls sideways on a phone"


def test_visitor_goes_from_the_report_summary_to_its_frozen_item_list(
    page, demo, assert_accessible
):
    page.goto(f"/reports/{PAST.label}/")
    assert_accessible(page)
    page.get_by_role(
        "link", name="Every item completed, delayed or cancelled, with its last update"
    ).click()

    expect(page).to_have_url(re.compile(rf"/reports/{PAST.label}/v\d+/items/\?page=1$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Items completed, delayed or cancelled"
    )
    assert_accessible(page)
    page.get_by_role("link", name=f"Annual report FY {PAST.label}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Annual report FY {PAST.label}")
