"""Reads of the approvals, with who-may-see-what built in."""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from actionplans.models import ActionItem, AnnualActionPlan, ApprovalStatus, StrategicDirection

from . import services
from .models import ApprovalRequest, ConflictDeclaration, Decision, EligibleVoter, Vote

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise
    from simple_history.manager import HistoryManager

    from partners.models import User

# A record of django-simple-history (a generated model of the untyped package): the object's
# fields as they were, with history_id, history_date and history_type.
type HistoricalRecord = Any

# --- The request page -----------------------------------------------------------------------


def request_get_for_view(*, user: User | AnonymousUser, pk: int) -> ApprovalRequest:
    """A request with what its page shows; 404 when missing, PermissionDenied unless the person
    is staff or a member of the body asked."""
    request = (
        ApprovalRequest.objects.select_related(
            "body",
            "annual_plan__plan",
            "submitted_by",
            "endorsement__body",
            "endorsement__decision",
            "endorsement__annual_plan",
        )
        .prefetch_related(
            Prefetch(
                "directions",
                queryset=StrategicDirection.objects.select_related("pillar").order_by("code"),
            ),
            Prefetch(
                "endorsement__directions",
                queryset=StrategicDirection.objects.order_by("code"),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise Http404
    if not user.has_perm("approvals.view_request", request):
        raise PermissionDenied
    return request


def request_get_for_meeting_vote(*, user: User | AnonymousUser, pk: int) -> ApprovalRequest:
    """A request whose meeting vote the person may record (PermissionDenied otherwise)."""
    request = request_get_for_view(user=user, pk=pk)
    if not user.has_perm("approvals.record_meeting_vote", request):
        raise PermissionDenied
    return request


@dataclass
class VoterRow:
    person: User
    role: str
    vote: Vote | None = None
    # The declaration on the request's page; True on a decision's page (declared, not shown).
    conflict: ConflictDeclaration | bool | None = None


@dataclass
class RequestRecord:
    """Who could vote, who declared a conflict, and how each member voted so far."""

    voters: list[VoterRow]
    my_vote: Vote | None
    my_conflict: ConflictDeclaration | None
    is_eligible: bool
    voted_count: int
    waiting_count: int
    conflicts: list[ConflictDeclaration]
    comments: list[VoterRow]
    quorum: str = ""


def request_record(*, request: ApprovalRequest, user: User) -> RequestRecord:
    voters = list(
        EligibleVoter.objects.filter(request=request)
        .select_related("person__organization")
        .order_by("person__display_name", "person__email")
    )
    votes = {vote.voter_id: vote for vote in Vote.objects.filter(request=request)}
    conflicts = {
        conflict.person_id: conflict
        for conflict in ConflictDeclaration.objects.filter(request=request)
    }
    rows = [
        VoterRow(
            person=voter.person,
            role=voter.get_role_display(),
            vote=votes.get(voter.person_id),
            conflict=conflicts.get(voter.person_id),
        )
        for voter in voters
    ]
    people = {row.person.pk: row.person for row in rows}
    for conflict in conflicts.values():
        conflict.person = people.get(conflict.person_id, conflict.person)
    comments = sorted((row for row in rows if row.vote and row.vote.comment), key=_cast_at)
    eligible_count = len(rows) - len(conflicts)
    return RequestRecord(
        quorum=quorum_in_words(request=request, eligible_count=eligible_count),
        voters=rows,
        my_vote=votes.get(user.pk),
        my_conflict=conflicts.get(user.pk),
        is_eligible=user.pk in people,
        voted_count=len(votes),
        waiting_count=sum(1 for row in rows if not row.vote and not row.conflict),
        conflicts=[conflicts[pk] for pk in conflicts],
        comments=comments,
    )


def _cast_at(row: VoterRow) -> datetime.datetime:
    assert row.vote is not None  # only rows with a vote are sorted by it
    return row.vote.cast_at


# The usual quorum shares, in words; any other reads as a percentage.
QUORUM_SHARES = {
    Decimal("0.25"): _("a quarter"),
    Decimal("0.33"): _("a third"),
    Decimal("0.50"): _("half"),
    Decimal("0.66"): _("two thirds"),
    Decimal("0.67"): _("two thirds"),
    Decimal("0.75"): _("three quarters"),
    Decimal("1.00"): _("all"),
}


def quorum_in_words(*, request: ApprovalRequest, eligible_count: int) -> str:
    """The request's quorum as a sentence: "half of the 14 eligible members (7 needed)", or
    "7 members" when it is a fixed number."""
    if request.quorum_count:
        return ngettext("%(count)s member", "%(count)s members", request.quorum_count) % {
            "count": request.quorum_count
        }
    fraction = Decimal(request.quorum_fraction).quantize(Decimal("0.01"))
    share = QUORUM_SHARES.get(fraction) or _("%(percent)s%%") % {
        "percent": formats.number_format(fraction * 100, decimal_pos=0)
    }
    required = services.quorum_required(
        eligible_count=eligible_count, quorum_fraction=request.quorum_fraction
    )
    return ngettext(
        "%(share)s of the %(count)s eligible member (%(required)s needed)",
        "%(share)s of the %(count)s eligible members (%(required)s needed)",
        eligible_count,
    ) % {"share": share, "count": eligible_count, "required": required}


# --- What changed since the last approved version --------------------------------------------


@dataclass
class FieldChange:
    label: StrOrPromise
    segments: list[tuple[str, str]]  # [(op, text)]: op is "same", "removed" or "added"


@dataclass
class Changes:
    subject: StrategicDirection | AnnualActionPlan
    since: HistoricalRecord | None  # the historical record compared with, or None
    since_kind: str  # "approved", "returned" or "" (never put before the Council)
    since_on: datetime.date | None = None  # the day the Council approved or returned that version
    fields: list[FieldChange] = field(default_factory=list)
    items_added: list[HistoricalRecord] = field(default_factory=list)
    items_changed: list[HistoricalRecord] = field(default_factory=list)
    items_removed: list[HistoricalRecord] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.fields or self.items_added or self.items_changed or self.items_removed)


def word_diff(old: str | None, new: str | None) -> list[tuple[str, str]]:
    """[(op, text)] turning `old` into `new`, word by word."""
    old_words, new_words = (old or "").split(), (new or "").split()
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(("same", " ".join(old_words[i1:i2])))
            continue
        if tag in ("replace", "delete"):
            segments.append(("removed", " ".join(old_words[i1:i2])))
        if tag in ("replace", "insert"):
            segments.append(("added", " ".join(new_words[j1:j2])))
    return segments


def _field_changes(
    obj: StrategicDirection | AnnualActionPlan,
    base: HistoricalRecord,
    fields: Sequence[tuple[str, StrOrPromise]],
) -> list[FieldChange]:
    changes = []
    for name, label in fields:
        old, new = getattr(base, name, ""), getattr(obj, name, "")
        if (old or "") != (new or ""):
            changes.append(FieldChange(label, word_diff(old, new)))
    return changes


def _baseline(history: HistoryManager) -> tuple[HistoricalRecord | None, str]:
    """The version the Council last approved, else the one it last sent back: the record
    written when the status became approved (or returned), not later edits made in that state."""
    records = list(
        history.order_by("history_date", "history_id").values_list("history_id", "status")
    )
    for wanted in (ApprovalStatus.APPROVED, ApprovalStatus.RETURNED):
        found = None
        for index, (history_id, status) in enumerate(records):
            if status == wanted and (index == 0 or records[index - 1][1] != wanted):
                found = history_id
        if found is not None:
            return history.get(history_id=found), str(wanted)
    return None, ""


def _decided_on(
    base: HistoricalRecord | None, kind: str, subject_filter: Q
) -> datetime.date | None:
    """The day of the Council decision that approved (or returned) the version `base`: the
    latest such decision recorded before it. The record's own time is when the status was
    written, which is not the decision's day for a decision recorded after the fact."""
    if base is None:
        return None
    outcome = Decision.Outcome.APPROVED if kind == "approved" else Decision.Outcome.REJECTED
    decision = (
        Decision.objects.filter(
            subject_filter,
            outcome=outcome,
            request__body__kind="council",
            decided_at__lte=base.history_date,
        )
        .order_by("-decided_at", "-pk")
        .values_list("decided_on", flat=True)
        .first()
    )
    return decision or timezone.localdate(base.history_date)


DIRECTION_FIELDS = [
    ("title_en", _("Title (English)")),
    ("title_fr", _("Title (French)")),
    ("description_en", _("Description (English)")),
    ("description_fr", _("Description (French)")),
]
PLAN_FIELDS = [("summary_en", _("Summary (English)")), ("summary_fr", _("Summary (French)"))]


def direction_changes(direction: StrategicDirection) -> Changes:
    base, kind = _baseline(direction.history)
    changes = Changes(
        subject=direction,
        since=base,
        since_kind=kind,
        since_on=_decided_on(base, kind, Q(request__directions=direction)),
    )
    if base is not None:
        changes.fields = _field_changes(direction, base, DIRECTION_FIELDS)
    return changes


def annual_plan_changes(plan: AnnualActionPlan) -> Changes:
    base, kind = _baseline(plan.history)
    changes = Changes(
        subject=plan,
        since=base,
        since_kind=kind,
        since_on=_decided_on(base, kind, Q(request__annual_plan=plan)),
    )
    if base is None:
        return changes
    changes.fields = _field_changes(plan, base, PLAN_FIELDS)
    first_record: dict[int, HistoricalRecord] = {}
    last_record: dict[int, HistoricalRecord] = {}
    for record in ActionItem.history.filter(
        annual_plan_id=plan.pk, history_date__gt=base.history_date
    ).order_by("history_date", "history_id"):
        first_record.setdefault(record.id, record)
        last_record[record.id] = record
    for item_id, first in first_record.items():
        last = last_record[item_id]
        if last.history_type == "-":
            if first.history_type != "+":
                changes.items_removed.append(last)
        elif first.history_type == "+":
            changes.items_added.append(last)
        else:
            changes.items_changed.append(last)
    return changes


def request_changes(request: ApprovalRequest) -> list[Changes]:
    """What changed, per direction or in the annual plan, since the last approved version."""
    if request.annual_plan is not None:
        return [annual_plan_changes(request.annual_plan)]
    return [direction_changes(direction) for direction in request.directions.all()]


def annual_plan_items(plan: AnnualActionPlan) -> list[ActionItem]:
    return list(
        plan.items.select_related("strategic_direction", "lead_organization").order_by(
            "strategic_direction__code", "pk"
        )
    )


# --- The dashboard ----------------------------------------------------------------------------


def open_seats(*, user: User) -> QuerySet[EligibleVoter]:
    """The person's places among the eligible voters of requests still open."""
    return EligibleVoter.objects.filter(person=user, request__status=ApprovalRequest.Status.OPEN)


def open_requests_for_member(
    *, user: User | AnonymousUser | None, now: datetime.datetime | None = None
) -> list[ApprovalRequest]:
    """Open requests the person may vote on, soonest closing first, each flagged `has_voted`
    and `has_conflict`, with `time_left` (a timedelta)."""
    if not (user and user.is_authenticated):
        return []
    # Most people on the dashboard (partner staff) have no vote: one cheap query tells.
    if not open_seats(user=user).exists():
        return []
    now = now or timezone.now()
    requests: list[ApprovalRequest] = list(
        ApprovalRequest.objects.filter(
            status=ApprovalRequest.Status.OPEN,
            opens_at__lte=now,
            closes_at__gt=now,
            eligible_voters__person=user,
        )
        .select_related("body", "annual_plan")
        .prefetch_related(
            Prefetch("directions", queryset=StrategicDirection.objects.order_by("code"))
        )
        .annotate(
            has_voted=Exists(Vote.objects.filter(request=OuterRef("pk"), voter=user)),
            has_conflict=Exists(
                ConflictDeclaration.objects.filter(request=OuterRef("pk"), person=user)
            ),
        )
        .order_by("closes_at", "pk")
    )
    for request in requests:
        request.time_left = request.closes_at - now
    return requests


# --- The decision log -------------------------------------------------------------------------


def _decisions() -> QuerySet[Decision]:
    return Decision.objects.select_related(
        "request__body", "request__annual_plan", "meeting", "mover", "seconder"
    ).prefetch_related(
        Prefetch(
            "request__directions",
            queryset=StrategicDirection.objects.order_by("code"),
        ),
    )


def decision_log() -> QuerySet[Decision]:
    """Every decision, newest first."""
    return _decisions().order_by("-decided_on", "-decided_at", "-pk")


@dataclass
class EndorsementOverride:
    """A Council vote staff let go ahead without the steering group's endorsement."""

    request: ApprovalRequest
    decision: Decision | None


def endorsement_overrides() -> list[EndorsementOverride]:
    """Every Council vote opened without the steering group's endorsement, newest first, with
    the reason staff gave and its decision once decided (published with the decision log)."""
    requests = (
        # Every override gives its reason in English (the service asks for it).
        ApprovalRequest.objects.exclude(endorsement_override_en__isnull=True)
        .exclude(endorsement_override_en="")
        .exclude(status=ApprovalRequest.Status.CANCELLED)
        .select_related("body", "decision")
        .prefetch_related(
            Prefetch("directions", queryset=StrategicDirection.objects.order_by("code"))
        )
        .order_by("-opens_at", "-pk")
    )
    # A request not decided yet has no decision: reading it raises an AttributeError.
    return [
        EndorsementOverride(request, getattr(request, "decision", None)) for request in requests
    ]


def decision_get_for_view(*, pk: int) -> Decision:
    decision = _decisions().select_related("request__endorsement__body").filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


def decision_record(decision: Decision) -> dict[str, Any]:
    """Who could vote and who declared a conflict (always public: they are the quorum); how
    each voted only when the body's votes are public."""
    request = decision.request
    voters = list(
        EligibleVoter.objects.filter(request=request)
        .select_related("person")
        .order_by("person__display_name", "person__email")
    )
    conflicts = list(
        ConflictDeclaration.objects.filter(request=request)
        .select_related("person")
        .order_by("declared_at")
    )
    votes: dict[int, Vote] = {}
    if request.body.votes_are_public:
        votes = {vote.voter_id: vote for vote in Vote.objects.filter(request=request)}
    conflicted = {conflict.person_id for conflict in conflicts}
    return {
        "voters": [
            VoterRow(
                person=voter.person,
                role=voter.get_role_display(),
                vote=votes.get(voter.person_id),
                conflict=voter.person_id in conflicted or None,
            )
            for voter in voters
        ],
        "conflicts": conflicts,
        "votes_public": request.body.votes_are_public,
    }


# --- Approving decisions ------------------------------------------------------------------------


def _approving(filter_q: Q) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(
            filter_q,
            outcome=Decision.Outcome.APPROVED,
            request__body__kind="council",
        )
        .select_related("request__body")
        .order_by("-decided_at", "-pk")
    )


def approving_decision(obj: object) -> Decision | None:
    """The Council decision that approved a strategic direction or an annual plan, or None."""
    if obj is None or getattr(obj, "status", None) != ApprovalStatus.APPROVED:
        return None
    if isinstance(obj, StrategicDirection):
        return _approving(Q(request__directions=obj)).first()
    if isinstance(obj, AnnualActionPlan):
        return _approving(Q(request__annual_plan=obj)).first()
    raise TypeError(f"Nothing is approved by a decision for {type(obj).__name__}")


def approving_decisions_for_directions(
    directions: Iterable[StrategicDirection],
) -> dict[int, Decision]:
    """{direction pk: Decision} for many directions in one query."""
    ids = [d.pk for d in directions if d.status == ApprovalStatus.APPROVED]
    found: dict[int, Decision] = {}
    if not ids:
        return found
    through = ApprovalRequest.directions.through
    links = through.objects.filter(
        strategicdirection_id__in=ids,
        approvalrequest__decision__outcome=Decision.Outcome.APPROVED,
        approvalrequest__body__kind="council",
    ).values_list("strategicdirection_id", "approvalrequest__decision")
    decisions = Decision.objects.select_related("request__body").in_bulk(
        {decision_id for _direction, decision_id in links}
    )
    for direction_id, decision_id in links:
        decision = decisions[decision_id]
        current = found.get(direction_id)
        if current is None or decision.decided_at > current.decided_at:
            found[direction_id] = decision
    return found
