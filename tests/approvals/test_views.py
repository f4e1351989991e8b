"""Who may see a request and change its record: allowed and refused, for every view."""

import pytest
from django.urls import reverse

from approvals.models import ConflictDeclaration, Decision, Vote
from pillars.models import Membership

from .conftest import add_member

pytestmark = pytest.mark.django_db


def url(name, request):
    return reverse(f"approvals:{name}", args=[request.pk])


def test_members_of_the_body_and_staff_see_the_request(
    client, staff, request_for_direction, members
):
    for person in (staff, members[0]):
        client.force_login(person)
        response = client.get(url("request_detail", request_for_direction))
        assert response.status_code == 200
        assert "Votes so far" in response.text


def test_a_staff_liaison_sees_the_request_but_has_no_vote_form(
    client, council, request_for_direction
):
    liaison = add_member(council, role=Membership.Role.STAFF_LIAISON)
    client.force_login(liaison)

    response = client.get(url("request_detail", request_for_direction))

    assert response.status_code == 200
    assert "Cast my vote" not in response.text


def test_people_outside_the_body_do_not_see_the_request(
    client, partner_staff, request_for_direction
):
    client.force_login(partner_staff)

    assert client.get(url("request_detail", request_for_direction)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, request_for_direction):
    response = client.get(url("request_detail", request_for_direction))

    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_the_vote_form_records_a_vote_and_shows_it(client, request_for_direction, members):
    client.force_login(members[0])

    response = client.post(
        url("request_vote", request_for_direction),
        {"choice": "approve", "comment": "Well argued."},
        follow=True,
    )

    assert "Your vote is recorded." in response.text
    assert "Well argued." in response.text
    assert Vote.objects.get().choice == "approve"


def test_staff_cannot_vote_unless_they_are_a_member(client, staff, request_for_direction):
    client.force_login(staff)

    response = client.post(url("request_vote", request_for_direction), {"choice": "approve"})

    assert response.status_code == 403
    assert not Vote.objects.exists()


def test_an_eligible_member_declares_a_conflict(client, request_for_direction, members):
    client.force_login(members[0])

    response = client.post(
        url("request_conflict", request_for_direction), {"note": "My employer leads it."}
    )

    assert response.status_code == 302
    assert ConflictDeclaration.objects.get().note == "My employer leads it."


@pytest.mark.parametrize("who", ["partner", "liaison", "anonymous"])
def test_others_cannot_declare_a_conflict(
    client, council, partner_staff, request_for_direction, who
):
    if who == "partner":
        client.force_login(partner_staff)
    elif who == "liaison":
        client.force_login(add_member(council, role=Membership.Role.STAFF_LIAISON))

    response = client.post(url("request_conflict", request_for_direction), {"note": ""})

    assert response.status_code in (302, 403)
    if who != "anonymous":
        assert response.status_code == 403
    assert not ConflictDeclaration.objects.exists()


def test_a_second_declaration_gets_a_clear_message(client, request_for_direction, members):
    client.force_login(members[0])
    client.post(url("request_conflict", request_for_direction), {"note": ""})

    response = client.post(url("request_conflict", request_for_direction), {"note": "again"})

    assert response.status_code in (400, 403)
    assert ConflictDeclaration.objects.count() == 1


def test_staff_record_a_meeting_vote(client, staff, request_for_direction, members):
    client.force_login(staff)
    assert client.get(url("request_meeting_vote", request_for_direction)).status_code == 200

    response = client.post(
        url("request_meeting_vote", request_for_direction),
        {
            "mover": members[0].pk,
            "seconder": members[1].pk,
            f"vote_{members[0].pk}": "approve",
            f"vote_{members[1].pk}": "approve",
            f"vote_{members[2].pk}": "object",
        },
    )

    decision = Decision.objects.get()
    assert response.status_code == 302
    assert (decision.method, decision.approve_count, decision.object_count) == ("meeting", 2, 1)
    assert set(Vote.objects.values_list("recorded_by", flat=True)) == {staff.pk}


def test_the_chair_records_a_meeting_vote_with_a_tally(
    client, council, request_for_direction, members
):
    chair = add_member(council, role=Membership.Role.CHAIR)
    client.force_login(chair)

    response = client.post(
        url("request_meeting_vote", request_for_direction),
        {
            "mover": members[0].pk,
            "seconder": members[1].pk,
            "approve": 3,
            "object": 0,
            "abstain": 1,
        },
    )

    assert response.status_code == 302
    assert Decision.objects.get().approve_count == 3


def test_a_meeting_vote_with_the_same_mover_and_seconder_is_refused_on_the_form(
    client, staff, request_for_direction, members
):
    client.force_login(staff)

    response = client.post(
        url("request_meeting_vote", request_for_direction),
        {"mover": members[0].pk, "seconder": members[0].pk, "approve": 3},
    )

    assert response.status_code == 400
    assert "The mover and the seconder are two people." in response.text
    assert not Decision.objects.exists()


@pytest.mark.parametrize("who", ["member", "partner"])
def test_members_and_others_cannot_record_a_meeting_vote(
    client, partner_staff, request_for_direction, members, who
):
    client.force_login(members[0] if who == "member" else partner_staff)

    response = client.post(
        url("request_meeting_vote", request_for_direction),
        {"mover": members[0].pk, "seconder": members[1].pk, "approve": 5},
    )

    assert response.status_code == 403
    assert not Decision.objects.exists()


def test_the_dashboard_lists_open_votes_with_the_time_left(client, request_for_direction, members):
    client.force_login(members[0])

    response = client.get(reverse("dashboard"))

    assert "Votes waiting for you" in response.text
    assert "Closes in 2 days 23 hours" in response.text or "Closes in 3 days" in response.text
    assert "You have not voted yet." in response.text


def test_the_page_of_an_annual_plan_request_lists_its_items(
    client, staff, council, members, draft_plan
):
    from tests.actionplans.factories import ActionItemFactory

    from .conftest import open_request

    ActionItemFactory(annual_plan=draft_plan, title="Seniors' tea at the library")
    request = open_request(by=staff, body=council, annual_plan=draft_plan)
    client.force_login(members[0])

    response = client.get(url("request_detail", request))

    assert response.status_code == 200
    assert "Seniors&#x27; tea at the library" in response.text
    assert "Never put to the Council before" in response.text
