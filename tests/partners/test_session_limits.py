"""Staff and council sessions end after 30 minutes idle and 12 hours in all (ASVS 3.3.2);
everyone else keeps the usual two-week session."""

import datetime

import pytest
from django.urls import reverse

from partners.middleware import SEEN_AT, SIGNED_IN_AT
from pillars.models import Group, Membership

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")


def shift_session(client, *, signed_in_minutes_ago=None, seen_minutes_ago=None):
    """Move the session's clock back, as if time had passed."""
    session = client.session
    if signed_in_minutes_ago is not None:
        session[SIGNED_IN_AT] -= signed_in_minutes_ago * 60
    if seen_minutes_ago is not None:
        session[SEEN_AT] -= seen_minutes_ago * 60
    session.save()


@pytest.fixture
def seated_council_member(council_member):
    council = Group.objects.create(kind=Group.Kind.COUNCIL, name="Council", slug="council")
    Membership.objects.create(
        person=council_member, group=council, term_start=datetime.date(2024, 1, 1)
    )
    return council_member


def test_a_staff_session_ends_after_31_idle_minutes(client, staff):
    client.force_login(staff)
    shift_session(client, seen_minutes_ago=31)

    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=%2Fdashboard%2F"
    assert "_auth_user_id" not in client.session


def test_the_sign_in_page_says_why_the_session_ended(client, staff):
    client.force_login(staff)
    shift_session(client, seen_minutes_ago=31)

    page = client.get(DASHBOARD, follow=True)

    assert "You were signed out after 30 minutes without activity" in page.text


def test_a_staff_session_used_within_30_minutes_goes_on(client, staff):
    client.force_login(staff)
    shift_session(client, signed_in_minutes_ago=29, seen_minutes_ago=29)

    assert client.get(DASHBOARD).status_code == 200
    shift_session(client, signed_in_minutes_ago=29, seen_minutes_ago=29)  # 58 minutes in all

    assert client.get(DASHBOARD).status_code == 200


def test_a_council_member_session_ends_12_hours_after_sign_in_even_when_busy(
    client, seated_council_member
):
    client.force_login(seated_council_member)
    shift_session(client, signed_in_minutes_ago=12 * 60 + 1, seen_minutes_ago=0)

    response = client.get(DASHBOARD, follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert "staff and council members sign in again every 12 hours" in response.text
    assert "_auth_user_id" not in client.session


def test_a_council_member_idle_for_an_hour_is_signed_out(client, seated_council_member):
    client.force_login(seated_council_member)
    shift_session(client, seen_minutes_ago=60)

    assert client.get(DASHBOARD).status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_partner_session_outlives_30_idle_minutes_and_12_hours(client, partner_staff):
    client.force_login(partner_staff)
    shift_session(client, signed_in_minutes_ago=13 * 60, seen_minutes_ago=13 * 60)

    assert client.get(DASHBOARD).status_code == 200
    assert client.session["_auth_user_id"] == str(partner_staff.pk)


def test_signing_in_again_starts_a_new_clock(client, staff):
    client.force_login(staff)
    shift_session(client, seen_minutes_ago=31)
    client.get(DASHBOARD)  # signed out

    client.force_login(staff)

    assert client.get(DASHBOARD).status_code == 200


def test_the_idle_limit_follows_its_setting(client, staff, settings):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    client.force_login(staff)
    shift_session(client, seen_minutes_ago=6)

    page = client.get(DASHBOARD, follow=True)

    assert "after 5 minutes without activity" in page.text
