import pytest

from actionplans.fiscal import FiscalYear

pytestmark = pytest.mark.browser

# Every public page, checked in English and French. A new page is one more line here.
PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/no-such-page/",
    "/plan/",
    f"/plan/{FiscalYear.current().previous().label}/",
    "/reports/",
    f"/reports/{FiscalYear.current().previous().label}/",
    "/data/",
]


@pytest.mark.parametrize("language_prefix", ["", "/fr"], ids=["en", "fr"])
def test_public_pages_have_no_serious_accessibility_violations(
    page, demo, assert_accessible, subtests, language_prefix
):
    for path in PUBLIC_PAGES:
        with subtests.test(path=path):
            page.goto(language_prefix + path)
            expected_language = "fr" if language_prefix else "en"
            assert page.locator("html").get_attribute("lang") == expected_language
            assert_accessible(page)


def test_signed_in_pages_have_no_serious_accessibility_violations(page, demo, assert_accessible):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("partner@demo.lip")
    page.get_by_label("Password").fill("demo-lip-2026")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/dashboard/")

    for path in ["/dashboard/", "/accounts/password/change/"]:
        page.goto(path)
        assert_accessible(page)
