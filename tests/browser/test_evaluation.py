"""How well the partnership works, and recording attendance, with no serious accessibility
violations (the public pages are also in test_accessibility.PUBLIC_PAGES)."""

import pytest

from core.fiscal import FiscalYear

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language_prefix", ["", "/fr"], ids=["en", "fr"])
def test_how_we_work_pages_are_accessible(page, demo, assert_accessible, language_prefix):
    for path in [
        "/about/how-we-work/",
        f"/about/how-we-work/{FiscalYear.current().previous().label}/",
    ]:
        page.goto(language_prefix + path)
        assert page.locator("h1").count() == 1
        assert page.locator("table caption").count() >= 3
        assert_accessible(page)


def test_the_attendance_form_is_accessible(page, demo, assert_accessible, sign_in):
    sign_in("partner@demo.lip")
    page.goto("/groups/settlement-services-mapping/meetings/")
    page.locator("a", has_text="Record who attended").first.click()

    assert page.locator("legend").inner_text() == "Attended"
    assert_accessible(page)
    page.get_by_role("button", name="Save the attendance").click()
    assert "The attendance is saved." in page.content()
