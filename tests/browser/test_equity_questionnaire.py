import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_council_member_answers_and_withdraws_the_equity_questionnaire(
    page, demo, assert_accessible, sign_in
):
    sign_in("council@demo.lip", language="fr")
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("questionnaire confidentiel")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Questionnaire confidentiel")
    assert_accessible(page)

    page.get_by_role("group", name=re.compile("Quel est votre genre")).get_by_label(
        "Je préfère ne pas répondre"
    ).check()
    page.get_by_label(re.compile("J'ai lu comment mes réponses")).check()
    page.get_by_role("button", name="Enregistrer mes réponses").click()

    expect(page.get_by_role("heading", name="Vos réponses", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Retirer mes réponses").click()
    expect(page.get_by_text("Elles ne figurent plus dans aucun chiffre")).to_be_visible()
    expect(page.get_by_role("heading", name="Vos réponses", exact=True)).to_have_count(0)


def test_staff_figures_page_is_accessible(page, demo, assert_accessible, sign_in):
    sign_in("staff@demo.lip")

    page.get_by_role("link", name=re.compile("Equity reviews: response rates")).click()
    reviews = page.get_by_role("link", name=re.compile(r"\d{4}-\d{2}"))
    reviews.first.click()  # this year's, open: answers in bands, no figures
    expect(page.get_by_role("heading", level=2, name="Answers so far")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    reviews.nth(1).click()  # last year's, published: the figures stored at closing
    expect(page.get_by_role("heading", level=2, name="Response rate")).to_be_visible()
    assert_accessible(page)
