"""Browser tests: Playwright drives the Debian Chromium against the live test server.

`assert_accessible(page)` runs axe-core on the page and fails on serious or critical
violations; `PUBLIC_PAGES` in test_accessibility.py lists the pages checked in both languages.
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from demo.seed import seed_demo

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
# body are still plain synchronous calls, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.csp_errors = csp_errors
    yield page
    context.close()


@pytest.fixture
def demo(transactional_db):
    """The demo partnership, as `make run` shows it."""
    seed_demo()


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    def check(page):
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]})
        blocking = [
            violation
            for violation in results.response["violations"]
            if violation["impact"] in BLOCKING_IMPACTS
        ]
        details = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(node["target"][0] for node in v["nodes"][:3])
            for v in blocking
        )
        assert not blocking, f"Accessibility violations on {page.url}:\n{details}"
        assert not page.csp_errors, f"CSP blocked something on {page.url}: {page.csp_errors}"

    return check


@pytest.fixture
def second_factor_code():
    """The demo accounts' current authenticator code, as their phone would show it."""
    import time

    from demo.management.commands.demo_totp import demo_totp_code

    def code():
        if 30 - int(time.time()) % 30 < 3:  # about to roll over: wait for the next one
            time.sleep(3)
        return demo_totp_code()

    return code


@pytest.fixture
def sign_in(page, second_factor_code):
    """Sign the page in as a demo account, giving the second factor when the account has one,
    and wait for the dashboard: `sign_in("staff@demo.lip")`, `sign_in(email, language="fr")`."""
    from demo.seed import DEMO_PASSWORD, DEMO_TOTP_ACCOUNTS

    words = {
        "en": ("Email", "Password", "Sign in"),
        "fr": ("Courriel", "Mot de passe", "Se connecter"),
    }

    def sign_in_as(email, *, language="en"):
        email_label, password_label, button = words[language]
        prefix = "" if language == "en" else f"/{language}"
        page.goto(f"{prefix}/accounts/login/")
        page.get_by_label(email_label).fill(email)
        page.get_by_label(password_label).fill(DEMO_PASSWORD)
        page.get_by_role("button", name=button).click()
        if email in DEMO_TOTP_ACCOUNTS:
            page.get_by_label("Code").fill(second_factor_code())
            page.get_by_role("button", name=button).click()
        page.wait_for_url(f"**{prefix}/dashboard/")

    return sign_in_as
