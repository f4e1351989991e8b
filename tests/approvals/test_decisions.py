"""How a request is decided: majority with quorum, consensus, ties, abstentions, early close."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from actionplans.models import ApprovalStatus
from approvals import services
from approvals.models import ApprovalRequest, Decision, DecisionRule
from approvals.services import Tally, decide_outcome, quorum_required

pytestmark = pytest.mark.django_db

APPROVED, REJECTED, NO_QUORUM = "approved", "rejected", "no_quorum"


def after_close(request):
    return request.closes_at + datetime.timedelta(minutes=1)


def cast(request, members, choices):
    for member, choice in zip(members, choices, strict=False):
        services.vote_cast(request=request, voter=member, choice=choice)


@pytest.mark.parametrize(
    ("rule", "tally", "required", "expected"),
    [
        (DecisionRule.MAJORITY, Tally(3, 1, 0), 3, APPROVED),
        (DecisionRule.MAJORITY, Tally(2, 0, 0), 3, NO_QUORUM),
        (DecisionRule.MAJORITY, Tally(1, 2, 0), 3, REJECTED),
        (DecisionRule.MAJORITY, Tally(2, 2, 1), 3, REJECTED),  # a tie does not carry
        (DecisionRule.MAJORITY, Tally(0, 0, 4), 3, REJECTED),  # everyone abstains
        (DecisionRule.MAJORITY, Tally(1, 0, 3), 3, APPROVED),  # abstentions count to quorum
        (DecisionRule.CONSENSUS, Tally(4, 0, 1), 3, APPROVED),
        (DecisionRule.CONSENSUS, Tally(4, 1, 0), 3, REJECTED),  # one objection blocks
        (DecisionRule.CONSENSUS, Tally(0, 0, 5), 3, REJECTED),
        (DecisionRule.CONSENSUS, Tally(2, 0, 0), 3, NO_QUORUM),
    ],
)
def test_outcome_of_a_tally(rule, tally, required, expected):
    assert decide_outcome(rule=rule, tally=tally, required=required).outcome == expected


def test_quorum_is_a_share_rounded_up_or_a_number():
    assert quorum_required(eligible_count=5, quorum_fraction="0.50") == 3
    assert quorum_required(eligible_count=4, quorum_fraction="0.50") == 2
    assert quorum_required(eligible_count=9, quorum_count=4) == 4
    assert quorum_required(eligible_count=0, quorum_fraction="0.50") == 1


def test_majority_with_quorum_approves_and_changes_the_status(
    request_for_direction, members, direction
):
    cast(request_for_direction, members, ["approve", "approve", "object"])

    decision = services.approval_request_decide(
        request=request_for_direction, now=after_close(request_for_direction)
    )

    assert decision.outcome == APPROVED
    assert (decision.approve_count, decision.object_count, decision.abstain_count) == (2, 1, 0)
    assert (decision.eligible_count, decision.quorum_required, decision.quorum_met) == (5, 3, True)
    direction.refresh_from_db()
    assert direction.status == ApprovalStatus.APPROVED
    assert direction.approved_on == decision.decided_on


def test_majority_without_quorum_decides_nothing_and_leaves_it_submitted(
    request_for_direction, members, direction
):
    cast(request_for_direction, members, ["approve", "approve"])

    decision = services.approval_request_decide(
        request=request_for_direction, now=after_close(request_for_direction)
    )

    assert (decision.outcome, decision.quorum_met) == (NO_QUORUM, False)
    direction.refresh_from_db()
    assert direction.status == ApprovalStatus.SUBMITTED


def test_consensus_with_one_objection_returns_the_direction_with_the_comments(
    staff, council, members, direction
):
    from .conftest import open_request

    request = open_request(
        by=staff, body=council, directions=[direction], rule=DecisionRule.CONSENSUS
    )
    cast(request, members, ["approve", "approve", "approve"])
    services.vote_cast(
        request=request, voter=members[3], choice="object", comment="Name the partners."
    )

    decision = services.approval_request_decide(request=request, now=after_close(request))

    assert decision.outcome == REJECTED
    assert "Name the partners." in decision.comments
    direction.refresh_from_db()
    assert direction.status == ApprovalStatus.RETURNED


def test_everyone_abstaining_does_not_approve(request_for_direction, members, direction):
    cast(request_for_direction, members[:4], ["abstain"] * 4)

    decision = services.approval_request_decide(
        request=request_for_direction, now=after_close(request_for_direction)
    )

    assert (decision.outcome, decision.quorum_met) == (REJECTED, True)


def test_a_tie_does_not_carry(request_for_direction, members):
    cast(request_for_direction, members[:4], ["approve", "object", "approve", "object"])

    decision = services.approval_request_decide(
        request=request_for_direction, now=after_close(request_for_direction)
    )

    assert decision.outcome == REJECTED


def test_the_vote_closes_early_once_every_eligible_member_has_voted(
    request_for_direction, members, direction, django_capture_on_commit_callbacks
):
    services.conflict_declare(request=request_for_direction, person=members[4])
    with django_capture_on_commit_callbacks(execute=True):
        cast(request_for_direction, members[:4], ["approve"] * 4)

    request_for_direction.refresh_from_db()
    assert request_for_direction.status == ApprovalRequest.Status.DECIDED
    decision = request_for_direction.decision
    assert (decision.eligible_count, decision.conflict_count, decision.approve_count) == (4, 1, 4)
    direction.refresh_from_db()
    assert direction.status == ApprovalStatus.APPROVED
    outcome_emails = [m for m in mail.outbox if "] Decided" in m.subject]
    assert {m.to[0] for m in outcome_emails} >= {member.email for member in members}


def test_an_open_vote_is_not_decided_before_it_closes(request_for_direction, members):
    cast(request_for_direction, members[:3], ["approve"] * 3)

    with pytest.raises(ValidationError, match="still open"):
        services.approval_request_decide(request=request_for_direction, now=timezone.now())

    assert not Decision.objects.exists()


def test_a_decided_request_is_not_decided_twice(request_for_direction, members):
    later = after_close(request_for_direction)
    services.approval_request_decide(request=request_for_direction, now=later)

    with pytest.raises(ValidationError, match="already decided"):
        services.approval_request_decide(request=request_for_direction, now=later)

    assert Decision.objects.count() == 1


def test_an_approved_annual_plan_points_to_its_decision(staff, council, members, draft_plan):
    from approvals.selectors import approving_decision

    from .conftest import open_request

    request = open_request(by=staff, body=council, annual_plan=draft_plan)
    cast(request, members, ["approve"] * 5)

    draft_plan.refresh_from_db()
    assert draft_plan.status == ApprovalStatus.APPROVED
    assert approving_decision(draft_plan) == request.decision


def test_a_steering_group_endorses_without_approving(staff, steering, direction):
    from .conftest import add_member, open_request

    member = add_member(steering)
    request = open_request(by=staff, body=steering, directions=[direction])

    services.vote_cast(request=request, voter=member, choice="approve")

    assert Decision.objects.get().outcome == APPROVED
    direction.refresh_from_db()
    assert direction.status == ApprovalStatus.DRAFT


def test_a_council_request_carries_the_steering_endorsement(
    staff, council, steering, members, direction
):
    from .conftest import add_member, open_request

    member = add_member(steering)
    endorsement = open_request(by=staff, body=steering, directions=[direction])
    services.vote_cast(request=endorsement, voter=member, choice="approve")

    request = open_request(by=staff, body=council, directions=[direction], endorsement=endorsement)

    assert request.endorsement.decision.outcome == APPROVED
    direction.refresh_from_db()
    assert direction.status == ApprovalStatus.SUBMITTED


def test_a_meeting_vote_decides_with_mover_seconder_and_tally(
    staff, request_for_direction, members, direction
):
    from pillars.models import Meeting

    meeting = Meeting.objects.create(
        group=request_for_direction.body, held_on=datetime.date(2026, 1, 20)
    )

    decision = services.meeting_vote_record(
        request=request_for_direction,
        by=staff,
        meeting=meeting,
        mover=members[0],
        seconder=members[1],
        tally=Tally(4, 0, 1),
    )

    assert (decision.method, decision.outcome, decision.decided_on) == (
        "meeting",
        APPROVED,
        meeting.held_on,
    )
    assert (decision.mover, decision.seconder) == (members[0], members[1])
    direction.refresh_from_db()
    assert direction.approved_on == meeting.held_on


def test_a_meeting_vote_refuses_a_tally_larger_than_the_members(
    staff, request_for_direction, members
):
    with pytest.raises(ValidationError, match="only 5 members may vote"):
        services.meeting_vote_record(
            request=request_for_direction,
            by=staff,
            mover=members[0],
            seconder=members[1],
            tally=Tally(6, 0, 0),
        )

    assert not Decision.objects.exists()


def test_staff_who_manage_requests_decide_one_by_hand_once_the_vote_closed(
    request_for_direction, members, staff
):
    cast(request_for_direction, members, ["approve", "approve", "approve"])

    decision = services.approval_request_decide(
        request=request_for_direction, by=staff, now=after_close(request_for_direction)
    )

    assert decision.outcome == APPROVED


def test_deciding_by_hand_is_refused_to_a_member_of_the_body(request_for_direction, members):
    with pytest.raises(PermissionDenied):
        services.approval_request_decide(
            request=request_for_direction,
            by=members[0],
            now=after_close(request_for_direction),
        )

    request_for_direction.refresh_from_db()
    assert request_for_direction.status == ApprovalRequest.Status.OPEN


def test_the_back_office_action_decides_as_the_acting_person(
    client, request_for_direction, members, staff
):
    cast(request_for_direction, members, ["approve", "approve", "approve"])
    ApprovalRequest.objects.filter(pk=request_for_direction.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    client.force_login(staff)

    response = client.post(
        "/admin/approvals/approvalrequest/",
        {"action": "decide_closed_requests", "_selected_action": [request_for_direction.pk]},
    )

    assert response.status_code == 302
    assert Decision.objects.filter(request=request_for_direction).exists()
