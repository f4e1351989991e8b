"""Every write of the approvals: open a request, vote, declare a conflict, decide, remind.

Deciding is the only way a strategic direction or an annual plan changes its approval status:
`approval_request_decide` records the Decision with its tally first, then calls the action
plans' services (approved, or returned with the members' comments).
"""

from __future__ import annotations

import datetime
import logging
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from actionplans import services as actionplan_services
from actionplans.models import AnnualActionPlan, ApprovalStatus, StrategicDirection
from core import page_cache
from core.mail import email_send
from partners.models import User
from pillars.models import Group, Meeting, Membership

from .models import (
    ApprovalRequest,
    ConflictDeclaration,
    Decision,
    DecisionRule,
    EligibleVoter,
    ReminderSent,
    Vote,
    VoteChoice,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from partners.models import User
    from pillars.models import Meeting

logger = logging.getLogger(__name__)

REMINDER_BEFORE = datetime.timedelta(hours=48)
COMMENT_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 1000


# --- Counting -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    approve: int = 0
    object: int = 0
    abstain: int = 0

    @property
    def participants(self) -> int:
        return self.approve + self.object + self.abstain


@dataclass(frozen=True)
class Outcome:
    outcome: str
    quorum_required: int
    quorum_met: bool


def quorum_required(
    *,
    eligible_count: int,
    quorum_count: int | None = None,
    quorum_fraction: Decimal = Decimal("0.50"),
) -> int:
    """How many members must take part: a fixed number, or a share of the eligible members
    (rounded up), and never less than one."""
    if quorum_count is not None:
        return max(1, quorum_count)
    return max(1, math.ceil(Decimal(eligible_count) * Decimal(quorum_fraction)))


def decide_outcome(*, rule: str, tally: Tally, required: int) -> Outcome:
    """The outcome of a tally under a decision rule.

    Everyone who voted (abstentions included) counts toward quorum. Majority: carried when
    more members approve than object; a tie, or every member abstaining, does not carry.
    Consensus: carried when at least one member approves and nobody objects.
    """
    quorum_met = tally.participants >= required
    if not quorum_met:
        return Outcome(Decision.Outcome.NO_QUORUM, required, False)
    if rule == DecisionRule.CONSENSUS:
        carried = tally.object == 0 and tally.approve > 0
    else:
        carried = tally.approve > tally.object
    outcome = Decision.Outcome.APPROVED if carried else Decision.Outcome.REJECTED
    return Outcome(outcome, required, True)


# --- Emails -----------------------------------------------------------------------------------


def _request_url(request: ApprovalRequest) -> str:
    base_url: str = settings.PORTAL_BASE_URL
    return base_url + reverse("approvals:request_detail", args=[request.pk])


def _email(
    people: Iterable[User],
    *,
    subject: StrOrPromise | Callable[[], StrOrPromise],
    template: str,
    context: dict[str, Any],
) -> None:
    for person in people:
        with translation.override(person.preferred_language):
            email_send(
                subject=str(subject() if callable(subject) else subject),
                body=render_to_string(template, {**context, "person": person}),
                to=person.email,
            )


# --- Opening ----------------------------------------------------------------------------------


def eligible_memberships(*, body: Group, day: datetime.date) -> list[Membership]:
    """The memberships whose holders may vote in `body` on `day`: running terms, staff
    liaisons left out. One per person (their earliest-started seat)."""
    memberships = (
        Membership.objects.active_on(day)
        .filter(group=body)
        .exclude(role=Membership.Role.STAFF_LIAISON)
        .select_related("person")
        .order_by("person_id", "term_start", "pk")
    )
    chosen: dict[int, Membership] = {}
    for membership in memberships:
        if membership.person.is_active:
            chosen.setdefault(membership.person_id, membership)
    return list(chosen.values())


# --- The endorsement chain ---------------------------------------------------------------------


def directions_not_endorsed(directions: Iterable[StrategicDirection]) -> list[StrategicDirection]:
    """The directions the steering group of their pillar has not endorsed (an approved
    endorsement decided since the Council last sent the direction back): the Council does not
    vote on them without an override."""
    missing = []
    for direction in directions:
        returned = Decision.objects.filter(
            request__body__kind=Group.Kind.COUNCIL,
            request__directions=direction,
            outcome=Decision.Outcome.REJECTED,
        ).aggregate(last=Max("decided_at"))["last"]
        endorsed = _endorsements_of(direction)
        if returned is not None:
            endorsed = endorsed.filter(decided_at__gt=returned)
        if not endorsed.exists():
            missing.append(direction)
    return missing


def _endorsements_of(direction: StrategicDirection) -> QuerySet[Decision]:
    return Decision.objects.filter(
        outcome=Decision.Outcome.APPROVED,
        request__body__kind=Group.Kind.STEERING,
        request__body__pillar_id=direction.pillar_id,
        request__directions=direction,
    )


def _endorsing_request(directions: list[StrategicDirection]) -> ApprovalRequest | None:
    """The latest endorsement that covers every one of the directions, if one does."""
    if not directions:
        return None
    candidates = _endorsements_of(directions[0]).order_by("-decided_at", "-pk")
    for decision in candidates.select_related("request"):
        covered = set(decision.request.directions.values_list("pk", flat=True))
        if all(direction.pk in covered for direction in directions):
            return decision.request
    return None


def _check_endorsement_chain(
    *, body: Group, directions: list[StrategicDirection], endorsement_override: str
) -> None:
    if body.kind != Group.Kind.COUNCIL or not directions:
        if endorsement_override.strip():
            raise ValidationError(
                _(
                    "Only a Council vote on strategic directions needs the steering group's "
                    "endorsement: leave the reason to vote without it empty."
                ),
                code="override_not_needed",
            )
        return
    missing = directions_not_endorsed(directions)
    if missing and not endorsement_override.strip():
        raise ValidationError(
            _(
                "The Council votes on a strategic direction once the steering group of its "
                "pillar has endorsed it. Not endorsed yet: %(directions)s. Ask the steering "
                "group first, or give the reason the Council votes without its endorsement."
            )
            % {"directions": ", ".join(str(direction) for direction in missing)},
            code="not_endorsed",
        )
    if not missing and endorsement_override.strip():
        raise ValidationError(
            _(
                "The steering groups have endorsed every direction asked: leave the reason to "
                "vote without their endorsement empty."
            ),
            code="override_not_needed",
        )


def _validate_subject(
    *,
    body: Group,
    directions: list[StrategicDirection],
    annual_plan: AnnualActionPlan | None,
    endorsement: ApprovalRequest | None,
) -> None:
    if bool(directions) == bool(annual_plan):
        raise ValidationError(
            _("Ask about one or more strategic directions, or about one annual plan: not both.")
        )
    subjects: list[StrategicDirection | AnnualActionPlan]
    if directions:
        subjects = list(directions)
    else:
        assert annual_plan is not None  # one or the other, as just checked
        subjects = [annual_plan]
    for subject in subjects:
        if subject.status == ApprovalStatus.APPROVED:
            raise ValidationError(
                _("%(subject)s is already approved.") % {"subject": subject}, code="approved"
            )
    busy = ApprovalRequest.objects.filter(status=ApprovalRequest.Status.OPEN, body=body)
    busy = (
        busy.filter(directions__in=directions)
        if directions
        else busy.filter(annual_plan=annual_plan)
    )
    if busy.exists():
        raise ValidationError(
            _("%(body)s already has an open request about this.") % {"body": body}, code="busy"
        )
    if endorsement is not None:
        endorsement.refresh_from_db(fields=["status"])
        if endorsement.status != ApprovalRequest.Status.DECIDED:
            raise ValidationError(_("An endorsement is a request that was decided."))
        if not Decision.objects.filter(
            request=endorsement, outcome=Decision.Outcome.APPROVED
        ).exists():
            raise ValidationError(_("An endorsement is a request that was approved."))
        if body.kind != Group.Kind.COUNCIL or not endorsement.is_endorsement:
            raise ValidationError(
                _("A request to the Council carries the endorsement of another body.")
            )


def approval_request_validate(
    *,
    body: Group,
    directions: Iterable[StrategicDirection],
    annual_plan: AnnualActionPlan | None,
    endorsement: ApprovalRequest | None,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    rule: str,
    quorum_fraction: Decimal | None,
    endorsement_override: str = "",
) -> None:
    """Check a request before it opens (the admin form runs this too); writes nothing.

    A Council vote on strategic directions needs each direction endorsed by the steering group
    of its pillar, unless `endorsement_override` gives the reason it goes ahead without."""
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": _("The vote must close after it opens.")})
    if rule not in DecisionRule.values:
        raise ValidationError({"rule": _("Choose a decision rule from the list.")})
    if quorum_fraction is not None and not 0 <= Decimal(quorum_fraction) <= 1:
        raise ValidationError({"quorum_fraction": _("The quorum share is between 0 and 1.")})
    directions = list(directions)
    _validate_subject(
        body=body, directions=directions, annual_plan=annual_plan, endorsement=endorsement
    )
    _check_endorsement_chain(
        body=body, directions=directions, endorsement_override=endorsement_override
    )


@transaction.atomic
def approval_request_open(
    *,
    by: User,
    body: Group,
    closes_at: datetime.datetime,
    directions: Iterable[StrategicDirection] = (),
    annual_plan: AnnualActionPlan | None = None,
    opens_at: datetime.datetime | None = None,
    rule: str = DecisionRule.MAJORITY,
    quorum_count: int | None = None,
    quorum_fraction: Decimal | None = Decimal("0.50"),
    endorsement: ApprovalRequest | None = None,
    question_en: str = "",
    question_fr: str = "",
    endorsement_override_en: str = "",
    endorsement_override_fr: str = "",
    now: datetime.datetime | None = None,
) -> ApprovalRequest:
    """Put strategic directions or an annual plan before a body and tell its members.

    The members who may vote are fixed now, from the memberships running on the opening day.
    A request to the Council puts drafts (and returned ones) in the submitted state. `now`
    (default: now) is when it was made.

    The Council votes on a strategic direction once the steering group of its pillar has
    endorsed it (the endorsement is linked when one covers every direction asked), unless
    staff who may override the chain give the reason (`endorsement_override_en`, and its
    French): it is published in the decision log.
    """
    if not by.has_perm("approvals.manage_requests"):
        raise PermissionDenied
    endorsement_override_en = (endorsement_override_en or "").strip()
    endorsement_override_fr = (endorsement_override_fr or "").strip()
    if endorsement_override_fr and not endorsement_override_en:
        raise ValidationError({"endorsement_override_en": _("Give the reason in English too.")})
    if endorsement_override_en and not by.has_perm("approvals.override_endorsement"):
        raise PermissionDenied
    now = now or timezone.now()
    directions = list(directions or [])
    opens_at = opens_at or now
    approval_request_validate(
        body=body,
        directions=directions,
        annual_plan=annual_plan,
        endorsement=endorsement,
        opens_at=opens_at,
        closes_at=closes_at,
        rule=rule,
        quorum_fraction=quorum_fraction,
        endorsement_override=endorsement_override_en,
    )
    if endorsement is None and body.kind == Group.Kind.COUNCIL and not endorsement_override_en:
        endorsement = _endorsing_request(directions)
    memberships = eligible_memberships(body=body, day=timezone.localdate(opens_at))
    if not memberships:
        raise ValidationError(
            _("%(body)s has no member who may vote: check its memberships first.") % {"body": body}
        )
    request = ApprovalRequest.objects.create(
        body=body,
        annual_plan=annual_plan,
        submitted_by=by,
        opens_at=opens_at,
        closes_at=closes_at,
        rule=rule,
        quorum_count=quorum_count,
        quorum_fraction=Decimal("0.50") if quorum_fraction is None else quorum_fraction,
        endorsement=endorsement,
        question_en=question_en,
        question_fr=question_fr,
        endorsement_override_en=endorsement_override_en,
        endorsement_override_fr=endorsement_override_fr,
        created_at=now,
    )
    if directions:
        request.directions.set(directions)
    EligibleVoter.objects.bulk_create(
        [
            EligibleVoter(request=request, person=m.person, membership=m, role=m.role)
            for m in memberships
        ]
    )
    if body.kind == Group.Kind.COUNCIL:
        for direction in directions:
            if direction.status != ApprovalStatus.SUBMITTED:
                actionplan_services.strategic_direction_submit(direction=direction)
        if annual_plan is not None and annual_plan.status != ApprovalStatus.SUBMITTED:
            actionplan_services.annual_plan_submit(plan=annual_plan)
    _email(
        [m.person for m in memberships],
        subject=lambda: _("Your vote is asked: %(subject)s") % {"subject": request.subject},
        template="approvals/email/opened.txt",
        context={"request": request, "url": _request_url(request)},
    )
    return request


@transaction.atomic
def approval_request_cancel(*, request: ApprovalRequest, by: User) -> ApprovalRequest:
    """Withdraw an open request; nothing is decided and the items stay submitted."""
    if not by.has_perm("approvals.manage_requests"):
        raise PermissionDenied
    request = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ApprovalRequest.Status.OPEN:
        raise ValidationError(_("Only an open request can be cancelled."))
    request.status = ApprovalRequest.Status.CANCELLED
    request.save(update_fields=["status"])
    return request


# --- Voting -----------------------------------------------------------------------------------


def _locked_open_request(request: ApprovalRequest, now: datetime.datetime) -> ApprovalRequest:
    """The request read again under a row lock: votes on one request queue up behind it."""
    request = ApprovalRequest.objects.select_for_update().select_related("body").get(pk=request.pk)
    if request.status != ApprovalRequest.Status.OPEN:
        raise ValidationError(_("This vote is closed."), code="closed")
    if now < request.opens_at:
        raise ValidationError(_("This vote has not opened yet."), code="not_open")
    if now >= request.closes_at:
        raise ValidationError(_("This vote is closed."), code="closed")
    return request


def _check_may_vote(request: ApprovalRequest, person: User) -> None:
    if not request.eligible_voters.filter(person=person).exists():
        raise PermissionDenied(_("Only the members who could vote when the request opened vote."))
    if request.conflicts.filter(person=person).exists():
        raise ValidationError(
            _("You declared a conflict of interest on this request: you do not vote on it."),
            code="conflict",
        )


def _everyone_has_voted(request: ApprovalRequest) -> bool:
    conflicted = request.conflicts.values("person_id")
    waiting = (
        request.eligible_voters.exclude(person_id__in=conflicted)
        .exclude(person_id__in=request.votes.values("voter_id"))
        .exists()
    )
    return not waiting


def _upsert_vote(
    *,
    request: ApprovalRequest,
    voter: User,
    choice: str,
    comment: str,
    now: datetime.datetime,
    recorded_by: User | None = None,
) -> Vote:
    values = {"choice": choice, "comment": comment, "changed_at": now, "recorded_by": recorded_by}
    try:
        # The savepoint lets a second, simultaneous first vote by the same member fail on the
        # unique constraint without spoiling the transaction; it then changes the vote instead.
        with transaction.atomic():
            vote, _created = Vote.objects.update_or_create(
                request=request,
                voter=voter,
                defaults=values,
                create_defaults={**values, "cast_at": now},
            )
    except IntegrityError:
        Vote.objects.filter(request=request, voter=voter).update(**values)
        page_cache.content_changed()  # an UPDATE sends no signal
        vote = Vote.objects.get(request=request, voter=voter)
    return vote


@transaction.atomic
def vote_cast(
    *,
    request: ApprovalRequest,
    voter: User,
    choice: str,
    comment: str | None = "",
    now: datetime.datetime | None = None,
) -> Vote:
    """Record (or change) a member's vote. When every member who may vote has voted, the
    request is decided at once."""
    now = now or timezone.now()
    comment = (comment or "").strip()
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": _("Choose approve, object or abstain.")})
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {
                "comment": _("The comment is limited to %(max)s characters.")
                % {"max": COMMENT_MAX_LENGTH}
            }
        )
    request = _locked_open_request(request, now)
    _check_may_vote(request, voter)
    vote = _upsert_vote(request=request, voter=voter, choice=choice, comment=comment, now=now)
    if _everyone_has_voted(request):
        approval_request_decide(request=request, now=now)
    return vote


@transaction.atomic
def conflict_declare(
    *,
    request: ApprovalRequest,
    person: User,
    note: str | None = "",
    now: datetime.datetime | None = None,
) -> ConflictDeclaration:
    """Record a member's conflict of interest. Their vote, if any, is withdrawn: they neither
    vote nor count toward quorum."""
    now = now or timezone.now()
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"note": _("The note is limited to %(max)s characters.") % {"max": NOTE_MAX_LENGTH}}
        )
    request = _locked_open_request(request, now)
    if not request.eligible_voters.filter(person=person).exists():
        raise PermissionDenied
    declaration, created = ConflictDeclaration.objects.get_or_create(
        request=request, person=person, defaults={"note": note, "declared_at": now}
    )
    if not created:
        raise ValidationError(_("You already declared a conflict on this request."))
    Vote.objects.filter(request=request, voter=person).delete()
    if _everyone_has_voted(request) and request.votes.exists():
        approval_request_decide(request=request, now=now)
    return declaration


# --- Deciding ---------------------------------------------------------------------------------


def _tally_of_votes(request: ApprovalRequest) -> Tally:
    counts = dict.fromkeys(VoteChoice.values, 0)
    for choice in request.votes.values_list("choice", flat=True):
        counts[choice] += 1
    return Tally(counts["approve"], counts["object"], counts["abstain"])


def _members_comments(request: ApprovalRequest) -> str:
    lines = []
    for vote in request.votes.exclude(comment="").select_related("voter").order_by("cast_at"):
        lines.append(f"{vote.voter} ({vote.get_choice_display()}): {vote.comment}")
    return "\n".join(lines)


def _apply_to_plan(request: ApprovalRequest, decision: Decision) -> None:
    """Change the status of what was asked: only a Council decision approves or returns."""
    if request.is_endorsement or decision.outcome == Decision.Outcome.NO_QUORUM:
        return
    approved = decision.outcome == Decision.Outcome.APPROVED
    for direction in request.directions.all():
        if approved:
            actionplan_services.strategic_direction_mark_approved(
                direction=direction, decision=decision
            )
        else:
            actionplan_services.strategic_direction_mark_returned(
                direction=direction, decision=decision
            )
    if request.annual_plan is not None:
        if approved:
            actionplan_services.annual_plan_mark_approved(
                plan=request.annual_plan, decision=decision
            )
        else:
            actionplan_services.annual_plan_mark_returned(
                plan=request.annual_plan, decision=decision
            )


@transaction.atomic
def approval_request_decide(
    *,
    request: ApprovalRequest,
    by: User | None = None,
    now: datetime.datetime | None = None,
    method: str = Decision.Method.ONLINE,
    tally: Tally | None = None,
    meeting: Meeting | None = None,
    mover: User | None = None,
    seconder: User | None = None,
    recorded_by: User | None = None,
    comments: str | None = None,
) -> Decision:
    """Decide a request: count, record the Decision, then change what was asked.

    An online vote is decided once it closes, or earlier when every member who may vote has
    voted. A meeting vote (method=MEETING) is decided when staff or the chair record it, with
    the tally given or counted from the members' recorded votes.

    `by` is the person deciding by hand: staff who manage requests (the back office's action),
    or, for a meeting vote, whoever may record it. It is None only when the system decides: the
    clock task closing a vote, the last vote cast or conflict declared (the rule decides, not
    that member), and the seed.
    """
    if by is not None:
        permitted = by.has_perm("approvals.manage_requests") or (
            method == Decision.Method.MEETING
            and by.has_perm("approvals.record_meeting_vote", request)
        )
        if not permitted:
            raise PermissionDenied
    now = now or timezone.now()
    request = ApprovalRequest.objects.select_for_update().select_related("body").get(pk=request.pk)
    if request.status != ApprovalRequest.Status.OPEN:
        raise ValidationError(_("This request was already decided or cancelled."))
    if (
        method == Decision.Method.ONLINE
        and now < request.closes_at
        and not _everyone_has_voted(request)
    ):
        raise ValidationError(_("The vote is still open and some members have not voted."))
    conflict_count = request.conflicts.count()
    eligible_count = request.eligible_voters.count() - conflict_count
    tally = tally or _tally_of_votes(request)
    if tally.participants > eligible_count:
        raise ValidationError(
            _("The tally counts %(votes)s votes but only %(eligible)s members may vote.")
            % {"votes": tally.participants, "eligible": eligible_count}
        )
    outcome = decide_outcome(
        rule=request.rule,
        tally=tally,
        required=quorum_required(
            eligible_count=eligible_count,
            quorum_count=request.quorum_count,
            quorum_fraction=request.quorum_fraction,
        ),
    )
    decision = Decision.objects.create(
        request=request,
        outcome=outcome.outcome,
        method=method,
        approve_count=tally.approve,
        object_count=tally.object,
        abstain_count=tally.abstain,
        eligible_count=eligible_count,
        conflict_count=conflict_count,
        quorum_required=outcome.quorum_required,
        quorum_met=outcome.quorum_met,
        decided_on=meeting.held_on if meeting else timezone.localdate(now),
        decided_at=now,
        meeting=meeting,
        mover=mover,
        seconder=seconder,
        recorded_by=recorded_by,
        comments=_members_comments(request) if comments is None else comments,
    )
    request.status = ApprovalRequest.Status.DECIDED
    request.save(update_fields=["status"])
    _apply_to_plan(request, decision)
    people = {ev.person for ev in request.eligible_voters.select_related("person")}
    people.add(request.submitted_by)
    _email(
        sorted(people, key=lambda person: person.email),
        subject=lambda: (
            _("Decided: %(subject)s, %(outcome)s")
            % {"subject": request.subject, "outcome": decision.get_outcome_display().lower()}
        ),
        template="approvals/email/outcome.txt",
        context={
            "request": request,
            "decision": decision,
            "url": settings.PORTAL_BASE_URL
            + reverse("approvals:decision_detail", args=[decision.pk]),
        },
    )
    return decision


@transaction.atomic
def meeting_vote_record(
    *,
    request: ApprovalRequest,
    by: User,
    mover: User | None,
    seconder: User | None,
    meeting: Meeting | None = None,
    tally: Tally | None = None,
    votes: Mapping[User, str] | None = None,
    comments: str = "",
    now: datetime.datetime | None = None,
) -> Decision:
    """Record a vote taken in a meeting and decide the request with it.

    Give either the tally (a Tally) or each member's vote (`votes`: {person: choice}). The
    mover and seconder are two members who may vote.
    """
    now = now or timezone.now()
    if not by.has_perm("approvals.record_meeting_vote", request):
        raise PermissionDenied
    request = ApprovalRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != ApprovalRequest.Status.OPEN:
        raise ValidationError(_("This request was already decided or cancelled."))
    if meeting is not None and meeting.group_id != request.body_id:
        raise ValidationError(
            {"meeting": _("Choose a meeting of %(body)s.") % {"body": request.body}}
        )
    voters = set(
        request.eligible_voters.exclude(
            person_id__in=request.conflicts.values("person_id")
        ).values_list("person_id", flat=True)
    )
    errors: dict[str, StrOrPromise] = {}
    if mover is None or mover.pk not in voters:
        errors["mover"] = _("The mover is a member who may vote on this request.")
    if seconder is None or seconder.pk not in voters:
        errors["seconder"] = _("The seconder is a member who may vote on this request.")
    elif mover is not None and mover.pk == seconder.pk:
        errors["seconder"] = _("The mover and the seconder are two people.")
    if errors:
        raise ValidationError(errors)
    if votes:
        if any(person.pk not in voters for person in votes):
            raise ValidationError(_("Only the members who may vote have a vote to record."))
        Vote.objects.filter(request=request).delete()
        for person, choice in votes.items():
            _upsert_vote(
                request=request, voter=person, choice=choice, comment="", now=now, recorded_by=by
            )
        tally = None
    elif tally is None:
        raise ValidationError(_("Give the tally or each member's vote."))
    return approval_request_decide(
        request=request,
        by=by,
        now=now,
        method=Decision.Method.MEETING,
        tally=tally,
        meeting=meeting,
        mover=mover,
        seconder=seconder,
        recorded_by=by,
        comments=comments,
    )


# --- The clock: closing and reminders ---------------------------------------------------------


def approval_requests_close_due(*, now: datetime.datetime | None = None) -> list[Decision]:
    """Decide every open request past its closing time. One that cannot be decided (its plan
    changed state meanwhile) is logged and left open for staff, and does not stop the others."""
    now = now or timezone.now()
    decided: list[Decision] = []
    due = ApprovalRequest.objects.filter(status=ApprovalRequest.Status.OPEN, closes_at__lte=now)
    for request in due.order_by("closes_at"):
        try:
            decided.append(approval_request_decide(request=request, now=now))
        except ValidationError:
            logger.exception("Approval request %s could not be decided", request.pk)
    return decided


@transaction.atomic
def vote_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind the members who have not voted, 48 hours before a vote closes, once each."""
    now = now or timezone.now()
    requests = ApprovalRequest.objects.filter(
        status=ApprovalRequest.Status.OPEN,
        opens_at__lte=now,
        closes_at__gt=now,
        closes_at__lte=now + REMINDER_BEFORE,
    ).select_related("body")
    sent = 0
    for request in requests:
        waiting = (
            request.eligible_voters.exclude(person_id__in=request.votes.values("voter_id"))
            .exclude(person_id__in=request.conflicts.values("person_id"))
            .exclude(person_id__in=request.reminders.values("person_id"))
            .select_related("person")
        )
        people = [voter.person for voter in waiting]
        ReminderSent.objects.bulk_create(
            [ReminderSent(request=request, person=person, sent_at=now) for person in people]
        )

        def subject(request: ApprovalRequest = request) -> str:
            return _("Reminder: your vote on %(subject)s closes on %(closes)s") % {
                "subject": request.subject,
                "closes": date_format(timezone.localtime(request.closes_at), "DATETIME_FORMAT"),
            }

        _email(
            people,
            subject=subject,
            template="approvals/email/reminder.txt",
            context={"request": request, "url": _request_url(request)},
        )
        sent += len(people)
    return sent
