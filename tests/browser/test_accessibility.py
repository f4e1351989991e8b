from urllib.parse import parse_qs, urlsplit

import pytest

from core.fiscal import FiscalYear

pytestmark = pytest.mark.browser

# Every public page, checked in English and French. A new page is one more line here.
PUBLIC_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/decisions/",
    "/no-such-page/",
    "/plan/",
    f"/plan/{FiscalYear.current().previous().label}/",
    "/consultations/",
    "/consultations/newcomer-services-2026/?lang=en",
    "/consultations/newcomer-services-2026/?lang=fr",
    "/consultations/newcomer-services-2026/?lang=ar",
    "/consultations/belonging-survey-2025/results/",
    "/about/",
    "/pillars/settle/",
    "/groups/council/",
    "/groups/settlement-services-mapping/",
    "/groups/pandemic-recovery/",
    "/partners/",
    "/partners/?sector=health&page=1",
    "/partners/newcomer-welcome-centre/",
    "/about/equity-review/",
    "/about/equity-review/2025-26/",
    "/about/how-we-work/",
    f"/about/how-we-work/{FiscalYear.current().previous().label}/",
    "/reports/",
    f"/reports/{FiscalYear.current().previous().label}/",
    "/data/",
    "/practices/",
    "/practices/?pillar=settle&outcome=worked&q=",
    "/network/",
    "/search/?q=newcomer+services",
    "/search/?q=-",
    "/follow/requested/",
]


@pytest.mark.parametrize("language_prefix", ["", "/fr"], ids=["en", "fr"])
def test_public_pages_have_no_serious_accessibility_violations(
    page, demo, assert_accessible, subtests, language_prefix
):
    for path in PUBLIC_PAGES:
        with subtests.test(path=path):
            page.goto(language_prefix + path)
            # The page speaks the site's language; a consultation form's region speaks the
            # language chosen with ?lang=, whatever the prefix.
            site_language = "fr" if language_prefix else "en"
            assert page.locator("html").get_attribute("lang") == site_language
            chosen = parse_qs(urlsplit(path).query).get("lang")
            if chosen:
                region = page.locator("article.consultation")
                assert region.get_attribute("lang") == chosen[0]
            assert_accessible(page)


def test_signed_in_pages_have_no_serious_accessibility_violations(
    page, demo, assert_accessible, sign_in
):
    sign_in("partner@demo.lip")

    for path in [
        "/dashboard/",
        "/accounts/password/change/",
        "/groups/settlement-services-mapping/",
        "/groups/settlement-services-mapping/edit/",
        "/groups/settlement-services-mapping/meetings/",
        "/groups/settlement-services-mapping/meetings/new/",
    ]:
        page.goto(path)
        assert_accessible(page)
