"""Council members and staff must have a second factor before they reach anything else."""

import pytest
from django.urls import reverse

from tests.partners.factories import TEST_PASSWORD, StaffFactory

from .conftest import add_member, open_request

pytestmark = pytest.mark.django_db

SETUP_URL = reverse("mfa_activate_totp")


def test_council_member_without_a_second_factor_cannot_reach_the_vote_form(
    client, staff, council, members, direction
):
    newcomer = add_member(council, second_factor=False)
    request = open_request(by=staff, body=council, directions=[direction])
    client.force_login(newcomer)

    response = client.get(reverse("approvals:request_detail", args=[request.pk]))

    assert response.status_code == 302
    assert response.url == SETUP_URL


def test_council_member_without_a_second_factor_cannot_post_a_vote(
    client, staff, council, direction
):
    newcomer = add_member(council, second_factor=False)
    request = open_request(by=staff, body=council, directions=[direction])
    client.force_login(newcomer)

    response = client.post(
        reverse("approvals:request_vote", args=[request.pk]), {"choice": "approve"}
    )

    assert response.status_code == 302
    assert not request.votes.exists()


def test_first_sign_in_walks_a_council_member_to_the_setup_with_a_message(client, council):
    add_member(council, second_factor=False, email="new.council@example.org")

    response = client.post(
        reverse("account_login"),
        {"login": "new.council@example.org", "password": TEST_PASSWORD},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == SETUP_URL
    assert "sign in with a second factor" in response.text
    assert '<img class="totp-qr" src="data:image/svg+xml;base64,' in response.text


def test_staff_without_a_second_factor_cannot_reach_the_back_office(client, db):
    staff = StaffFactory(second_factor=False)
    client.force_login(staff)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response.url == SETUP_URL


def test_signing_out_and_the_health_check_stay_reachable(client, db):
    client.force_login(StaffFactory(second_factor=False))

    assert client.get("/healthz").status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_partner_staff_need_no_second_factor(client, partner_staff):
    client.force_login(partner_staff)

    assert client.get(reverse("dashboard")).status_code == 200


def test_activating_the_authenticator_lets_the_council_member_through(client, council):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    member = add_member(council, second_factor=False, email="new.council@example.org")
    client.post(reverse("account_login"), {"login": member.email, "password": TEST_PASSWORD})
    client.get(SETUP_URL)
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))

    response = client.post(SETUP_URL, {"code": code})

    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_member_with_a_second_factor_is_asked_for_it_at_sign_in(client, council):
    add_member(council, email="voter@example.org")

    response = client.post(
        reverse("account_login"), {"login": "voter@example.org", "password": TEST_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
