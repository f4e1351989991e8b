"""Who may do what with approval requests: the one place that says it."""

import rules
from django.utils import timezone

from core.rules import staff_granted
from pillars.models import Membership, running_on


@rules.predicate
def is_eligible_voter(user, request):
    if request is None or not (user and user.is_authenticated):
        return False
    return request.eligible_voters.filter(person=user).exists()


@rules.predicate
def is_member_of_body(user, request):
    """A sitting member of the body asked (any role), or someone who could vote on it."""
    if request is None or not (user and user.is_authenticated):
        return False
    sitting = Membership.objects.filter(
        running_on(timezone.localdate()), person=user, group_id=request.body_id
    ).exists()
    return sitting or is_eligible_voter(user, request)


@rules.predicate
def chairs_body(user, request):
    if request is None or not (user and user.is_authenticated):
        return False
    return Membership.objects.filter(
        running_on(timezone.localdate()),
        person=user,
        group_id=request.body_id,
        role__in=[Membership.Role.CHAIR, Membership.Role.VICE_CHAIR],
    ).exists()


@rules.predicate
def has_declared_conflict(user, request):
    if request is None or not (user and user.is_authenticated):
        return False
    return request.conflicts.filter(person=user).exists()


@rules.predicate
def request_is_open(user, request):
    return request is not None and request.is_open


# The request page: what is asked, the votes so far, the comments.
rules.add_perm(
    "approvals.view_request", staff_granted("approvals.view_approvalrequest") | is_member_of_body
)
# Voting online and declaring a conflict: the members who could vote on the opening day.
rules.add_perm("approvals.vote", request_is_open & is_eligible_voter & ~has_declared_conflict)
rules.add_perm("approvals.declare_conflict", request_is_open & is_eligible_voter)
# Entering a vote taken in a meeting: staff, or the body's chair (or vice-chair).
rules.add_perm(
    "approvals.record_meeting_vote",
    request_is_open & (staff_granted("approvals.add_vote") | chairs_body),
)
# Putting directions or a plan before a body, cancelling, deciding by hand.
rules.add_perm("approvals.manage_requests", staff_granted("approvals.add_approvalrequest"))
# Letting the Council vote on a direction its steering group has not endorsed, with a reason
# published in the decision log: staff who put requests before the Council.
rules.add_perm("approvals.override_endorsement", staff_granted("approvals.add_approvalrequest"))
