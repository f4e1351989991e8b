"""Reads of the action plans, with who-may-see-what built in."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict, cast

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from core import charts
from core.charts import LineChart
from core.fiscal import FiscalYear
from core.suppression import Cell, suppress_series
from partners.models import Organization, User

from .models import (
    FINISHED_STATUSES,
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
from .rollups import FIGURES, aggregate

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django_stubs_ext import StrOrPromise, WithAnnotations

    from pillars.models import Pillar

    class PeriodFlags(TypedDict):
        """What `dashboard_items` annotates each item with."""

        reported_in_period: bool
        needs_report: bool

    type FlaggedItem = WithAnnotations[ActionItem, PeriodFlags]

# Whoever reads: a signed-in person, an anonymous visitor, or nobody (a task or a cached page).
type Viewer = User | AnonymousUser | None


def _can_view_drafts(user: Viewer) -> bool:
    return user is not None and user.has_perm("actionplans.view_draft_plans")


def visible_items(*, user: Viewer) -> QuerySet[ActionItem]:
    """Items of approved annual plans, and drafts too for signed-in partners and staff."""
    items = ActionItem.objects.all()
    if not _can_view_drafts(user):
        items = items.filter(annual_plan__status=ApprovalStatus.APPROVED)
    return items


def community_plan_for_year(fiscal_year: FiscalYear) -> CommunityActionPlan | None:
    """The Community Action Plan that covers a fiscal year, or None."""
    return (
        CommunityActionPlan.objects.filter(
            first_year__lte=fiscal_year.start_year, last_year__gte=fiscal_year.start_year
        )
        .order_by("-first_year")
        .first()
    )


def annual_plan_for_year(*, user: Viewer, fiscal_year: FiscalYear) -> AnnualActionPlan | None:
    """The annual plan of a fiscal year, if it exists and the person may see it."""
    plan = AnnualActionPlan.objects.filter(fiscal_year=fiscal_year.start_year).first()
    if plan and not plan.is_public and not _can_view_drafts(user):
        return None
    return plan


def plan_years_visible(*, user: Viewer) -> list[FiscalYear]:
    """The fiscal years that have an annual plan the person may see, newest first: approved
    plans for everyone, drafts too for those who may view them."""
    plans = AnnualActionPlan.objects.order_by("-fiscal_year")
    if not _can_view_drafts(user):
        plans = plans.filter(status=ApprovalStatus.APPROVED)
    return [FiscalYear(year) for year in plans.values_list("fiscal_year", flat=True)]


def directions_for_plan(*, user: Viewer, plan: CommunityActionPlan) -> QuerySet[StrategicDirection]:
    """The plan's strategic directions, approved ones only for the public."""
    directions = plan.directions.select_related("pillar").order_by("pillar__order", "code")
    if not _can_view_drafts(user):
        directions = directions.filter(status=ApprovalStatus.APPROVED)
    return directions


def progress_rollup(
    items: QuerySet[ActionItem],
) -> tuple[dict[int, RollUp], dict[int, RollUp]]:
    """Weighted mean of percent complete, per direction and per pillar, computed in the database
    from these items (the frozen reports use it; live pages read the stored `plan_rollups`).

    Each item counts `weight` times; cancelled items are left out. Returns two dicts of RollUp:
    by direction id and by pillar id.
    """
    by_level: dict[str, dict[int, RollUp]] = {RollUp.Level.DIRECTION: {}, RollUp.Level.PILLAR: {}}
    for rollup in aggregate(items):
        found = by_level.get(rollup.level)
        if found is None:
            continue
        merged = found.setdefault(
            rollup.object_id, RollUp(level=rollup.level, object_id=rollup.object_id)
        )
        for figure in FIGURES:
            setattr(merged, figure, getattr(merged, figure) + getattr(rollup, figure))
    return by_level[RollUp.Level.DIRECTION], by_level[RollUp.Level.PILLAR]


@dataclass(frozen=True)
class PlanRollups:
    """An annual plan's stored roll-ups: the whole plan, by pillar id, by direction id."""

    plan: RollUp
    by_pillar: dict[int, RollUp]
    by_direction: dict[int, RollUp]


def plan_rollups(annual_plan: AnnualActionPlan | None) -> PlanRollups:
    """The annual plan's stored roll-ups, in one query (none for no plan)."""
    empty = RollUp(level=RollUp.Level.PLAN, object_id=0)
    if annual_plan is None:
        return PlanRollups(empty, {}, {})
    rows: dict[str, dict[int, RollUp]] = {
        RollUp.Level.PLAN: {},
        RollUp.Level.PILLAR: {},
        RollUp.Level.DIRECTION: {},
    }
    for rollup in RollUp.objects.filter(annual_plan=annual_plan):
        rows[rollup.level][rollup.object_id] = rollup
    return PlanRollups(
        plan=rows[RollUp.Level.PLAN].get(0, empty),
        by_pillar=rows[RollUp.Level.PILLAR],
        by_direction=rows[RollUp.Level.DIRECTION],
    )


@dataclass
class YearAtAGlance:
    fiscal_year: FiscalYear
    percent: int | None
    item_count: int
    status_counts: list[tuple[str, StrOrPromise, int]]


def year_at_a_glance() -> YearAtAGlance | None:
    """This fiscal year's approved plan in figures, read from its stored roll-up (two queries),
    or None when it is not published."""
    fiscal_year = FiscalYear.current()
    plan = annual_plan_for_year(user=None, fiscal_year=fiscal_year)
    if plan is None:
        return None
    rollup = RollUp.objects.filter(annual_plan=plan, level=RollUp.Level.PLAN, object_id=0).first()
    rollup = rollup or RollUp(level=RollUp.Level.PLAN, object_id=0)
    return YearAtAGlance(
        fiscal_year=fiscal_year,
        percent=rollup.percent,
        item_count=rollup.status_total,
        status_counts=rollup.status_counts(),
    )


@dataclass(frozen=True)
class PillarProgress:
    """A pillar's strategic directions in the plan of this fiscal year, each with its stored
    roll-up for the year, and the pillar's own."""

    fiscal_year: FiscalYear
    rollup: RollUp
    directions: list[tuple[StrategicDirection, RollUp]]


def pillar_progress(*, pillar: Pillar, user: Viewer) -> PillarProgress | None:
    """What the pillar's public page shows of the plan (four queries, whatever the number of
    directions or items): None when no Community Action Plan covers this fiscal year. Progress
    is read from the year's stored roll-ups, so it is empty until the annual plan is public."""
    fiscal_year = FiscalYear.current()
    plan = community_plan_for_year(fiscal_year)
    if plan is None:
        return None
    annual_plan = annual_plan_for_year(user=user, fiscal_year=fiscal_year)
    directions = list(directions_for_plan(user=user, plan=plan).filter(pillar=pillar))
    by_direction: dict[int, RollUp] = {}
    pillar_rollup = RollUp(level=RollUp.Level.PILLAR, object_id=pillar.pk)
    if annual_plan is not None:
        rollups = RollUp.objects.filter(annual_plan=annual_plan).filter(
            Q(level=RollUp.Level.PILLAR, object_id=pillar.pk)
            | Q(level=RollUp.Level.DIRECTION, object_id__in=[d.pk for d in directions])
        )
        for rollup in rollups:
            if rollup.level == RollUp.Level.PILLAR:
                pillar_rollup = rollup
            else:
                by_direction[rollup.object_id] = rollup
    empty = RollUp(level=RollUp.Level.DIRECTION)
    return PillarProgress(
        fiscal_year=fiscal_year,
        rollup=pillar_rollup,
        directions=[(d, by_direction.get(d.pk, empty)) for d in directions],
    )


def status_counts(items: QuerySet[ActionItem]) -> list[tuple[str, StrOrPromise, int]]:
    """[(status value, label, count)] for every status, zeros included, in one query."""
    counts = items.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in ItemStatus.values}
    )
    return [(value, label, counts[value]) for value, label in ItemStatus.choices]


def plan_items(*, user: Viewer, annual_plan: AnnualActionPlan) -> QuerySet[ActionItem]:
    """The annual plan's items the person may see, with what the tracker shows loaded."""
    return (
        visible_items(user=user)
        .filter(annual_plan=annual_plan)
        .select_related("strategic_direction__pillar", "lead_organization", "owning_group")
    )


def action_item_get_for_view(*, user: Viewer, pk: int) -> ActionItem:
    """An item with its people; 404 when missing or not visible to the person. Its timeline
    is read a page at a time with `item_updates`."""
    item = (
        visible_items(user=user)
        .select_related(
            "annual_plan",
            "strategic_direction__pillar",
            "lead_organization",
            "owning_group",
        )
        .prefetch_related("partner_organizations")
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    return item


ITEM_UPDATES_PER_PAGE = 20


def item_updates(item: ActionItem) -> QuerySet[ProgressUpdate]:
    """The item's progress updates, newest first, with what the timeline shows loaded."""
    return (
        ProgressUpdate.objects.filter(item=item)
        .select_related("author__organization", "reporting_period")
        .order_by("-created_at", "-pk")
    )


def pillar_progress_updates(*, pillar: Pillar, limit: int) -> list[ProgressUpdate]:
    """The latest progress updates on the pillar's items that the public sees (those of
    approved annual plans, as on the item's page), newest first, with the item and the
    author's organization: one query."""
    return list(
        ProgressUpdate.objects.filter(
            item__in=visible_items(user=None), item__strategic_direction__pillar=pillar
        )
        .select_related("item", "author__organization")
        .order_by("-created_at", "-pk")[:limit]
    )


def action_item_get_for_update(*, user: User | AnonymousUser, pk: int) -> ActionItem:
    """The item a person is about to report on; PermissionDenied unless they may."""
    item = (
        ActionItem.objects.select_related(
            "annual_plan",
            "strategic_direction",
            "lead_organization",
            "latest_update__author",
        )
        .filter(pk=pk)
        .first()
    )
    if item is None:
        raise Http404
    if not user.has_perm("actionplans.report_on_item", item):
        raise PermissionDenied
    return item


def open_reporting_period() -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(state=ReportingPeriod.State.OPEN).first()


def reporting_period_list_for_staff(*, user: User | AnonymousUser) -> QuerySet[ReportingPeriod]:
    """Every reporting period, newest first, with its reminder and update counts."""
    if not user.has_perm("actionplans.run_reporting"):
        raise PermissionDenied
    return ReportingPeriod.objects.annotate(
        reminders_sent=Count("reminders", distinct=True),
        update_count=Count("updates", distinct=True),
    ).order_by("-fiscal_year", "-quarter")


def reporting_period_get_for_staff(*, user: User | AnonymousUser, pk: int) -> ReportingPeriod:
    if not user.has_perm("actionplans.run_reporting"):
        raise PermissionDenied
    period = ReportingPeriod.objects.filter(pk=pk).first()
    if period is None:
        raise Http404
    return period


DASHBOARD_ITEMS_PER_PAGE = 25


def dashboard_items(*, user: User, period: ReportingPeriod | None) -> QuerySet[FlaggedItem]:
    """Items the person reports on: their organization leads or partners on them, or they chair
    the owning group. For the open period's fiscal year (else the current one), each annotated
    `reported_in_period` and `needs_report`, those still to report first. A queryset; the
    dashboard reads it a page at a time with `dashboard_page`."""
    fiscal_year = period.fiscal_year if period else FiscalYear.current().start_year
    from .rules import active_chair_filter

    chaired_groups = user.memberships.filter(active_chair_filter()).values("group_id")
    mine = Q(owning_group_id__in=chaired_groups)
    if user.organization_id:
        # Subqueries, not a join over the partners: no duplicates to remove.
        partnered = ActionItem.partner_organizations.through.objects.filter(
            organization_id=user.organization_id
        ).values("actionitem_id")
        mine |= Q(lead_organization_id=user.organization_id) | Q(pk__in=partnered)
    items = _with_period_flags(
        ActionItem.objects.filter(mine, annual_plan__fiscal_year=fiscal_year).select_related(
            "strategic_direction"
        ),
        period,
    )
    return items.order_by(
        F("needs_report").desc(),
        "strategic_direction__pillar__order",
        "strategic_direction__code",
        "pk",
    )


def _with_period_flags(
    items: QuerySet[ActionItem], period: ReportingPeriod | None
) -> QuerySet[FlaggedItem]:
    if period is None:
        return items.annotate(
            reported_in_period=Value(False, output_field=BooleanField()),
            needs_report=Value(False, output_field=BooleanField()),
        )
    if period.state == ReportingPeriod.State.OPEN:
        # Updates go only into the open period, and nobody edits or deletes them: an item
        # has reported in the open period exactly when its latest update belongs to it. A
        # join on the item's pointer, not a search through every update of the period.
        reported: Case | Exists = Case(
            When(latest_update__reporting_period_id=period.pk, then=True),
            default=False,
            output_field=BooleanField(),
        )
    else:
        reported = Exists(
            ProgressUpdate.objects.filter(item=OuterRef("pk"), reporting_period=period)
        )
    return items.annotate(
        reported_in_period=reported,
        needs_report=ExpressionWrapper(
            Q(~Q(reported), ~Q(status__in=FINISHED_STATUSES)), output_field=BooleanField()
        ),
    )


def dashboard_page(
    *, user: User, period: ReportingPeriod | None, number: int | str | None
) -> tuple[Page[FlaggedItem], int]:
    """(page, items still to report) of `dashboard_items`, DASHBOARD_ITEMS_PER_PAGE a page, in
    two queries whatever the person's history: the ids and flags of all their items of the
    year (narrow rows), then the columns the dashboard shows of the page's items."""
    rows = list(
        dashboard_items(user=user, period=period).values_list(
            "pk", "needs_report", "reported_in_period"
        )
    )
    to_report = sum(1 for _pk, needs_report, _reported in rows if needs_report)
    page = Paginator(rows, DASHBOARD_ITEMS_PER_PAGE).get_page(number)
    # Flagged below as dashboard_items flags them, so typed as its items are.
    loaded = cast(
        "dict[int, FlaggedItem]",
        ActionItem.objects.filter(pk__in=[pk for pk, _needs, _reported in page.object_list])
        .select_related("strategic_direction")
        .only("title", "status", "percent", "lead_organization_id", "strategic_direction__code")
        .in_bulk(),
    )
    items: list[FlaggedItem] = []
    for pk, needs_report, reported_in_period in page.object_list:
        item = loaded[pk]
        item.needs_report, item.reported_in_period = needs_report, reported_in_period
        items.append(item)
    # The same page, now listing the loaded items in place of their rows.
    items_page = cast("Page[FlaggedItem]", page)
    items_page.object_list = items
    return items_page, to_report


def items_missing_report(*, period: ReportingPeriod) -> QuerySet[ActionItem]:
    """Items of the period's fiscal year still to report on: no update in the period, not
    finished."""
    return (
        ActionItem.objects.filter(annual_plan__fiscal_year=period.fiscal_year)
        .exclude(status__in=FINISHED_STATUSES)
        .exclude(updates__reporting_period=period)
        .select_related("lead_organization", "strategic_direction")
    )


def period_items_for_export(*, period: ReportingPeriod) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(annual_plan__fiscal_year=period.fiscal_year)
        .select_related("strategic_direction", "lead_organization")
        .order_by("strategic_direction__code", "pk")
    )


@dataclass
class OrganizationLate:
    organization: Organization
    items: list[ActionItem]
    people: list[User]


def period_not_reported(
    *, user: User | AnonymousUser, period: ReportingPeriod
) -> list[OrganizationLate]:
    """Who has not reported yet: per lead organization, its late items and its people."""
    if not user.has_perm("actionplans.run_reporting"):
        raise PermissionDenied
    late: dict[int, OrganizationLate] = {}
    for item in items_missing_report(period=period).order_by(
        "lead_organization__name", "strategic_direction__code", "pk"
    ):
        entry = late.setdefault(
            item.lead_organization_id, OrganizationLate(item.lead_organization, [], [])
        )
        entry.items.append(item)
    people = User.objects.filter(is_active=True, organization_id__in=late.keys()).order_by(
        "display_name", "email"
    )
    for person in people:
        assert person.organization_id is not None  # filtered on the late organizations
        late[person.organization_id].people.append(person)
    return list(late.values())


def people_to_remind(*, period: ReportingPeriod) -> QuerySet[User]:
    """The active people of every organization that leads or partners on an item still to
    report in the period: those told when it opens, and reminded until they report."""
    items = items_missing_report(period=period)
    partnered = ActionItem.partner_organizations.through.objects.filter(
        actionitem_id__in=items.values("pk")
    ).values("organization_id")
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(organization_id__in=items.values("lead_organization_id"))
            | Q(organization_id__in=partnered)
        )
        .select_related("organization")
        .order_by("organization__name", "display_name", "email")
    )


def people_reminded_on(*, period: ReportingPeriod, day: datetime.date) -> set[int]:
    """The ids of the people reminded on `day`, by staff from the period's page (any period:
    one reminder a day each), or by the period's automatic reminder that went out that day."""
    reminded = set(ReminderToPerson.objects.filter(sent_on=day).values_list("person_id", flat=True))
    automatic = [
        reminder
        for reminder in ReminderSent.objects.filter(period=period)
        if timezone.localdate(reminder.sent_at) == day
    ]
    if automatic:
        # The automatic reminder went to everyone then still to report.
        reminded.update(people_to_remind(period=period).values_list("pk", flat=True))
    return reminded


@dataclass
class ScheduledReminder:
    """One of the period's automatic reminders: when it goes out, and whether it did."""

    kind: str
    label: StrOrPromise
    on: datetime.date
    sent: ReminderSent | None


def reminder_schedule(*, period: ReportingPeriod) -> list[ScheduledReminder]:
    """The dates of the period's automatic reminders (actionplans.tasks.send_reporting_reminders
    sends each once, on the first run on or after its date, while the period is open)."""
    from .services import REMINDER_DAYS_BEFORE

    sent = {reminder.kind: reminder for reminder in period.reminders.all()}
    dates = {
        ReminderSent.Kind.WEEK_BEFORE: period.due_date
        - datetime.timedelta(days=REMINDER_DAYS_BEFORE),
        ReminderSent.Kind.DUE_DAY: period.due_date,
    }
    return [
        ScheduledReminder(kind, ReminderSent.Kind(kind).label, on, sent.get(kind))
        for kind, on in dates.items()
    ]


def reminder_task_interval() -> str | None:
    """How often the reminder task runs, from the beat schedule, in words ("6 hours"); None
    when it is not scheduled at a fixed interval."""
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        if entry.get("task") != "actionplans.tasks.send_reporting_reminders":
            continue
        schedule = entry.get("schedule")
        if isinstance(schedule, int | float):
            schedule = datetime.timedelta(seconds=schedule)
        if isinstance(schedule, datetime.timedelta):
            now = timezone.now()
            return timesince(now - schedule, now)
    return None


def reporting_period_opening_warnings(
    *, period: ReportingPeriod, today: datetime.date | None = None
) -> list[StrOrPromise]:
    """What staff should know before opening the period: its quarter has not started yet, or
    another period is open (opening this one locks it)."""
    today = today or timezone.localdate()
    warnings: list[StrOrPromise] = []
    if today < period.starts_on:
        warnings.append(
            _(
                "%(period)s has not started yet: its quarter starts on %(date)s. Partners would "
                "report on work not done yet."
            )
            % {"period": period, "date": period.starts_on.isoformat()}
        )
    other = ReportingPeriod.objects.filter(state=ReportingPeriod.State.OPEN).exclude(pk=period.pk)
    for open_period in other:
        warnings.append(
            _(
                "Another reporting period is open: %(other)s. Opening %(period)s locks it, and "
                "it takes no more updates."
            )
            % {"other": open_period, "period": period}
        )
    return warnings


def organization_items(
    organization: Organization, *, user: Viewer = None
) -> dict[str, list[ActionItem]]:
    """What an organization leads and supports, in approved plans (and drafts for partners and
    staff), newest fiscal year first: {"led": [...], "supported": [...]}."""
    items = (
        visible_items(user=user)
        .select_related("annual_plan", "strategic_direction__pillar")
        .order_by("-annual_plan__fiscal_year", "strategic_direction__code", "pk")
    )
    return {
        "led": list(items.filter(lead_organization=organization)),
        "supported": list(items.filter(partner_organizations=organization)),
    }


# --- Indicators ----------------------------------------------------------------------------


def indicator_chart(
    indicator: Indicator, overall_values: Iterable[IndicatorValue]
) -> LineChart | None:
    """The indicator's yearly values as a line, with its baseline and target; None without
    values."""
    return charts.line_chart(
        [(FiscalYear(v.fiscal_year).display, v.value) for v in overall_values],
        baseline=indicator.baseline,
        target=indicator.target,
    )


@dataclass
class Breakdown:
    """A suppressed breakdown of an indicator for one fiscal year and one dimension."""

    year_label: str
    dimension_label: StrOrPromise
    rows: list[tuple[str, Cell]]
    total: Cell


def indicator_breakdowns(indicator: Indicator, values: Sequence[IndicatorValue]) -> list[Breakdown]:
    """The latest year's breakdowns, each through core.suppression."""
    broken_down = [v for v in values if v.dimension]
    if not broken_down:
        return []
    latest = max(v.fiscal_year for v in broken_down)
    by_dimension: dict[str, list[IndicatorValue]] = {}
    for value in broken_down:
        if value.fiscal_year == latest:
            by_dimension.setdefault(value.dimension, []).append(value)
    breakdowns = []
    for rows in by_dimension.values():
        counts = {row.category: int(row.value) for row in rows}
        if indicator.counts_people:
            series = suppress_series(counts)
            cells, total = series.cells, series.total
        else:
            cells = {category: Cell(count) for category, count in counts.items()}
            total = Cell(sum(counts.values()))
        breakdowns.append(
            Breakdown(
                year_label=FiscalYear(latest).label,
                dimension_label=rows[0].get_dimension_display(),
                rows=[(row.category, cells[row.category]) for row in rows],
                total=total,
            )
        )
    return breakdowns


def indicators_with_values(
    plan: CommunityActionPlan | None, *, through: FiscalYear | None = None
) -> list[Indicator]:
    """The plan's indicators, each with its values prefetched (by fiscal year, the overall
    value before the breakdowns), in two queries. With `through` (a FiscalYear), only the
    values up to that year. No plan, no indicators."""
    if plan is None:
        return []
    values = IndicatorValue.objects.order_by("fiscal_year", "dimension", "pk")
    if through is not None:
        values = values.filter(fiscal_year__lte=through.start_year)
    return list(
        Indicator.objects.filter(plan=plan)
        .select_related("strategic_direction")
        .prefetch_related(Prefetch("values", queryset=values))
    )


def latest_value(
    overall_values: list[IndicatorValue], fiscal_year: FiscalYear
) -> IndicatorValue | None:
    """The newest of an indicator's overall values (in fiscal-year order) up to a fiscal year."""
    earlier = [v for v in overall_values if v.fiscal_year <= fiscal_year.start_year]
    return earlier[-1] if earlier else None


def indicators_for_plan(
    plan: CommunityActionPlan | None, *, fiscal_year: FiscalYear | None = None
) -> list[Indicator]:
    """The plan's indicators with their chart and suppressed breakdowns, in two queries; each
    with `latest_value`, its newest overall value up to `fiscal_year` (default: the current
    one), which the page sets against the baseline and the target."""
    fiscal_year = fiscal_year or FiscalYear.current()
    indicators = indicators_with_values(plan)
    for indicator in indicators:
        values = list(indicator.values.all())
        overall = [v for v in values if not v.dimension]
        indicator.overall_values = overall
        indicator.latest_value = latest_value(overall, fiscal_year)
        indicator.chart = indicator_chart(indicator, overall)
        indicator.breakdowns = indicator_breakdowns(indicator, values)
    return indicators


def pillars_with_directions(
    directions: Iterable[StrategicDirection],
    by_direction: dict[int, RollUp],
    by_pillar: dict[int, RollUp],
) -> list[tuple[Pillar, RollUp, list[tuple[StrategicDirection, RollUp]]]]:
    """[(pillar, pillar RollUp, [(direction, RollUp)])] in pillar order."""
    empty = RollUp()
    grouped: dict[Pillar, list[tuple[StrategicDirection, RollUp]]] = {}
    for direction in directions:
        grouped.setdefault(direction.pillar, []).append(
            (direction, by_direction.get(direction.pk, empty))
        )
    return [
        (pillar, by_pillar.get(pillar.pk, empty), rows)
        for pillar, rows in sorted(grouped.items(), key=lambda entry: entry[0].order)
    ]
