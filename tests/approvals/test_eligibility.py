"""Who may vote: the members with a running, non-liaison membership on the opening day."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from approvals import services
from approvals.models import Vote
from pillars.models import Membership

from .conftest import add_member, open_request

pytestmark = pytest.mark.django_db


def vote_url(request):
    return reverse("approvals:request_vote", args=[request.pk])


def test_eligibility_is_a_snapshot_of_running_voting_memberships(
    staff, council, steering, members, direction
):
    past = add_member(council, term_end=datetime.date(2024, 12, 31))
    liaison = add_member(council, role=Membership.Role.STAFF_LIAISON)
    future = add_member(council, term_start=timezone.localdate() + datetime.timedelta(days=30))
    other_group = add_member(steering)

    request = open_request(by=staff, body=council, directions=[direction])

    eligible = set(request.eligible_voters.values_list("person_id", flat=True))
    assert eligible == {member.pk for member in members}
    assert not {past.pk, liaison.pk, future.pk, other_group.pk} & eligible


def test_a_member_who_joins_after_the_opening_does_not_vote(client, request_for_direction, council):
    newcomer = add_member(council, term_start=timezone.localdate())
    client.force_login(newcomer)

    response = client.post(vote_url(request_for_direction), {"choice": "approve"})

    assert response.status_code == 403
    assert not Vote.objects.exists()


@pytest.mark.parametrize(
    "kind", ["past_member", "staff_liaison", "member_of_another_group"], ids=str
)
def test_people_who_are_not_eligible_cannot_vote(
    client, staff, council, steering, members, direction, kind
):
    person = {
        "past_member": lambda: add_member(council, term_end=datetime.date(2024, 12, 31)),
        "staff_liaison": lambda: add_member(council, role=Membership.Role.STAFF_LIAISON),
        "member_of_another_group": lambda: add_member(steering),
    }[kind]()
    request = open_request(by=staff, body=council, directions=[direction])
    client.force_login(person)

    response = client.post(vote_url(request), {"choice": "approve"})

    assert response.status_code == 403
    assert not Vote.objects.exists()
    with pytest.raises(PermissionDenied):
        services.vote_cast(request=request, voter=person, choice="approve")


def test_a_member_who_declared_a_conflict_cannot_vote(client, request_for_direction, members):
    member = members[0]
    services.conflict_declare(request=request_for_direction, person=member, note="I lead W1.")
    client.force_login(member)

    response = client.post(vote_url(request_for_direction), {"choice": "approve"})

    assert response.status_code == 400
    assert "You declared a conflict of interest" in response.text
    assert not Vote.objects.exists()


def test_declaring_a_conflict_withdraws_an_earlier_vote(request_for_direction, members):
    services.vote_cast(request=request_for_direction, voter=members[0], choice="object")

    services.conflict_declare(request=request_for_direction, person=members[0])

    assert not Vote.objects.filter(voter=members[0]).exists()


def test_an_anonymous_visitor_cannot_vote(client, request_for_direction):
    response = client.post(vote_url(request_for_direction), {"choice": "approve"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    assert not Vote.objects.exists()


def test_an_eligible_member_votes_once_and_may_change_the_vote(
    client, request_for_direction, members
):
    client.force_login(members[0])

    first = client.post(
        vote_url(request_for_direction), {"choice": "object", "comment": "Too vague."}
    )
    second = client.post(vote_url(request_for_direction), {"choice": "approve", "comment": ""})

    assert first.status_code == second.status_code == 302
    vote = Vote.objects.get()
    assert (vote.voter, vote.choice, vote.comment) == (members[0], "approve", "")
    # Both versions stay on record for the audit.
    assert list(vote.history.order_by("history_date").values_list("choice", flat=True)) == [
        "object",
        "approve",
    ]


def test_an_eligible_member_cannot_vote_after_the_close(client, staff, council, members, direction):
    request = open_request(by=staff, body=council, directions=[direction], hours=1)
    client.force_login(members[0])
    later = timezone.now() + datetime.timedelta(hours=2)

    with pytest.raises(ValidationError, match="closed"):
        services.vote_cast(request=request, voter=members[0], choice="approve", now=later)
    services.approval_requests_close_due(now=later)
    response = client.post(vote_url(request), {"choice": "approve"})

    assert response.status_code == 400
    assert "This vote is closed." in response.text
    assert not Vote.objects.exists()


def test_a_vote_without_a_choice_gets_a_clear_message(client, request_for_direction, members):
    client.force_login(members[0])

    response = client.post(vote_url(request_for_direction), {"comment": "Forgot to choose."})

    assert response.status_code == 400
    assert "Choose approve, object or abstain." in response.text
    assert "Forgot to choose." in response.text
    assert not Vote.objects.exists()
