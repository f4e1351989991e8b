"""Reads for the evaluation app: how well the partnership works, from its own records.

Process indicators (breadth of membership, participation, engagement) and outcome indicators
(linkages across sectors and pillars, delivery), per fiscal year, each with a sentence saying how
it is computed. Every year is computed at once, in a fixed number of queries whatever the size
of the data, since the page shows the trend over the years beside the chosen one; the page is
public and cached (core/page_cache.py: every write to the records read here starts a new
generation). Counts of people go through core/suppression.py.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Sum, When
from django.db.models.functions import ExtractYear
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.models import (
    ActionItem,
    IndicatorValue,
    ItemStatus,
    ProgressUpdate,
    ReportingPeriod,
)
from approvals.models import Decision
from consultations.languages import ENGLISH_NAMES
from consultations.models import Consultation, Response
from core import charts
from core.charts import BarChart, Measure
from core.fiscal import FIRST_MONTH, FiscalYear
from core.suppression import Cell, SuppressedTable, restore, suppress_count, suppress_table
from pillars.models import Group, MeetingAttendance, Membership

from .health_check import DONT_KNOW, RATING_LABELS, RATINGS, overall_mean
from .models import HealthCheck, HealthCheckComment, Participation, SectorReference

if TYPE_CHECKING:
    from core.typing import AnyUser
    from partners.models import User

# --- The partnership health check ---------------------------------------------------------------


def person_bodies(*, user: User) -> QuerySet[Group]:
    """The bodies the person sits on today (an active membership), the ones they may answer for."""
    memberships = Membership.objects.active_on(timezone.localdate()).filter(
        person=user, group=OuterRef("pk")
    )
    return Group.objects.filter(Exists(memberships)).order_by("kind", "name")


def open_health_check() -> HealthCheck | None:
    return (
        HealthCheck.objects.filter(status=HealthCheck.Status.OPEN)
        .prefetch_related("statements")
        .first()
    )


def health_check_pending(user: AnyUser) -> QuerySet[HealthCheck]:
    """The open health check, if the person sits on a body and has not answered it yet: what
    the dashboard links to (one query, usable in Exists)."""
    if not user.is_authenticated:
        return HealthCheck.objects.none()
    memberships = Membership.objects.active_on(timezone.localdate()).filter(
        person=user, person__is_active=True
    )
    return HealthCheck.objects.filter(Exists(memberships), status=HealthCheck.Status.OPEN).exclude(
        Exists(Participation.objects.filter(health_check=OuterRef("pk"), person=user))
    )


def has_answered(*, health_check: HealthCheck, user: User) -> bool:
    return Participation.objects.filter(health_check=health_check, person=user).exists()


def body_member_count() -> int:
    """How many people sit on a body today: those who may answer a health check."""
    return (
        Membership.objects.active_on(timezone.localdate())
        .filter(person__is_active=True)
        .values("person")
        .distinct()
        .count()
    )


def _in_language(row: dict[str, Any], field: str) -> str:
    language = (translation.get_language() or "en")[:2]
    return str(row.get(f"{field}_{language}") or row.get(f"{field}_en") or "")


def _mean_text(mean: float | None) -> str:
    return "–" if mean is None else number_format(mean, decimal_pos=1)


def _rating_labels() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in RATING_LABELS]


def _figure_row(name: str, responses: Cell, figures: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "name": name,
        "responses": responses,
        "shown": figures is not None,
        "mean": _mean_text(figures["mean"]) if figures else None,
        "distribution": [figures["distribution"][key] for key, _label in _rating_labels()]
        if figures
        else [],
    }


def present_results(results: dict[str, Any]) -> dict[str, Any]:
    """Stored results in the current language, ready for the include template."""
    threshold = results["threshold"]
    responses = restore(results["responses"]["value"], threshold, results["responses"]["small"])
    bodies: list[dict[str, Any]] = [
        {
            "id": str(body["id"]),
            "name": _in_language(body, "name"),
            "responses": restore(body["responses"]["value"], threshold, body["responses"]["small"]),
        }
        for body in results["bodies"]
    ]
    statements: list[dict[str, Any]] = []
    for statement in results["statements"]:
        rows = [_figure_row(_("Every body"), responses, statement["overall"])]
        rows += [
            _figure_row(body["name"], body["responses"], statement["bodies"].get(body["id"]))
            for body in bodies
        ]
        statements.append({"text": _in_language(statement, "text"), "rows": rows})
    mean = overall_mean(results)
    return {
        "threshold": threshold,
        "responses": responses,
        "overall_mean": _mean_text(mean) if mean is not None else None,
        "rating_labels": [label for _key, label in _rating_labels()],
        "statements": statements,
        "any_hidden": any(row["responses"].suppressed for s in statements for row in s["rows"]),
    }


def approved_quotes(*, health_check: HealthCheck) -> list[str]:
    """The comments staff approved for quoting, in an order that says nothing of when."""
    return list(
        HealthCheckComment.objects.filter(
            health_check=health_check, status=HealthCheckComment.Status.APPROVED
        )
        .order_by("text")
        .values_list("text", flat=True)
    )


def health_check_results(fiscal_year: FiscalYear | str) -> dict[str, Any] | None:
    """The published (closed) health check of a fiscal year: its suppressed results in the
    current language and the approved quotes; None when there is none. Two queries."""
    label = fiscal_year.label if isinstance(fiscal_year, FiscalYear) else fiscal_year
    health_check = (
        HealthCheck.objects.filter(
            fiscal_year=label, status=HealthCheck.Status.CLOSED, results__isnull=False
        )
        .only("fiscal_year", "status", "results", "introduction_en", "introduction_fr")
        .first()
    )
    if health_check is None or health_check.results is None:
        return None
    return {
        "health_check": health_check,
        "fiscal_year": health_check.fiscal_year,
        "introduction": health_check.introduction,
        **present_results(health_check.results),
        "quotes": approved_quotes(health_check=health_check),
    }


def health_check_trend() -> dict[str, Any]:
    """Every closed health check's overall figures, oldest first, with a bar chart of the mean
    rating by year and a table of the mean of each statement by year. One query."""
    checks = list(
        HealthCheck.objects.filter(status=HealthCheck.Status.CLOSED, results__isnull=False)
        .order_by("fiscal_year")
        .only("fiscal_year", "results")
    )
    years: list[dict[str, Any]] = []
    statement_texts: dict[int, str] = {}
    means: dict[int, dict[str, str]] = {}
    for check in checks:
        results = check.results or {}
        threshold = results["threshold"]
        mean = overall_mean(results)
        years.append(
            {
                "fiscal_year": check.fiscal_year,
                "responses": restore(
                    results["responses"]["value"], threshold, results["responses"]["small"]
                ),
                "mean": mean,
                "mean_text": _mean_text(mean),
            }
        )
        for statement in results["statements"]:
            # The latest wording names the statement.
            statement_texts[statement["id"]] = _in_language(statement, "text")
            overall = statement["overall"]
            means.setdefault(statement["id"], {})[check.fiscal_year] = _mean_text(
                overall["mean"] if overall else None
            )
    chart = charts.bar_chart(
        [
            (
                year["fiscal_year"],
                [charts.Measure(year["mean"], f"{year['mean_text']} / 5")],
            )
            for year in years
        ],
        maximum=5,
        length=300,
        label_width=80,
    )
    return {
        "years": years,
        "chart": chart if years else None,
        "statements": [
            {
                "text": text,
                "means": [means[pk].get(year["fiscal_year"], "–") for year in years],
            }
            for pk, text in statement_texts.items()
        ],
    }


def health_check_report_section(fiscal_year: FiscalYear, language: str) -> dict[str, Any] | None:
    """The year's health check for the annual report, in one language, as plain JSON (the
    report freezes it): suppressed figures and approved quotes only. None when there is none."""
    with translation.override(language):
        results = health_check_results(fiscal_year)
        if results is None:
            return None
        return {
            "fiscal_year": results["fiscal_year"],
            "threshold": results["threshold"],
            "responses": str(results["responses"]),
            "overall_mean": results["overall_mean"],
            "rating_labels": [str(label) for label in results["rating_labels"]],
            "statements": [
                {
                    "text": statement["text"],
                    "rows": [
                        {
                            "name": row["name"],
                            "responses": str(row["responses"]),
                            "shown": row["shown"],
                            "mean": row["mean"],
                            "distribution": row["distribution"],
                        }
                        for row in statement["rows"]
                    ],
                }
                for statement in results["statements"]
            ],
            "quotes": results["quotes"],
        }


def health_check_open_data(fiscal_year: FiscalYear) -> tuple[list[dict[str, Any]], list[str]]:
    """The year's health check for the open data: one row per statement and body ("" for
    every body), suppressed as published, and the approved quotes. Empty when there is none."""
    health_check = (
        HealthCheck.objects.filter(
            fiscal_year=fiscal_year.label, status=HealthCheck.Status.CLOSED, results__isnull=False
        )
        .only("fiscal_year", "results")
        .first()
    )
    if health_check is None or health_check.results is None:
        return [], []
    results = health_check.results
    rows: list[dict[str, Any]] = []
    bodies = [
        ("", "", results["responses"], "overall"),
        *((b["name_en"], b["name_fr"], b["responses"], str(b["id"])) for b in results["bodies"]),
    ]
    for statement in results["statements"]:
        for body_en, body_fr, responses, key in bodies:
            figures = statement["overall"] if key == "overall" else statement["bodies"].get(key)
            distribution = figures["distribution"] if figures else {}
            rows.append(
                {
                    "fiscal_year": health_check.fiscal_year,
                    "statement_id": statement["id"],
                    "statement_en": statement["text_en"],
                    "statement_fr": statement["text_fr"],
                    "body_en": body_en,
                    "body_fr": body_fr,
                    "responses": responses["value"],
                    "suppressed": figures is None,
                    "mean": figures["mean"] if figures else None,
                    **{f"rating_{r}": distribution.get(str(r)) for r in RATINGS},
                    "dont_know": distribution.get(DONT_KNOW),
                }
            )
    return rows, approved_quotes(health_check=health_check)


if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# --- Process and outcome indicators ----------------------------------------------------------

# The methods, shown beside each figure.
METHODS: dict[str, StrOrPromise] = {
    "breadth": gettext_lazy(
        "For the Council and each steering group: the sectors of the partnership's reference"
        " list with at least one member seated at some time in the fiscal year, for an"
        " organization of that sector or, for residents and newcomers, in their own name (staff"
        " liaisons not counted). The sectors with nobody seated are the gaps."
    ),
    "attendance": gettext_lazy(
        "For each group: the members recorded as present at its meetings of the fiscal year, out"
        " of the members seated on the day of each meeting whose attendance was recorded."
        " Counts under the threshold are not shown."
    ),
    "turnout": gettext_lazy(
        "Votes cast (approve, object or abstain) out of the members eligible to vote, over every"
        " Council decision taken in the fiscal year."
    ),
    "reporting": gettext_lazy(
        "For each reporting period of the fiscal year once opened: the organizations that"
        " posted at least one progress update in the period, out of the organizations leading"
        " an action item of the year's plan; on time: by the period's due date."
    ),
    "engagement": gettext_lazy(
        "Responses to the consultations that closed in the fiscal year, by the language they"
        " were given in and the way they were collected. Counts under the threshold are not"
        " shown, nor figures that would reveal them."
    ),
    "follow_through": gettext_lazy(
        "Consultations that closed in the fiscal year and are linked to at least one action"
        " item of the plan (what we did with what we heard), out of all of them."
    ),
    "linkages": gettext_lazy(
        "Action items of the year's plan whose lead and partner organizations come from two or"
        " more sectors, out of all the year's items; and organizations leading or supporting"
        " items in two or more pillars, out of all the organizations carrying items."
    ),
    "delivery": gettext_lazy(
        "The current status of each action item of the year's plan, as a share of all its"
        " items; and the indicators of the plan with an overall figure for the year that moved"
        " from their baseline toward their target."
    ),
}

# Statuses shown for delivery, in this order.
DELIVERY_STATUSES = (
    ItemStatus.COMPLETED,
    ItemStatus.ON_TRACK,
    ItemStatus.AT_RISK,
    ItemStatus.DELAYED,
    ItemStatus.NOT_STARTED,
    ItemStatus.CANCELLED,
)
ACTION_GROUPS = 0  # the row of the attendance table that holds every action group
CLOSED_CONSULTATIONS = (Consultation.Status.CLOSED, Consultation.Status.PUBLISHED)


def fiscal_year_of(field_name: str) -> Case:
    """The start year of the fiscal year a date (or datetime) column falls in, in SQL."""
    return Case(
        When(
            **{f"{field_name}__month__lt": FIRST_MONTH},
            then=ExtractYear(field_name) - 1,
        ),
        default=ExtractYear(field_name),
        output_field=IntegerField(),
    )


def percent_of(part: int | None, whole: int | None) -> int | None:
    """`part` out of `whole` as a whole percent, or None when either is unknown or whole is 0."""
    if part is None or not whole:
        return None
    return round(100 * part / whole)


def percent_text(percent: int | None) -> str:
    if percent is None:
        return "—"
    return _("%(percent)s%%") % {"percent": percent}


# --- Breadth of membership -------------------------------------------------------------------


@dataclass
class TableBreadth:
    group: Group
    present: list[SectorReference]
    gaps: list[SectorReference]

    @property
    def total(self) -> int:
        return len(self.present) + len(self.gaps)

    @property
    def percent(self) -> int | None:
        return percent_of(len(self.present), self.total)


def _breadth(last: int) -> dict[int, list[TableBreadth]]:
    """Per fiscal year from the first seat's up to `last`: each table's sectors and gaps."""
    references = list(SectorReference.objects.all())
    groups = list(
        Group.objects.filter(kind__in=[Group.Kind.COUNCIL, Group.Kind.STEERING]).order_by(
            "kind", "pillar__order", "name"
        )
    )
    seats = list(
        Membership.objects.filter(group__in=groups)
        .exclude(role=Membership.Role.STAFF_LIAISON)
        .values_list(
            "group_id", "organization__sector", "organization_id", "term_start", "term_end"
        )
    )
    result: dict[int, list[TableBreadth]] = {}
    first = min(
        (FiscalYear.of(start).start_year for *_seat, start, _end in seats), default=last + 1
    )
    for year in range(first, last + 1):
        fiscal = FiscalYear(year)
        tables = []
        for group in groups:
            sectors: set[str] = set()
            own_name = False
            seated = False
            for group_id, sector, organization_id, start, end in seats:
                if group_id != group.pk or start > fiscal.ends_on:
                    continue
                if end is not None and end < fiscal.starts_on:
                    continue
                seated = True
                if organization_id is None:
                    own_name = True
                else:
                    sectors.add(sector)
            if not seated:
                continue
            present = [
                reference
                for reference in references
                if sectors & set(reference.organization_sectors)
                or (reference.lived_experience and own_name)
            ]
            gaps = [reference for reference in references if reference not in present]
            tables.append(TableBreadth(group=group, present=present, gaps=gaps))
        if tables and references:
            result[year] = tables
    return result


# --- Participation ---------------------------------------------------------------------------


@dataclass
class GroupAttendance:
    """A row of the attendance table: the Council, a steering group, or the action groups
    together (each is small: counted one by one, most of their figures would be hidden)."""

    name: StrOrPromise
    key: str  # the group's slug, or "action-groups"
    meetings: int
    attended: Cell
    absent: Cell

    @property
    def percent(self) -> int | None:
        if self.attended.suppressed or self.absent.suppressed:
            return None
        assert self.attended.value is not None and self.absent.value is not None
        return percent_of(self.attended.value, self.attended.value + self.absent.value)


@dataclass
class Attendance:
    groups: list[GroupAttendance]
    attended: Cell
    absent: Cell

    @property
    def percent(self) -> int | None:
        if self.attended.suppressed or self.absent.suppressed:
            return None
        assert self.attended.value is not None and self.absent.value is not None
        return percent_of(self.attended.value, self.attended.value + self.absent.value)


def _attendance() -> dict[int, Attendance]:
    rows = (
        MeetingAttendance.objects.annotate(year=fiscal_year_of("meeting__held_on"))
        .values("year", "meeting__group_id")
        .annotate(
            attended_count=Count("pk", filter=Q(attended=True)),
            absent_count=Count("pk", filter=Q(attended=False)),
            meetings=Count("meeting_id", distinct=True),
        )
        .order_by("year", "meeting__group_id")
        .values_list("year", "meeting__group_id", "attended_count", "absent_count", "meetings")
    )
    groups = {
        group.pk: group
        for group in Group.objects.filter(
            kind__in=[Group.Kind.COUNCIL, Group.Kind.STEERING]
        ).select_related("pillar")
    }
    # Every action group counts in row 0.
    by_year: dict[int, dict[int, list[int]]] = defaultdict(dict)
    for year, group_id, attended, absent, meetings in rows:
        key = group_id if group_id in groups else ACTION_GROUPS
        row = by_year[year].setdefault(key, [0, 0, 0])
        row[0] += attended
        row[1] += absent
        row[2] += meetings

    def order(key: int) -> tuple[int, int, str]:
        if key == ACTION_GROUPS:
            return (2, 0, "")
        group = groups[key]
        pillar_order = group.pillar.order if group.pillar else 0
        return (0 if group.kind == Group.Kind.COUNCIL else 1, pillar_order, group.name)

    result = {}
    for year, per_group in by_year.items():
        ordered = sorted(per_group, key=order)
        table: SuppressedTable[int, str] = suppress_table(
            {key: {"attended": per_group[key][0], "absent": per_group[key][1]} for key in ordered}
        )
        result[year] = Attendance(
            groups=[
                GroupAttendance(
                    name=groups[key].name if key in groups else gettext_lazy("Action groups"),
                    key=groups[key].slug if key in groups else "action-groups",
                    meetings=per_group[key][2],
                    attended=table.cells[key]["attended"],
                    absent=table.cells[key]["absent"],
                )
                for key in ordered
            ],
            attended=table.column_totals["attended"],
            absent=table.column_totals["absent"],
        )
    return result


@dataclass
class Turnout:
    decisions: int
    votes: Cell
    eligible: int

    @property
    def percent(self) -> int | None:
        if self.votes.suppressed:
            return None
        return percent_of(self.votes.value, self.eligible)


def _turnout() -> dict[int, Turnout]:
    rows = (
        Decision.objects.annotate(year=fiscal_year_of("decided_on"))
        .values("year")
        .annotate(
            decisions=Count("pk"),
            votes=Sum(F("approve_count") + F("object_count") + F("abstain_count")),
            eligible=Sum("eligible_count"),
        )
        .order_by("year")
    )
    return {
        row["year"]: Turnout(
            decisions=row["decisions"],
            votes=suppress_count(row["votes"] or 0),
            eligible=row["eligible"] or 0,
        )
        for row in rows
    }


@dataclass
class PeriodReporting:
    period: ReportingPeriod
    expected: int
    reported: int
    on_time: int

    @property
    def percent(self) -> int | None:
        return percent_of(self.reported, self.expected)

    @property
    def on_time_percent(self) -> int | None:
        return percent_of(self.on_time, self.expected)


@dataclass
class Reporting:
    periods: list[PeriodReporting]

    @property
    def percent(self) -> int | None:
        return percent_of(
            sum(p.reported for p in self.periods), sum(p.expected for p in self.periods)
        )

    @property
    def on_time_percent(self) -> int | None:
        return percent_of(
            sum(p.on_time for p in self.periods), sum(p.expected for p in self.periods)
        )


def _reporting() -> dict[int, Reporting]:
    periods = list(
        ReportingPeriod.objects.exclude(state=ReportingPeriod.State.SCHEDULED).order_by(
            "fiscal_year", "quarter"
        )
    )
    expected = dict(
        ActionItem.objects.order_by()
        .values("annual_plan__fiscal_year")
        .annotate(organizations=Count("lead_organization", distinct=True))
        .values_list("annual_plan__fiscal_year", "organizations")
    )
    counts: dict[int, tuple[int, int]] = {
        period_id: (reported, on_time)
        for period_id, reported, on_time in ProgressUpdate.objects.filter(
            reporting_period__in=periods
        )
        .values("reporting_period_id")
        .annotate(
            reported=Count("item__lead_organization", distinct=True),
            on_time=Count(
                "item__lead_organization",
                distinct=True,
                filter=Q(created_at__date__lte=F("reporting_period__due_date")),
            ),
        )
        .order_by()
        .values_list("reporting_period_id", "reported", "on_time")
    }
    result: dict[int, Reporting] = {}
    for period in periods:
        reported, on_time = counts.get(period.pk, (0, 0))
        result.setdefault(period.fiscal_year, Reporting(periods=[])).periods.append(
            PeriodReporting(
                period=period,
                expected=expected.get(period.fiscal_year, 0),
                reported=reported,
                on_time=on_time,
            )
        )
    return result


# --- Engagement ------------------------------------------------------------------------------


@dataclass
class Engagement:
    languages: list[tuple[str, StrOrPromise]]  # (code, name)
    channels: list[tuple[str, StrOrPromise]]
    table: SuppressedTable[str, str]
    consultations: int
    linked: int

    @property
    def rows(self) -> list[tuple[StrOrPromise, list[Cell], Cell]]:
        """Per language: its name, its count per channel and its total."""
        return [
            (
                name,
                [self.table.cells[code][channel] for channel, _label in self.channels],
                self.table.row_totals[code],
            )
            for code, name in self.languages
        ]

    @property
    def channel_totals(self) -> list[Cell]:
        return [self.table.column_totals[channel] for channel, _label in self.channels]

    @property
    def follow_through_percent(self) -> int | None:
        return percent_of(self.linked, self.consultations)


def _engagement() -> dict[int, Engagement]:
    closed = Consultation.objects.filter(status__in=CLOSED_CONSULTATIONS)
    follow: dict[int, tuple[int, int]] = {
        year: (total, linked)
        for year, total, linked in closed.annotate(year=fiscal_year_of("closes_at"))
        .values("year")
        .annotate(
            total=Count("pk", distinct=True),
            linked=Count("pk", distinct=True, filter=Q(action_items__isnull=False)),
        )
        .order_by("year")
        .values_list("year", "total", "linked")
    }
    counts: dict[int, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in (
        Response.objects.filter(consultation__status__in=CLOSED_CONSULTATIONS)
        .annotate(year=fiscal_year_of("consultation__closes_at"))
        .values("year", "language", "channel")
        .annotate(responses=Count("pk"))
        .order_by("year", "language", "channel")
    ):
        counts[row["year"]][row["language"]][row["channel"]] = row["responses"]
    channel_labels = dict(Response.Channel.choices)
    result = {}
    for year in sorted(set(follow) | set(counts)):
        per_language = counts.get(year, {})
        languages = sorted(per_language, key=lambda code: (code not in ("en", "fr"), code))
        channels = [
            c for c in Response.Channel.values if any(c in per_language[code] for code in languages)
        ]
        table = suppress_table(
            {code: {c: per_language[code].get(c, 0) for c in channels} for code in languages}
        )
        total, linked = follow.get(year, (0, 0))
        result[year] = Engagement(
            languages=[(code, ENGLISH_NAMES.get(code, code)) for code in languages],
            channels=[(c, channel_labels[c]) for c in channels],
            table=table,
            consultations=total,
            linked=linked,
        )
    return result


# --- Linkages and delivery -------------------------------------------------------------------


@dataclass
class Linkages:
    items: int
    cross_sector_items: int
    organizations: int
    cross_pillar_organizations: int

    @property
    def cross_sector_percent(self) -> int | None:
        return percent_of(self.cross_sector_items, self.items)

    @property
    def cross_pillar_percent(self) -> int | None:
        return percent_of(self.cross_pillar_organizations, self.organizations)


@dataclass
class Delivery:
    statuses: list[tuple[str, StrOrPromise, int]]  # (status, label, count)
    items: int
    indicators: int
    indicators_moving: int

    @property
    def completed_percent(self) -> int | None:
        return percent_of(self.count(ItemStatus.COMPLETED), self.items)

    def count(self, status: str) -> int:
        return next((n for code, _label, n in self.statuses if code == status), 0)

    @property
    def shares(self) -> list[tuple[str, StrOrPromise, int, int | None]]:
        return [(code, label, n, percent_of(n, self.items)) for code, label, n in self.statuses]


def _items_by_year() -> tuple[dict[int, Linkages], dict[int, dict[str, int]]]:
    items = list(
        ActionItem.objects.values_list(
            "pk",
            "annual_plan__fiscal_year",
            "status",
            "lead_organization_id",
            "lead_organization__sector",
            "strategic_direction__pillar_id",
        )
    )
    partners: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (
        item_id,
        organization_id,
        sector,
    ) in ActionItem.partner_organizations.through.objects.values_list(
        "actionitem_id", "organization_id", "organization__sector"
    ):
        partners[item_id].append((organization_id, sector))
    totals: dict[int, int] = defaultdict(int)
    cross: dict[int, int] = defaultdict(int)
    pillars: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    statuses: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for pk, year, status, lead_id, lead_sector, pillar_id in items:
        totals[year] += 1
        statuses[year][status] += 1
        sectors = {lead_sector, *(sector for _org, sector in partners[pk])}
        if len(sectors) >= 2:
            cross[year] += 1
        for organization_id in {lead_id, *(org for org, _sector in partners[pk])}:
            pillars[year][organization_id].add(pillar_id)
    linkages = {
        year: Linkages(
            items=totals[year],
            cross_sector_items=cross[year],
            organizations=len(pillars[year]),
            cross_pillar_organizations=sum(1 for p in pillars[year].values() if len(p) >= 2),
        )
        for year in totals
    }
    return linkages, statuses


def _indicator_movement() -> dict[int, tuple[int, int]]:
    """Per year: (indicators with an overall figure, those that moved toward their target)."""
    result: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for year, value, baseline, target in IndicatorValue.objects.filter(
        dimension=IndicatorValue.Dimension.NONE
    ).values_list("fiscal_year", "value", "indicator__baseline", "indicator__target"):
        result[year][0] += 1
        if _moved_toward(value, baseline, target):
            result[year][1] += 1
    return {year: (pair[0], pair[1]) for year, pair in result.items()}


def _moved_toward(value: Decimal, baseline: Decimal, target: Decimal) -> bool:
    """The figure left its baseline in the target's direction (or holds a target equal to its
    baseline)."""
    if target == baseline:
        return value == target
    return (value - baseline) * (target - baseline) > 0


# --- The page --------------------------------------------------------------------------------


@dataclass
class YearIndicators:
    """Every indicator of one fiscal year; None where the year has no records for it."""

    fiscal_year: FiscalYear
    breadth: list[TableBreadth] | None = None
    attendance: Attendance | None = None
    turnout: Turnout | None = None
    reporting: Reporting | None = None
    engagement: Engagement | None = None
    linkages: Linkages | None = None
    delivery: Delivery | None = None

    @property
    def has_data(self) -> bool:
        return any(
            figure is not None
            for figure in (
                self.breadth,
                self.attendance,
                self.turnout,
                self.reporting,
                self.engagement,
                self.linkages,
                self.delivery,
            )
        )

    @property
    def council_breadth_percent(self) -> int | None:
        for table in self.breadth or []:
            if table.group.kind == Group.Kind.COUNCIL:
                return table.percent
        return None


def indicators_by_year(*, until: FiscalYear | None = None) -> dict[int, YearIndicators]:
    """Every indicator of every fiscal year that has records, up to `until` (the current
    fiscal year by default), in a fixed number of queries."""
    last = (until or FiscalYear.current()).start_year
    attendance = _attendance()
    turnout = _turnout()
    reporting = _reporting()
    engagement = _engagement()
    linkages, statuses = _items_by_year()
    movement = _indicator_movement()
    years = {
        year
        for year in (
            *attendance,
            *turnout,
            *reporting,
            *engagement,
            *linkages,
            *movement,
        )
        if year <= last
    }
    breadth = _breadth(last)
    years |= set(breadth)
    result = {}
    for year in sorted(years):
        delivery = None
        if year in linkages or year in movement:
            counted, moving = movement.get(year, (0, 0))
            delivery = Delivery(
                statuses=[
                    (status.value, status.label, statuses[year].get(status.value, 0))
                    for status in DELIVERY_STATUSES
                ],
                items=sum(statuses[year].values()),
                indicators=counted,
                indicators_moving=moving,
            )
        result[year] = YearIndicators(
            fiscal_year=FiscalYear(year),
            breadth=breadth.get(year),
            attendance=attendance.get(year),
            turnout=turnout.get(year),
            reporting=reporting.get(year),
            engagement=engagement.get(year),
            linkages=linkages.get(year),
            delivery=delivery,
        )
    return result


@dataclass
class TrendSeries:
    key: str
    title: StrOrPromise
    points: list[tuple[FiscalYear, int | None]]
    chart: BarChart


# The headline figures followed over the years: (key, title, how to read it from a year).
TRENDS: list[tuple[str, StrOrPromise, Any]] = [
    (
        "council_breadth",
        gettext_lazy("Sectors of the reference list seated on the Council"),
        lambda y: y.council_breadth_percent,
    ),
    (
        "attendance",
        gettext_lazy("Attendance at meetings"),
        lambda y: y.attendance.percent if y.attendance else None,
    ),
    (
        "turnout",
        gettext_lazy("Turnout in Council votes"),
        lambda y: y.turnout.percent if y.turnout else None,
    ),
    (
        "reporting",
        gettext_lazy("Partners reporting on time"),
        lambda y: y.reporting.on_time_percent if y.reporting else None,
    ),
    (
        "follow_through",
        gettext_lazy("Consultations followed by action"),
        lambda y: y.engagement.follow_through_percent if y.engagement else None,
    ),
    (
        "cross_sector",
        gettext_lazy("Action items carried across sectors"),
        lambda y: y.linkages.cross_sector_percent if y.linkages else None,
    ),
    (
        "completed",
        gettext_lazy("Action items completed"),
        lambda y: y.delivery.completed_percent if y.delivery else None,
    ),
]


def trends(years: Sequence[YearIndicators]) -> list[TrendSeries]:
    """The headline figures by fiscal year, each with a bar chart (the table carries them)."""
    series = []
    for key, title, read in TRENDS:
        points = [(year.fiscal_year, read(year)) for year in years]
        chart = charts.bar_chart(
            [
                (
                    _("FY %(label)s") % {"label": fiscal_year.label},
                    [Measure(amount=value, text=percent_text(value))],
                )
                for fiscal_year, value in points
            ],
            maximum=100,
            label_width=90,
            progress=True,
        )
        series.append(TrendSeries(key=key, title=title, points=points, chart=chart))
    return series


class HowWeWork(TypedDict):
    fiscal_year: FiscalYear
    year: YearIndicators
    years: list[FiscalYear]
    trends: list[TrendSeries]
    methods: dict[str, StrOrPromise]
    previous_year: FiscalYear | None
    next_year: FiscalYear | None
    health_check_results: dict[str, Any] | None
    health_check_trend: dict[str, Any]


def default_fiscal_year(years: Iterable[int] | None = None) -> FiscalYear:
    """The current fiscal year if it has records, else the latest that has."""
    current = FiscalYear.current()
    known = sorted(years if years is not None else indicators_by_year(until=current))
    if not known or current.start_year in known:
        return current
    return FiscalYear(known[-1])


def how_we_work(fiscal_year: FiscalYear | None = None) -> HowWeWork:
    """The context of /about/how-we-work/: the indicators of `fiscal_year` (by default the
    current one, or the latest with records), their methods and their trend over the years.
    Public: everything here is aggregate, people counted only through suppression."""
    current = FiscalYear.current()
    by_year = indicators_by_year(until=current)
    chosen = fiscal_year or default_fiscal_year(by_year)
    year = by_year.get(chosen.start_year) or YearIndicators(fiscal_year=chosen)
    years = [FiscalYear(y) for y in sorted(by_year)]
    shown = [by_year[y] for y in sorted(by_year)]
    return {
        "fiscal_year": chosen,
        "year": year,
        "years": years,
        "trends": trends(shown) if shown else [],
        "methods": METHODS,
        "previous_year": max((y for y in years if y < chosen), default=None),
        "next_year": min((y for y in years if y > chosen), default=None),
        "health_check_results": health_check_results(chosen),
        "health_check_trend": health_check_trend(),
    }


# --- The annual report and the open data -----------------------------------------------------


def open_data_rows(fiscal_year: FiscalYear) -> list[dict[str, Any]]:
    """The year's indicators as open data, one figure a row (reports.opendata documents the
    columns): a count hidden to protect people is written empty, with `suppressed` true."""
    year = indicators_by_year(until=max(fiscal_year, FiscalYear.current())).get(
        fiscal_year.start_year
    )
    if year is None:
        return []
    rows: list[dict[str, Any]] = []

    def add(
        indicator: str, subject: str, measure: str, value: int | None, hidden: bool = False
    ) -> None:
        rows.append(
            {
                "fiscal_year": fiscal_year.label,
                "indicator": indicator,
                "subject": subject,
                "measure": measure,
                "value": value,
                "suppressed": hidden,
            }
        )

    for table in year.breadth or []:
        add("breadth", table.group.slug, "sectors_seated", len(table.present))
        add("breadth", table.group.slug, "sectors_in_reference_list", table.total)
        for gap in table.gaps:
            add("breadth", table.group.slug, f"gap:{gap.name_en or gap.name}", None)
    if year.attendance:
        for row, key in zip(year.attendance.groups, _attendance_keys(year), strict=True):
            add("attendance", key, "meetings", row.meetings)
            add("attendance", key, "present", row.attended.value, row.attended.suppressed)
            add("attendance", key, "absent", row.absent.value, row.absent.suppressed)
    if year.turnout:
        add("turnout", "council", "decisions", year.turnout.decisions)
        add(
            "turnout",
            "council",
            "votes_cast",
            year.turnout.votes.value,
            year.turnout.votes.suppressed,
        )
        add("turnout", "council", "members_eligible", year.turnout.eligible)
    for period in year.reporting.periods if year.reporting else []:
        subject = f"Q{period.period.quarter}"
        add("reporting", subject, "organizations_leading_items", period.expected)
        add("reporting", subject, "organizations_reported", period.reported)
        add("reporting", subject, "organizations_reported_on_time", period.on_time)
    if year.engagement:
        engagement = year.engagement
        for code, _name in engagement.languages:
            for channel, _label in engagement.channels:
                cell = engagement.table.cells[code][channel]
                add("responses", f"{code}:{channel}", "responses", cell.value, cell.suppressed)
        add("follow_through", "consultations", "closed", engagement.consultations)
        add("follow_through", "consultations", "linked_to_action_items", engagement.linked)
    if year.linkages:
        linkages = year.linkages
        add("linkages", "action_items", "all", linkages.items)
        add("linkages", "action_items", "two_or_more_sectors", linkages.cross_sector_items)
        add("linkages", "organizations", "all", linkages.organizations)
        add("linkages", "organizations", "two_or_more_pillars", linkages.cross_pillar_organizations)
    if year.delivery:
        for code, _label, count in year.delivery.statuses:
            add("delivery", "action_items", code, count)
        add("delivery", "indicators", "with_a_figure", year.delivery.indicators)
        add("delivery", "indicators", "moved_toward_target", year.delivery.indicators_moving)
    return rows


def _attendance_keys(year: YearIndicators) -> list[str]:
    """The open data's name of each attendance row: the group's slug, or "action-groups"."""
    assert year.attendance is not None
    return [row.key for row in year.attendance.groups]


def report_section(fiscal_year: FiscalYear) -> dict[str, Any]:
    """The annual report's section on how the partnership works, in the active language, as
    plain JSON (the report freezes it): each figure with its method."""
    year = indicators_by_year(until=max(fiscal_year, FiscalYear.current())).get(
        fiscal_year.start_year
    ) or YearIndicators(fiscal_year=fiscal_year)
    none = _("No records for this year.")
    lines: list[dict[str, Any]] = []

    def line(key: str, title: StrOrPromise, figures: list[str]) -> None:
        lines.append(
            {
                "key": key,
                "title": str(title),
                "figures": figures or [none],
                "method": str(METHODS[key]),
            }
        )

    line(
        "breadth",
        _("Breadth of membership"),
        [
            _("%(group)s: %(present)s of %(total)s sectors seated; gaps: %(gaps)s")
            % {
                "group": table.group.name,
                "present": len(table.present),
                "total": table.total,
                "gaps": ", ".join(str(gap.name) for gap in table.gaps) or _("none"),
            }
            for table in year.breadth or []
        ],
    )
    line(
        "attendance",
        _("Attendance at meetings"),
        [
            _("%(group)s: %(present)s present, %(absent)s absent (%(percent)s)")
            % {
                "group": row.name,
                "present": row.attended,
                "absent": row.absent,
                "percent": percent_text(row.percent),
            }
            for row in (year.attendance.groups if year.attendance else [])
        ],
    )
    line(
        "turnout",
        _("Turnout in Council votes"),
        [
            _("%(votes)s votes cast out of %(eligible)s members eligible (%(percent)s)")
            % {
                "votes": year.turnout.votes,
                "eligible": year.turnout.eligible,
                "percent": percent_text(year.turnout.percent),
            }
        ]
        if year.turnout
        else [],
    )
    line(
        "reporting",
        _("Partners reporting progress"),
        [
            _("Quarter %(quarter)s: %(reported)s of %(expected)s reported, %(on_time)s on time")
            % {
                "quarter": row.period.quarter,
                "reported": row.reported,
                "expected": row.expected,
                "on_time": row.on_time,
            }
            for row in (year.reporting.periods if year.reporting else [])
        ],
    )
    line(
        "engagement",
        _("Engagement and consultation"),
        [
            _("%(language)s: %(responses)s responses") % {"language": name, "responses": total}
            for name, _cells, total in (year.engagement.rows if year.engagement else [])
        ],
    )
    line(
        "follow_through",
        _("What we did with what we heard"),
        [
            _("%(linked)s of %(total)s consultations are linked to action items.")
            % {"linked": year.engagement.linked, "total": year.engagement.consultations}
        ]
        if year.engagement and year.engagement.consultations
        else [],
    )
    line(
        "linkages",
        _("Links across sectors and pillars"),
        [
            _(
                "%(part)s of %(total)s action items are carried by organizations from two or"
                " more sectors"
            )
            % {"part": year.linkages.cross_sector_items, "total": year.linkages.items},
            _("%(part)s of %(total)s organizations carrying items work in two or more pillars")
            % {
                "part": year.linkages.cross_pillar_organizations,
                "total": year.linkages.organizations,
            },
        ]
        if year.linkages
        else [],
    )
    line(
        "delivery",
        _("Delivery"),
        [
            _("%(status)s: %(count)s (%(percent)s)")
            % {"status": label, "count": count, "percent": percent_text(percent)}
            for _code, label, count, percent in (year.delivery.shares if year.delivery else [])
            if count
        ],
    )
    return {"fiscal_year": fiscal_year.label, "has_data": year.has_data, "lines": lines}
