"""Every write of the action plans: progress updates, approvals, reporting periods, reminders."""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import markdown
import nh3
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Model, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core import page_cache
from core.fiscal import FiscalYear
from core.mail import email_send
from partners.models import User

from .models import (
    ActionItem,
    AnnualActionPlan,
    ApprovalStatus,
    CommunityActionPlan,
    Indicator,
    IndicatorValue,
    ItemStatus,
    ProgressUpdate,
    ReminderSent,
    ReminderToPerson,
    ReportingPeriod,
    RollUp,
    StrategicDirection,
)
from .rollups import ItemState, RollUpKey, aggregate, deltas

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise

    from approvals.models import Decision

    from .csv_io import ImportRow

NARRATIVE_MAX_LENGTH = 5000
ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
REMINDER_DAYS_BEFORE = 7


def narrative_to_html(text: str | None) -> str:
    """A little Markdown (emphasis, lists, links) as HTML with everything else stripped."""
    html = markdown.markdown(text or "", output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener",
    )


# --- Progress updates -----------------------------------------------------------------------


class StaleItemError(ValidationError):
    """Someone else reported on the item after the form was opened."""

    def __init__(self, item: ActionItem) -> None:
        self.item = item
        self.latest_update = item.latest_update
        super().__init__(
            _(
                "Someone else reported on this item while you were writing, so your update "
                "was not saved. Read their update, then save yours again if it still holds."
            ),
            code="stale",
        )


def _validate_update(
    *,
    item: ActionItem,
    status: str,
    percent: int,
    narrative: str | None,
    period: ReportingPeriod | None,
) -> None:
    errors: dict[str, StrOrPromise] = {}
    if status not in ItemStatus.values:
        errors["status"] = _("Choose a status from the list.")
    if not isinstance(percent, int) or not 0 <= percent <= 100:
        errors["percent"] = _("The percent complete is a whole number from 0 to 100.")
    if len(narrative or "") > NARRATIVE_MAX_LENGTH:
        errors["narrative"] = _("The narrative is limited to %(max)s characters.") % {
            "max": NARRATIVE_MAX_LENGTH
        }
    if status == ItemStatus.COMPLETED and percent != 100 and "percent" not in errors:
        # xgettext:no-python-format
        errors["percent"] = _("A completed item is 100% complete.")
    if errors:
        raise ValidationError(errors)
    if period is None:
        raise ValidationError(
            _("No reporting period is open: updates can be recorded once staff open the next one.")
        )
    if period.state != ReportingPeriod.State.OPEN:
        raise ValidationError(
            _("The reporting period %(period)s is locked: it takes no more updates.")
            % {"period": period},
            code="locked",
        )
    if item.annual_plan.fiscal_year != period.fiscal_year:
        raise ValidationError(
            _("This item belongs to FY %(item_year)s; the open period is %(period)s.")
            % {"item_year": FiscalYear(item.annual_plan.fiscal_year).display, "period": period}
        )


@transaction.atomic
def progress_update_create(
    *,
    item: ActionItem,
    author: User,
    status: str,
    percent: int,
    narrative: str | None,
    seen_version: int,
    period: ReportingPeriod | None = None,
    source: str = ProgressUpdate.Source.FORM,
    now: datetime.datetime | None = None,
) -> ProgressUpdate:
    """Record a progress update and make it the item's current status and percent.

    `seen_version` is the item's version when the person opened the form (or exported the
    spreadsheet). If the item changed since, nothing is saved and StaleItemError says so.
    `period` defaults to the open reporting period; a locked period takes no updates.
    `now` (default: now) is when it was recorded.
    """
    if not author.has_perm("actionplans.report_on_item", item):
        raise PermissionDenied
    if period is None:
        period = ReportingPeriod.objects.filter(state=ReportingPeriod.State.OPEN).first()
    else:
        # Read the period again inside the transaction: it may have been locked meanwhile.
        period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    _validate_update(item=item, status=status, percent=percent, narrative=narrative, period=period)
    assert period is not None  # _validate_update refuses an update with no open period
    # The item as it stands, locked until commit: what its roll-ups counted until now.
    before = _item_state_for_update(item.pk)
    if before is None or before[1] != seen_version:
        current = ActionItem.objects.select_related("latest_update__author").get(pk=item.pk)
        raise StaleItemError(current)
    update = ProgressUpdate.objects.create(
        item=item,
        author=author,
        reporting_period=period,
        status=status,
        percent=percent,
        narrative=narrative or "",
        narrative_html=narrative_to_html(narrative),
        source=source,
        created_at=now or timezone.now(),
    )
    # One conditional UPDATE: it changes the item only if nobody else did since seen_version,
    # on every database, without holding a lock while the person types.
    # The conditional UPDATE still guards databases that ignore the row lock (SQLite writes
    # one transaction at a time anyway).
    changed = ActionItem.objects.filter(pk=item.pk, version=seen_version).update(
        status=status, percent=percent, version=F("version") + 1, latest_update=update
    )
    page_cache.content_changed()  # the UPDATE above sends no signal
    if not changed:
        current = ActionItem.objects.select_related("latest_update__author").get(pk=item.pk)
        raise StaleItemError(current)
    item.status, item.percent, item.version = status, percent, seen_version + 1
    item.latest_update = update
    state = before[0]
    rollups_apply_change(
        before=state,
        after=ItemState(
            annual_plan_id=state.annual_plan_id,
            direction_id=state.direction_id,
            pillar_id=state.pillar_id,
            status=status,
            percent=percent,
            weight=state.weight,
        ),
    )
    return update


def _item_state_for_update(pk: int) -> tuple[ItemState, int] | None:
    """(ItemState, version) of the item, its row locked until commit; None when it is gone."""
    row = (
        ActionItem.objects.select_for_update(of=("self",))
        .filter(pk=pk)
        .values_list(
            "annual_plan_id",
            "strategic_direction_id",
            "strategic_direction__pillar_id",
            "status",
            "percent",
            "weight",
            "version",
        )
        .first()
    )
    if row is None:
        return None
    return ItemState(*row[:6]), row[6]


# --- Action items (the back office's form) and their roll-ups --------------------------------

# Only a progress update changes these; the item form must not write back what it read.
_ITEM_FIELDS_OF_UPDATES = {"id", "status", "percent", "version", "latest_update"}


def _require(by: User | AnonymousUser | None, permission: str) -> None:
    if by is None or not by.has_perm(permission):
        raise PermissionDenied


@transaction.atomic
def action_item_save(*, item: ActionItem, by: User | None) -> ActionItem:
    """Add an item, or save a change to its plan, direction, weight or texts, and move the
    roll-ups it counts in. Status and percent stay those of its latest progress update."""
    _require(by, "actionplans.add_item" if item.pk is None else "actionplans.edit_item")
    if item.pk is None:
        item.save()
        rollups_apply_change(before=None, after=ItemState.of(item))
        return item
    found = _item_state_for_update(item.pk)
    if found is None:
        raise ValidationError(_("This action item no longer exists."))
    before = found[0]
    item.status, item.percent = before.status, before.percent
    item.save(
        update_fields=[
            field.name
            for field in ActionItem._meta.concrete_fields
            if field.name not in _ITEM_FIELDS_OF_UPDATES
        ]
    )
    rollups_apply_change(before=before, after=ItemState.of(item))
    return item


@transaction.atomic
def action_item_delete(*, item: ActionItem, by: User | None) -> None:
    """Delete an item nobody reported on (one with updates is protected), and its counts."""
    _require(by, "actionplans.remove_item")
    found = _item_state_for_update(item.pk)
    if found is None:
        return
    item.delete()
    rollups_apply_change(before=found[0], after=None)


@transaction.atomic
def strategic_direction_save(
    *, direction: StrategicDirection, by: User | None
) -> StrategicDirection:
    """Save a direction from the back office; moving it to another pillar moves its items'
    progress with it."""
    _require(
        by, "actionplans.add_direction" if direction.pk is None else "actionplans.edit_direction"
    )
    moved = (
        direction.pk is not None
        and type(direction)
        .objects.filter(pk=direction.pk)
        .exclude(pillar_id=direction.pillar_id)
        .exists()
    )
    direction.save()
    if moved:
        plans = ActionItem.objects.filter(strategic_direction=direction).values("annual_plan")
        for annual_plan in AnnualActionPlan.objects.filter(pk__in=plans):
            rollups_rebuild(annual_plan=annual_plan)
    return direction


@transaction.atomic
def strategic_direction_delete(*, direction: StrategicDirection, by: User) -> None:
    """Delete a direction recorded in error (one with items or indicators is protected)."""
    _require(by, "actionplans.remove_direction")
    direction.delete()


# --- The plans, indicators and reporting periods (the back office's forms) -------------------


def _validated_save[M: Model](obj: M) -> M:
    """Save a record after holding it to its model's rules (constraints, unique fields), as
    ValidationError: the back office's form checked them already; any other caller is held to
    them here."""
    obj.validate_unique()
    obj.validate_constraints()
    obj.save()
    return obj


@transaction.atomic
def community_plan_save(*, plan: CommunityActionPlan, by: User) -> CommunityActionPlan:
    """Add the multi-year plan, or change its title, summary and years."""
    _require(by, "actionplans.start_plan" if plan.pk is None else "actionplans.edit_plan")
    return _validated_save(plan)


@transaction.atomic
def community_plan_delete(*, plan: CommunityActionPlan, by: User) -> None:
    """Delete a plan recorded in error (one with directions or indicators is protected)."""
    _require(by, "actionplans.remove_plan")
    plan.delete()


@transaction.atomic
def annual_plan_save(*, plan: AnnualActionPlan, by: User) -> AnnualActionPlan:
    """Add an annual plan, or change its texts and years. Its approval status changes only by a
    recorded Council decision, never here."""
    _require(
        by, "actionplans.start_annual_plan" if plan.pk is None else "actionplans.edit_annual_plan"
    )
    if plan.pk is not None:
        stored = AnnualActionPlan.objects.select_for_update().get(pk=plan.pk)
        plan.status, plan.approved_on = stored.status, stored.approved_on
    return _validated_save(plan)


@transaction.atomic
def annual_plan_delete(*, plan: AnnualActionPlan, by: User) -> None:
    """Delete an annual plan recorded in error, with its stored progress figures."""
    _require(by, "actionplans.remove_annual_plan")
    plan.delete()


@transaction.atomic
def indicator_save(*, indicator: Indicator, by: User) -> Indicator:
    """Define an indicator of the plan, or change its name, unit, baseline and target."""
    _require(
        by, "actionplans.define_indicator" if indicator.pk is None else "actionplans.edit_indicator"
    )
    return _validated_save(indicator)


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by: User) -> None:
    """Delete an indicator recorded in error, with its values."""
    _require(by, "actionplans.remove_indicator")
    indicator.delete()


@transaction.atomic
def indicator_value_save(*, value: IndicatorValue, by: User) -> IndicatorValue:
    """Record an indicator's value for a fiscal year (overall, or for one category of a
    breakdown), or correct one. A year has one overall value."""
    _require(
        by,
        "actionplans.record_indicator_value"
        if value.pk is None
        else "actionplans.edit_indicator_value",
    )
    return _validated_save(value)


@transaction.atomic
def indicator_value_delete(*, value: IndicatorValue, by: User) -> None:
    """Delete an indicator's value recorded in error."""
    _require(by, "actionplans.remove_indicator_value")
    value.delete()


@transaction.atomic
def reporting_period_save(*, period: ReportingPeriod, by: User) -> ReportingPeriod:
    """Schedule a reporting period, or change its year, quarter and due date. It opens and
    locks only through reporting_period_open and reporting_period_lock."""
    _require(
        by, "actionplans.schedule_period" if period.pk is None else "actionplans.run_reporting"
    )
    if period.pk is not None:
        stored = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
        period.state = stored.state
        period.opened_at, period.locked_at = stored.opened_at, stored.locked_at
    return _validated_save(period)


@transaction.atomic
def reporting_period_delete(*, period: ReportingPeriod, by: User) -> None:
    """Delete a period recorded in error (one with updates is protected)."""
    _require(by, "actionplans.remove_period")
    period.delete()


def rollups_apply_change(*, before: ItemState | None, after: ItemState | None) -> None:
    """Move the stored roll-ups of an item from its state `before` to `after` (rollups.ItemState,
    or None for an item added or removed): a few atomic increments, safe when two partners
    report at the same moment. Call it inside the transaction that changes the item."""
    by_change: dict[tuple[tuple[str, int], ...], list[RollUpKey]] = {}
    for key, figures in deltas(before, after).items():
        by_change.setdefault(tuple(sorted(figures.items())), []).append(key)
    if not by_change:
        return
    keys = [key for group in by_change.values() for key in group]
    RollUp.objects.bulk_create(
        [RollUp(annual_plan_id=plan, level=level, object_id=pk) for plan, level, pk in keys],
        ignore_conflicts=True,
    )
    for change, group in by_change.items():
        where = functools.reduce(
            operator.or_,
            (Q(annual_plan_id=plan, level=level, object_id=pk) for plan, level, pk in group),
        )
        RollUp.objects.filter(where).update(
            **{figure: F(figure) + value for figure, value in change}
        )


@transaction.atomic
def rollups_rebuild(*, annual_plan: AnnualActionPlan | None = None, by: User | None = None) -> int:
    """Recompute the stored roll-ups from the items: of one annual plan, or of every plan.

    Run it after loading items or updates in bulk (seeds, imports that bypass the services).
    Returns the number of roll-up rows written.

    `by` is the person who asked (the back office's action), who must be allowed to recompute
    the figures. It is None only when the system rebuilds them: the seed and the demo data,
    and the services that call this after a write they already checked (a direction moved to
    another pillar, a plan approved by a recorded decision).
    """
    if by is not None:
        _require(by, "actionplans.recompute_progress")
    items = ActionItem.objects.all()
    existing = RollUp.objects.all()
    if annual_plan is not None:
        items = items.filter(annual_plan=annual_plan)
        existing = existing.filter(annual_plan=annual_plan)
    existing.delete()
    rows = aggregate(items)
    # A plan with no items still has its (empty) plan row.
    plans = (
        [annual_plan.pk]
        if annual_plan is not None
        else AnnualActionPlan.objects.values_list("pk", flat=True)
    )
    counted = {rollup.annual_plan_id for rollup in rows}
    rows += [
        RollUp(annual_plan_id=pk, level=RollUp.Level.PLAN, object_id=0)
        for pk in plans
        if pk not in counted
    ]
    RollUp.objects.bulk_create(rows, batch_size=500)
    return len(rows)


# --- Approvals (called from a recorded Council decision) --------------------------------------

_APPROVAL_MOVES = {
    "submit": ({ApprovalStatus.DRAFT, ApprovalStatus.RETURNED}, ApprovalStatus.SUBMITTED),
    "approve": ({ApprovalStatus.SUBMITTED}, ApprovalStatus.APPROVED),
    "return": ({ApprovalStatus.SUBMITTED}, ApprovalStatus.RETURNED),
}


def _move[P: (StrategicDirection, AnnualActionPlan)](
    obj: P, move: str, decided_on: datetime.date | None = None
) -> P:
    allowed_from, to = _APPROVAL_MOVES[move]
    current = type(obj).objects.select_for_update().get(pk=obj.pk)
    if current.status not in allowed_from:
        raise ValidationError(
            _("%(object)s is %(status)s: it cannot be %(move)s now.")
            % {
                "object": obj,
                "status": current.get_status_display().lower(),
                "move": {
                    "submit": _("submitted"),
                    "approve": _("approved"),
                    "return": _("returned"),
                }[move],
            }
        )
    obj.status = to
    obj.approved_on = decided_on if to == ApprovalStatus.APPROVED else None
    obj.save(update_fields=["status", "approved_on"])
    return obj


def _decision_date(decision: Decision | None) -> datetime.date:
    """The day the Council decided: the decision's own date when it has one."""
    for attribute in ("decided_on", "held_on", "date"):
        value = getattr(decision, attribute, None)
        if isinstance(value, datetime.date):
            return value
    return timezone.localdate()


@transaction.atomic
def strategic_direction_submit(*, direction: StrategicDirection) -> StrategicDirection:
    """Put a draft (or returned) direction before the Council."""
    return _move(direction, "submit")


@transaction.atomic
def strategic_direction_mark_approved(
    *, direction: StrategicDirection, decision: Decision | None
) -> StrategicDirection:
    """Record the Council's approval. Only a recorded decision calls this."""
    return _move(direction, "approve", _decision_date(decision))


@transaction.atomic
def strategic_direction_mark_returned(
    *, direction: StrategicDirection, decision: Decision | None
) -> StrategicDirection:
    """Record that the Council sent the direction back for changes."""
    return _move(direction, "return")


@transaction.atomic
def annual_plan_submit(*, plan: AnnualActionPlan) -> AnnualActionPlan:
    """Put a draft (or returned) annual plan before the Council."""
    return _move(plan, "submit")


@transaction.atomic
def annual_plan_mark_approved(
    *, plan: AnnualActionPlan, decision: Decision | None
) -> AnnualActionPlan:
    """Record the Council's approval: from then on the plan's items are public, with their
    roll-ups recomputed once."""
    plan = _move(plan, "approve", _decision_date(decision))
    rollups_rebuild(annual_plan=plan)
    return plan


@transaction.atomic
def annual_plan_mark_returned(
    *, plan: AnnualActionPlan, decision: Decision | None
) -> AnnualActionPlan:
    """Record that the Council sent the annual plan back for changes."""
    return _move(plan, "return")


# --- Reporting periods ------------------------------------------------------------------------


class OpeningNeedsConfirmation(ValidationError):
    """The period may be opened, but staff should know something first: its quarter has not
    started, or another period is open (opening locks it). `warnings` says what."""

    def __init__(self, warnings: list[StrOrPromise]) -> None:
        self.warnings = warnings
        super().__init__(warnings, code="confirm")


def _dashboard_url() -> str:
    """The address of a person's dashboard, in the active language."""
    base_url: str = settings.PORTAL_BASE_URL
    return base_url + reverse("dashboard")


@transaction.atomic
def reporting_period_open(
    *,
    period: ReportingPeriod,
    by: User,
    now: datetime.datetime | None = None,
    confirmed: bool = False,
) -> ReportingPeriod:
    """Open a scheduled period for updates (at `now`, default now) and email the people who
    report on its items, each in their language, with a link to their dashboard.

    Opening a quarter before it starts, or while another period is open, needs `confirmed`
    (OpeningNeedsConfirmation says why otherwise); a confirmed opening locks the other period
    first: only one period is open at a time."""
    from .selectors import reporting_period_opening_warnings

    if not by.has_perm("actionplans.run_reporting"):
        raise PermissionDenied
    now = now or timezone.now()
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.state != ReportingPeriod.State.SCHEDULED:
        raise ValidationError(
            _("%(period)s is %(state)s: only a scheduled period can be opened.")
            % {"period": period, "state": period.get_state_display().lower()}
        )
    warnings = reporting_period_opening_warnings(period=period, today=timezone.localdate(now))
    if warnings and not confirmed:
        raise OpeningNeedsConfirmation(warnings)
    for other in ReportingPeriod.objects.filter(state=ReportingPeriod.State.OPEN):
        reporting_period_lock(period=other, by=by, now=now)
    period.state = ReportingPeriod.State.OPEN
    period.opened_at = now
    try:
        with transaction.atomic():
            period.save(update_fields=["state", "opened_at"])
    except IntegrityError as error:
        raise ValidationError(_("Another reporting period is open: lock it first.")) from error
    _email_period_opened(period)
    return period


def _email_period_opened(period: ReportingPeriod) -> None:
    for person in _people_to_remind(period):
        with translation.override(person.preferred_language):
            context = {"person": person, "period": period, "dashboard_url": _dashboard_url()}
            email_send(
                subject=str(
                    _("%(period)s is open: progress reports are due on %(date)s")
                    % {"period": period, "date": period.due_date.isoformat()}
                ),
                body=render_to_string("actionplans/email/period_opened.txt", context),
                to=person.email,
            )


@transaction.atomic
def reporting_period_lock(
    *, period: ReportingPeriod, by: User, now: datetime.datetime | None = None
) -> ReportingPeriod:
    """Lock an open period (at `now`, default now): it takes no more updates."""
    if not by.has_perm("actionplans.run_reporting"):
        raise PermissionDenied
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.state != ReportingPeriod.State.OPEN:
        raise ValidationError(
            _("%(period)s is %(state)s: only an open period can be locked.")
            % {"period": period, "state": period.get_state_display().lower()}
        )
    period.state = ReportingPeriod.State.LOCKED
    period.locked_at = now or timezone.now()
    period.save(update_fields=["state", "locked_at"])
    return period


# --- Reminders --------------------------------------------------------------------------------


def _reminder_kind_due(period: ReportingPeriod, today: datetime.date) -> str | None:
    if today >= period.due_date:
        return ReminderSent.Kind.DUE_DAY
    if today >= period.due_date - datetime.timedelta(days=REMINDER_DAYS_BEFORE):
        return ReminderSent.Kind.WEEK_BEFORE
    return None


def _people_to_remind(period: ReportingPeriod) -> QuerySet[User]:
    from .selectors import people_to_remind

    return people_to_remind(period=period)


@transaction.atomic
def reporting_reminders_send(*, today: datetime.date | None = None) -> ReminderSent | None:
    """Email partner staff with items still to report: a week before the due date and on it.

    Each reminder goes out once per period, whatever how often the task runs: the
    ReminderSent row is written in the same transaction as the emails are queued.
    Returns the reminder recorded, or None.
    """
    today = today or timezone.localdate()
    period = ReportingPeriod.objects.filter(state=ReportingPeriod.State.OPEN).first()
    if period is None:
        return None
    kind = _reminder_kind_due(period, today)
    if kind is None:
        return None
    reminder, created = ReminderSent.objects.get_or_create(period=period, kind=kind)
    if not created:
        return None
    people = list(_people_to_remind(period))
    for person in people:
        with translation.override(person.preferred_language):
            context = {
                "person": person,
                "period": period,
                "kind": kind,
                "dashboard_url": settings.PORTAL_BASE_URL + reverse("dashboard"),
            }
            email_send(
                subject=str(
                    _("Progress reports for %(period)s are due on %(date)s")
                    % {"period": period, "date": date_format(period.due_date)}
                ),
                body=render_to_string("actionplans/email/reminder.txt", context),
                to=person.email,
            )
    reminder.recipient_count = len(people)
    reminder.save(update_fields=["recipient_count"])
    return reminder


@dataclass(frozen=True)
class RemindersSentNow:
    """Who staff's reminder went to, and who was left out: reminded today already."""

    sent: list[User]
    skipped: list[User]


@transaction.atomic
def reporting_reminder_send_now(
    *, period: ReportingPeriod, by: User, now: datetime.datetime | None = None
) -> RemindersSentNow:
    """Email a reminder now to the people who still have items to report in the open period,
    each in their language. Each person gets at most one reminder a day: those reminded today
    (by staff, or by the period's automatic reminder) are left out."""
    from .selectors import people_reminded_on

    if not by.has_perm("actionplans.run_reporting"):
        raise PermissionDenied
    now = now or timezone.now()
    today = timezone.localdate(now)
    # Under the period's row lock, two staff pressing the button at once send once.
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    if period.state != ReportingPeriod.State.OPEN:
        raise ValidationError(
            _("%(period)s is not open: reminders go out only while a period is open.")
            % {"period": period}
        )
    reminded = people_reminded_on(period=period, day=today)
    people = list(_people_to_remind(period))
    sent = [person for person in people if person.pk not in reminded]
    ReminderToPerson.objects.bulk_create(
        [
            ReminderToPerson(period=period, person=person, sent_on=today, sent_at=now, sent_by=by)
            for person in sent
        ]
    )
    for person in sent:
        with translation.override(person.preferred_language):
            context = {"person": person, "period": period, "dashboard_url": _dashboard_url()}
            email_send(
                subject=str(
                    _("Reminder: progress reports for %(period)s are due on %(date)s")
                    % {"period": period, "date": period.due_date.isoformat()}
                ),
                body=render_to_string("actionplans/email/reminder_now.txt", context),
                to=person.email,
            )
    return RemindersSentNow(
        sent=sent, skipped=[person for person in people if person.pk in reminded]
    )


# --- Bulk import ------------------------------------------------------------------------------


class ImportRejected(ValidationError):
    """The file had bad rows; nothing was imported. `errors` lists (line, message)."""

    def __init__(self, errors: list[tuple[int, StrOrPromise]]) -> None:
        self.errors = errors
        super().__init__(
            [
                _("Line %(line)s: %(message)s") % {"line": line, "message": message}
                for line, message in errors
            ]
        )


@transaction.atomic
def progress_updates_import(
    *, period: ReportingPeriod, author: User, rows: Sequence[ImportRow]
) -> list[ProgressUpdate]:
    """Record the filled-in rows of an exported spreadsheet as progress updates.

    `rows` are csv_io.ImportRow values, already parsed. Either every row is recorded, or none is
    and ImportRejected names each bad row by its line in the file.
    """
    if not author.has_perm("actionplans.run_reporting"):
        raise PermissionDenied
    if period.state != ReportingPeriod.State.OPEN:
        raise ValidationError(
            _("The reporting period %(period)s is not open: it takes no updates.")
            % {"period": period}
        )
    items = ActionItem.objects.select_related("annual_plan").in_bulk(
        [row.item_id for row in rows if row.item_id]
    )
    errors = [(row.line, message) for row in rows for message in row.errors]
    seen: set[int | None] = set()
    for row in rows:
        if row.errors:
            continue
        item = items.get(row.item_id)
        if item is None or item.annual_plan.fiscal_year != period.fiscal_year:
            errors.append(
                (row.line, _("no action item %(id)s in this period.") % {"id": row.item_id})
            )
        elif row.item_id in seen:
            errors.append((row.line, _("item %(id)s appears twice.") % {"id": row.item_id}))
        seen.add(row.item_id)
    if errors:
        raise ImportRejected(sorted(errors, key=lambda error: error[0]))
    created: list[ProgressUpdate] = []
    for row in rows:
        # No row has errors by now, so each was parsed whole.
        assert row.item_id is not None and row.percent is not None and row.version is not None
        try:
            created.append(
                progress_update_create(
                    item=items[row.item_id],
                    author=author,
                    status=row.status,
                    percent=row.percent,
                    narrative=row.narrative,
                    seen_version=row.version,
                    period=period,
                    source=ProgressUpdate.Source.IMPORT,
                )
            )
        except StaleItemError:
            errors.append(
                (
                    row.line,
                    _("item %(id)s was updated after the file was exported.") % {"id": row.item_id},
                )
            )
        except ValidationError as error:
            errors.extend((row.line, message) for message in error.messages)
    if errors:
        # Raising rolls back the updates already recorded above: all or nothing.
        raise ImportRejected(errors)
    return created
