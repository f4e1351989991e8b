import re

import pytest
from playwright.sync_api import expect

from approvals.models import ApprovalRequest, Decision, Vote
from partners.models import User

pytestmark = pytest.mark.browser


def test_demo_council_member_votes_and_sees_the_vote_recorded(
    page, demo, assert_accessible, sign_in
):
    request = ApprovalRequest.objects.get(status="open")
    sign_in("council@demo.lip")

    # She prefers French: the dashboard lists the vote waiting for her, with the time left.
    expect(page).to_have_url(re.compile(r"/fr/dashboard/$"))
    votes = page.get_by_role("region", name="Votes qui vous attendent")
    expect(votes).to_contain_text("Se termine dans")
    votes.get_by_role("link", name=re.compile("B4")).click()

    expect(page).to_have_url(re.compile(rf"/fr/approvals/{request.pk}/$"))
    expect(page.get_by_role("heading", name="Appui")).to_be_visible()
    expect(page.locator(".diff ins").first).to_be_visible()  # what changed since it was returned
    assert_accessible(page)
    page.get_by_label("Approuver").check()
    page.get_by_label("Commentaire (facultatif)").fill("Merci pour les précisions.")
    page.get_by_role("button", name="Voter").click()

    expect(page.get_by_text("Votre vote est enregistré.")).to_be_visible()
    council = User.objects.get(email="council@demo.lip")
    row = page.get_by_role("row").filter(has_text="Mireille Tremblay")
    expect(row).to_contain_text("Approuver")
    expect(page.locator(".comment-list")).to_contain_text("Merci pour les précisions.")
    assert Vote.objects.get(request=request, voter=council).choice == "approve"
    assert_accessible(page)


def test_decision_pages_have_no_serious_accessibility_violations(page, demo, assert_accessible):
    decision = Decision.objects.order_by("-decided_at").first()

    for path in ("/decisions/", f"/decisions/{decision.pk}/", f"/fr/decisions/{decision.pk}/"):
        page.goto(path)
        assert_accessible(page)


def test_new_council_member_is_walked_through_the_second_factor_setup(
    page, demo, assert_accessible
):
    from pillars.models import Group, Membership
    from tests.partners.factories import TEST_PASSWORD, UserFactory

    member = UserFactory(email="new.council@example.org", display_name="New Member")
    Membership.objects.create(
        person=member, group=Group.objects.get(kind="council"), term_start="2024-01-01"
    )
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(member.email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your second factor")
    expect(page.get_by_text("sign in with a second factor")).to_be_visible()
    expect(
        page.get_by_role("img", name="QR code to scan with your authenticator app")
    ).to_be_visible()
    assert_accessible(page)

    page.goto("/dashboard/")  # every other page leads back to the setup
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))


def test_second_factor_sign_in_page_is_accessible(page, demo, assert_accessible):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("staff@demo.lip")
    page.get_by_label("Password").fill("demo-lip-2026")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Second factor")
    assert_accessible(page)


def test_staff_pages_of_a_request_and_of_the_second_factor_are_accessible(
    page, demo, assert_accessible, sign_in
):
    request = ApprovalRequest.objects.get(status="open")
    sign_in("staff@demo.lip")

    for path in (
        f"/approvals/{request.pk}/",
        f"/approvals/{request.pk}/meeting/",
        "/accounts/2fa/",
        "/fr/accounts/2fa/",
    ):
        page.goto(path)
        assert_accessible(page)
