"""Open data: the datasets, their columns, how their rows are built, and how they are written.

`DATASETS` is the one definition of every column: the /data/ page documents it and the CSV and
JSON writers follow it, so the documentation cannot drift from the files.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from actionplans import selectors as plan_selectors
from actionplans.models import (
    ActionItem,
    ApprovalStatus,
    CommunityActionPlan,
    IndicatorValue,
    ItemStatus,
    ProgressUpdate,
    StrategicDirection,
)
from consultations import selectors as consultation_selectors
from core.fiscal import FiscalYear
from core.spreadsheets import formula_safe
from core.suppression import suppress_series
from evaluation import selectors as evaluation_selectors
from evaluation.selectors import health_check_open_data
from partners.models import Organization
from practices import selectors as practice_selectors
from practices.models import Practice

from . import sources
from .models import ReportVersion

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A row of a dataset: column name to a JSON value (str, int, float, bool or None).
Row = dict[str, Any]

TYPES = {
    "integer": _("whole number"),
    "number": _("number"),
    "string": _("text"),
    "date": _("date (YYYY-MM-DD)"),
    "datetime": _("date and time (ISO 8601, UTC offset included)"),
    "boolean": _("true or false"),
}


# Codes that the network of partnerships compares (contract of the data package).
PILLAR_CODES = ("settle", "work", "belong")
STATUS_CODES = tuple(ItemStatus.values)


@dataclass(frozen=True)
class Column:
    """A column of a dataset. `nullable`: the cell may be empty (an empty text, a suppressed or
    unknown value); every other column is `required` in the Table Schema."""

    name: str
    type: str
    description: StrOrPromise
    nullable: bool = False
    enum: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    @property
    def required(self) -> bool:
        return not self.nullable


@dataclass(frozen=True)
class ForeignKey:
    """Columns of a dataset that refer to those of another (`dataset`, a slug); for a yearly
    dataset referring to another yearly one, to the resource of the same fiscal year."""

    columns: tuple[str, ...]
    dataset: str
    reference: tuple[str, ...]


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: StrOrPromise
    description: StrOrPromise
    columns: tuple[Column, ...]
    # Yearly datasets have one file per fiscal year; the others one file of the data now.
    yearly: bool = True
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]


ACTION_ITEMS = Dataset(
    "action-items",
    _("Action items"),
    _("Every action item of the fiscal year's annual plan, with its current status."),
    (
        Column("item_id", "integer", _("The item's number, as in /actions/<item_id>/.")),
        Column("fiscal_year", "string", _("The fiscal year, April 1 to March 31, e.g. 2025-26.")),
        Column("pillar", "string", _("The pillar: settle, work or belong."), enum=PILLAR_CODES),
        Column("direction_code", "string", _("The strategic direction's code, e.g. W2.")),
        Column("title_en", "string", _("The item's title in English.")),
        Column("title_fr", "string", _("The item's title in French.")),
        Column("lead_organization", "string", _("The organization that leads the item.")),
        Column(
            "partner_organizations",
            "string",
            _("The partner organizations, separated by semicolons."),
            nullable=True,
        ),
        Column("owning_group", "string", _("The steering or action group that owns the item.")),
        Column(
            "status",
            "string",
            _(
                "not_started, on_track, at_risk, delayed, completed or cancelled, from the "
                "latest progress update."
            ),
            enum=STATUS_CODES,
        ),
        Column(
            "percent",
            "integer",
            _("Percent complete (0 to 100), from the latest update."),
            minimum=0,
            maximum=100,
        ),
        Column("start_date", "date", _("When the work starts.")),
        Column("target_date", "date", _("When the work should be done.")),
        Column(
            "latest_narrative",
            "string",
            _("The narrative of the latest progress update."),
            nullable=True,
        ),
        Column(
            "last_updated_at",
            "datetime",
            _("When the latest progress update was recorded; empty if none."),
            nullable=True,
        ),
    ),
    primary_key=("item_id",),
    foreign_keys=(ForeignKey(("direction_code",), "directions", ("code",)),),
)

STATUS_HISTORY = Dataset(
    "status-history",
    _("Status history"),
    _("Every progress update of the year's items, oldest first: how each status changed."),
    (
        Column("update_id", "integer", _("The progress update's number.")),
        Column("item_id", "integer", _("The action item it reports on.")),
        Column("recorded_at", "datetime", _("When the update was recorded.")),
        Column("reporting_period", "string", _("The reporting quarter, e.g. 2025-26 Q2.")),
        Column(
            "status",
            "string",
            _("The status reported (same codes as action items)."),
            enum=STATUS_CODES,
        ),
        Column("percent", "integer", _("The percent complete reported."), minimum=0, maximum=100),
        Column("narrative", "string", _("What the partner wrote."), nullable=True),
    ),
    primary_key=("update_id",),
    foreign_keys=(ForeignKey(("item_id",), "action-items", ("item_id",)),),
)

INDICATORS = Dataset(
    "indicators",
    _("Indicators"),
    _(
        "The plan's indicators by fiscal year, overall and broken down. Counts of people under 5 "
        "are suppressed, with enough other cells that no total gives one away."
    ),
    (
        Column("indicator_id", "integer", _("The indicator's number.")),
        Column(
            "indicator_code",
            "string",
            _(
                "A code shared with other partnerships for the same measure, so that their "
                "figures can be compared; empty if none."
            ),
            nullable=True,
        ),
        Column("indicator_en", "string", _("The indicator's name in English.")),
        Column("indicator_fr", "string", _("The indicator's name in French.")),
        Column("unit", "string", _("The unit of the values.")),
        Column("fiscal_year", "string", _("The fiscal year of the value.")),
        Column(
            "breakdown",
            "string",
            _("Empty for the overall value, else the breakdown's name."),
            nullable=True,
            enum=tuple(d for d in IndicatorValue.Dimension.values if d),
        ),
        Column(
            "category",
            "string",
            _("The group within the breakdown; empty for overall."),
            nullable=True,
        ),
        Column("value", "number", _("The value; empty when suppressed."), nullable=True),
        Column("suppressed", "boolean", _("true when the value is hidden to protect people.")),
        Column("baseline", "number", _("The indicator's baseline.")),
        Column("target", "number", _("The indicator's target.")),
    ),
    primary_key=("indicator_id", "fiscal_year", "breakdown", "category"),
)

PARTNERS = Dataset(
    "partners",
    _("Partners"),
    _("The organizations that led or supported the year's action items."),
    (
        Column("organization", "string", _("The organization's short name (slug).")),
        Column("name", "string", _("The organization's name.")),
        Column("sector", "string", _("The organization's sector (a code)."), nullable=True),
        Column("city", "string", _("Where the organization is based."), nullable=True),
        Column("website", "string", _("The organization's website."), nullable=True),
        Column("items_led", "integer", _("How many of the year's items it leads."), minimum=0),
        Column(
            "items_supported",
            "integer",
            _("How many of the year's items it supports."),
            minimum=0,
        ),
    ),
    primary_key=("organization",),
)

DECISIONS = Dataset(
    "decisions",
    _("Decisions"),
    _("The Council decisions taken in the fiscal year."),
    (
        Column("decision_id", "integer", _("The decision's number.")),
        Column("date", "date", _("When the decision was taken.")),
        Column("title_en", "string", _("What was decided, in English.")),
        Column("title_fr", "string", _("What was decided, in French.")),
        Column("outcome", "string", _("The outcome, in English.")),
        Column("votes_for", "integer", _("Members who voted to approve."), nullable=True),
        Column("votes_against", "integer", _("Members who objected."), nullable=True),
        Column("abstentions", "integer", _("Members who abstained."), nullable=True),
    ),
    primary_key=("decision_id",),
)

HEALTH_CHECK = Dataset(
    "health-check",
    _("Partnership health check"),
    _(
        "How members of the Council and its groups rated the partnership's work (1 to 5), by "
        "statement, overall and by body. A body's figures are published only when at least 5 "
        "people answered for it, and only so that no smaller group can be worked out."
    ),
    (
        Column("fiscal_year", "string", _("The fiscal year of the health check.")),
        Column("statement_id", "integer", _("The statement's number, the same every year.")),
        Column("statement_en", "string", _("The statement in English.")),
        Column("statement_fr", "string", _("The statement in French."), nullable=True),
        Column(
            "body_en",
            "string",
            _("The body in English; empty for every body together."),
            nullable=True,
        ),
        Column(
            "body_fr",
            "string",
            _("The body in French; empty for every body together."),
            nullable=True,
        ),
        Column("responses", "integer", _("People who answered; empty when hidden."), nullable=True),
        Column("suppressed", "boolean", _("true when the figures are hidden to protect people.")),
        Column(
            "mean",
            "number",
            _("The mean rating, 1 to 5; empty when hidden or over fewer than 5 ratings."),
            nullable=True,
        ),
        *(
            Column(
                f"rating_{rating}",
                "integer",
                _("People who rated %(rating)s; empty when hidden.") % {"rating": rating},
                nullable=True,
            )
            for rating in range(1, 6)
        ),
        Column(
            "dont_know", "integer", _("People who did not know; empty when hidden."), nullable=True
        ),
    ),
    primary_key=("statement_id", "body_en"),
)

HEALTH_CHECK_QUOTES = Dataset(
    "health-check-quotes",
    _("Partnership health check: comments"),
    _("The members' comments that staff approved for quoting, without names or bodies."),
    (
        Column("fiscal_year", "string", _("The fiscal year of the health check.")),
        Column("quote", "string", _("The comment as approved.")),
    ),
)

PARTNERSHIP_INDICATORS = Dataset(
    "partnership-indicators",
    _("How well the partnership works"),
    _(
        "The partnership's process and outcome indicators for the fiscal year, one figure a row:"
        " breadth of membership, attendance, vote turnout, reporting, consultation responses,"
        " follow-through, linkages and delivery (their methods are on /about/how-we-work/)."
        " Counts of people under 5 are suppressed, with enough other cells that no total gives"
        " one away."
    ),
    (
        Column("fiscal_year", "string", _("The fiscal year, April 1 to March 31, e.g. 2025-26.")),
        Column(
            "indicator",
            "string",
            _(
                "breadth, attendance, turnout, reporting, responses, follow_through, linkages"
                " or delivery."
            ),
        ),
        Column(
            "subject",
            "string",
            _(
                "What the figure is about: a group (its slug), a reporting quarter (Q1 to Q4),"
                " a language and channel (e.g. fr:paper), action items or organizations."
            ),
            nullable=True,
        ),
        Column(
            "measure",
            "string",
            _("What is counted, e.g. present, absent, votes_cast; gap:<sector> names a gap."),
        ),
        Column(
            "value", "integer", _("The count; empty when suppressed or for a gap."), nullable=True
        ),
        Column("suppressed", "boolean", _("true when the value is hidden to protect people.")),
    ),
)

# --- Current datasets: one file of the data as it stands now, not one per fiscal year ---------

PLAN = Dataset(
    "plan",
    _("Community Action Plans"),
    _("The multi-year plans the Council adopted, with the fiscal years they cover."),
    (
        Column("plan_id", "integer", _("The plan's number.")),
        Column("title_en", "string", _("The plan's title in English.")),
        Column("title_fr", "string", _("The plan's title in French.")),
        Column("first_year", "string", _("The plan's first fiscal year, e.g. 2022-23.")),
        Column("last_year", "string", _("The plan's last fiscal year, e.g. 2026-27.")),
        Column(
            "status",
            "string",
            _("past, current or upcoming, as of today's fiscal year."),
            enum=("past", "current", "upcoming"),
        ),
    ),
    yearly=False,
    primary_key=("plan_id",),
)

DIRECTIONS = Dataset(
    "directions",
    _("Strategic directions"),
    _("The strategic directions the Council approved, under each pillar of each plan."),
    (
        Column("plan_id", "integer", _("The plan the direction belongs to.")),
        Column("code", "string", _("The direction's code, e.g. W2, unique within a plan.")),
        Column("pillar", "string", _("The pillar: settle, work or belong."), enum=PILLAR_CODES),
        Column("title_en", "string", _("The direction's title in English.")),
        Column("title_fr", "string", _("The direction's title in French.")),
    ),
    yearly=False,
    primary_key=("plan_id", "code"),
    foreign_keys=(ForeignKey(("plan_id",), "plan", ("plan_id",)),),
)

REPORTS = Dataset(
    "reports",
    _("Annual reports"),
    _("Every published version of the annual reports, with the addresses of its pages and PDFs."),
    (
        Column("fiscal_year", "string", _("The fiscal year the report covers.")),
        Column("version", "integer", _("The version's number, from 1."), minimum=1),
        Column("published_at", "datetime", _("When the version was published.")),
        Column("html_url_en", "string", _("The address of the report's page in English.")),
        Column("html_url_fr", "string", _("The address of the report's page in French.")),
        Column(
            "pdf_url_en",
            "string",
            _("The address of the PDF in English; empty while it is being built."),
            nullable=True,
        ),
        Column(
            "pdf_url_fr",
            "string",
            _("The address of the PDF in French; empty while it is being built."),
            nullable=True,
        ),
    ),
    yearly=False,
    primary_key=("fiscal_year", "version"),
)

CONSULTATION_RESULTS = Dataset(
    "consultation-results",
    _("Consultation results"),
    _(
        "The published results of closed consultations, one row per question and option, as on "
        "their results pages. Counts under 5 are suppressed, with enough other cells that no "
        "total gives one away."
    ),
    (
        Column("consultation", "string", _("The consultation's short name (slug).")),
        Column("consultation_title_en", "string", _("The consultation's title in English.")),
        Column("consultation_title_fr", "string", _("The consultation's title in French.")),
        Column("closed_on", "date", _("When the consultation closed.")),
        Column("question_id", "integer", _("The question's number.")),
        Column("question_en", "string", _("The question in English.")),
        Column("question_fr", "string", _("The question in French.")),
        Column("option", "string", _("The option's key: its position, or the rating 1 to 5.")),
        Column("option_en", "string", _("The option in English.")),
        Column("option_fr", "string", _("The option in French.")),
        Column(
            "count",
            "integer",
            _("People who chose the option; empty when suppressed."),
            nullable=True,
            minimum=0,
        ),
        Column("suppressed", "boolean", _("true when the count is hidden to protect people.")),
        Column(
            "answered",
            "integer",
            _("People who answered the question; empty when hidden."),
            nullable=True,
            minimum=0,
        ),
    ),
    yearly=False,
    primary_key=("consultation", "question_id", "option"),
)

# The funder progress report (staff only): one row per item, as at the end of a period.
FUNDER_REPORT_COLUMNS = (
    Column("item_id", "integer", _("The item's number.")),
    Column("direction_code", "string", _("The strategic direction's code, e.g. W2.")),
    Column("title", "string", _("The item's title.")),
    Column("lead_organization", "string", _("The organization that leads the item.")),
    Column("status", "string", _("The status at the end of the period.")),
    Column("percent", "integer", _("Percent complete at the end of the period.")),
    Column("latest_narrative", "string", _("The last narrative reported up to the period.")),
    Column("reported_in", "string", _("The period of that last report.")),
)

ALL_DATASETS = (
    ACTION_ITEMS,
    STATUS_HISTORY,
    INDICATORS,
    PARTNERS,
    DECISIONS,
    HEALTH_CHECK,
    HEALTH_CHECK_QUOTES,
    PARTNERSHIP_INDICATORS,
)
FORMATS = ("csv", "json")


def available_datasets() -> list[Dataset]:
    """The yearly datasets this portal publishes."""
    return list(ALL_DATASETS)


def dataset_by_slug(slug: str) -> Dataset | None:
    """A yearly dataset."""
    return next((dataset for dataset in available_datasets() if dataset.slug == slug), None)


def current_datasets() -> list[Dataset]:
    """The current datasets this portal publishes (see CURRENT_DATASETS, below the rows)."""
    return [dataset for dataset, _rows in CURRENT_DATASETS]


def current_dataset_by_slug(slug: str) -> tuple[Dataset, Callable[[], list[Row]]] | None:
    """A current dataset and the function that builds its rows."""
    return next((entry for entry in CURRENT_DATASETS if entry[0].slug == slug), None)


# --- Rows, read from the database (at publication, or live for a year not yet reported) -----


def _items(
    fiscal_year: FiscalYear, items: QuerySet[ActionItem] | None = None
) -> QuerySet[ActionItem]:
    if items is None:
        items = ActionItem.objects.filter(annual_plan__fiscal_year=fiscal_year.start_year)
    return items


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def action_item_rows(
    fiscal_year: FiscalYear, items: QuerySet[ActionItem] | None = None
) -> list[Row]:
    items = (
        _items(fiscal_year, items)
        .select_related(
            "strategic_direction__pillar", "lead_organization", "owning_group", "latest_update"
        )
        .prefetch_related(
            Prefetch("partner_organizations", queryset=Organization.objects.order_by("name"))
        )
        .order_by("strategic_direction__pillar__order", "strategic_direction__code", "pk")
    )
    return [
        {
            "item_id": item.pk,
            "fiscal_year": fiscal_year.label,
            "pillar": item.strategic_direction.pillar.slug,
            "direction_code": item.strategic_direction.code,
            "title_en": item.title_en or "",
            "title_fr": item.title_fr or item.title_en or "",
            "lead_organization": item.lead_organization.name,
            "partner_organizations": "; ".join(o.name for o in item.partner_organizations.all()),
            "owning_group": item.owning_group.name,
            "status": item.status,
            "percent": item.percent,
            "start_date": item.start_date.isoformat(),
            "target_date": item.target_date.isoformat(),
            "latest_narrative": item.latest_update.narrative if item.latest_update else "",
            "last_updated_at": _iso(item.latest_update.created_at) if item.latest_update else None,
        }
        for item in items
    ]


def status_history_rows(
    fiscal_year: FiscalYear, items: QuerySet[ActionItem] | None = None
) -> list[Row]:
    updates = (
        ProgressUpdate.objects.filter(item__in=_items(fiscal_year, items))
        .select_related("reporting_period")
        .order_by("created_at", "pk")
    )
    return [
        {
            "update_id": update.pk,
            "item_id": update.item_id,
            "recorded_at": update.created_at.isoformat(),
            "reporting_period": (
                f"{FiscalYear(update.reporting_period.fiscal_year).label} "
                f"Q{update.reporting_period.quarter}"
            ),
            "status": update.status,
            "percent": update.percent,
            "narrative": update.narrative,
        }
        for update in updates
    ]


def _number(value: Decimal | float) -> int | float:
    value = float(value)
    return int(value) if value.is_integer() else value


def indicator_rows(fiscal_year: FiscalYear, plan: CommunityActionPlan | None) -> list[Row]:
    """Values up to the fiscal year; each breakdown of counts of people goes through
    core.suppression, so a suppressed cell is never written."""
    indicators = plan_selectors.indicators_with_values(plan, through=fiscal_year)
    rows: list[Row] = []
    for indicator in indicators:
        base = {
            "indicator_id": indicator.pk,
            "indicator_code": indicator.code,
            "indicator_en": indicator.name_en or "",
            "indicator_fr": indicator.name_fr or indicator.name_en or "",
            "unit": indicator.unit_en or "",
        }
        groups: dict[tuple[int, str], list[IndicatorValue]] = {}
        for value in indicator.values.all():
            groups.setdefault((value.fiscal_year, value.dimension), []).append(value)
        for (year, dimension), values in groups.items():
            cells: dict[int, int | float | None]
            if dimension and indicator.counts_people:
                series = suppress_series({v.pk: int(v.value) for v in values})
                cells = {pk: cell.value for pk, cell in series.cells.items()}
            else:
                cells = {v.pk: _number(v.value) for v in values}
            for value in values:
                rows.append(
                    {
                        **base,
                        "fiscal_year": FiscalYear(year).label,
                        "breakdown": dimension,
                        "category": value.category_en or "",
                        "value": cells[value.pk],
                        "suppressed": cells[value.pk] is None,
                        "baseline": _number(indicator.baseline),
                        "target": _number(indicator.target),
                    }
                )
    return rows


def partner_rows(fiscal_year: FiscalYear, items: QuerySet[ActionItem] | None = None) -> list[Row]:
    items = _items(fiscal_year, items)
    led = dict(items.order_by().values_list("lead_organization").annotate(count=Count("pk")))
    supported = dict(
        ActionItem.partner_organizations.through.objects.filter(actionitem__in=items)
        .order_by()
        .values_list("organization")
        .annotate(count=Count("pk"))
    )
    organizations = Organization.objects.filter(pk__in=set(led) | set(supported)).order_by("name")
    return [
        {
            "organization": organization.slug,
            "name": organization.name,
            "sector": organization.sector,
            "city": organization.city,
            "website": organization.website,
            "items_led": led.get(organization.pk, 0),
            "items_supported": supported.get(organization.pk, 0),
        }
        for organization in organizations
    ]


def decision_rows(fiscal_year: FiscalYear) -> list[Row]:
    english = sources.decisions_for_year(fiscal_year, "en")
    french = {row["id"]: row for row in sources.decisions_for_year(fiscal_year, "fr")}
    return [
        {
            "decision_id": row["id"],
            "date": row["date"],
            "title_en": row["title"],
            "title_fr": french.get(row["id"], row)["title"],
            "outcome": row["outcome"],
            "votes_for": row["votes_for"],
            "votes_against": row["votes_against"],
            "abstentions": row["abstentions"],
        }
        for row in english
    ]


def health_check_rows(fiscal_year: FiscalYear) -> list[Row]:
    return health_check_open_data(fiscal_year)[0]


def health_check_quote_rows(fiscal_year: FiscalYear) -> list[Row]:
    quotes = health_check_open_data(fiscal_year)[1]
    return [{"fiscal_year": fiscal_year.label, "quote": quote} for quote in quotes]


def partnership_indicator_rows(fiscal_year: FiscalYear) -> list[Row]:
    return evaluation_selectors.open_data_rows(fiscal_year)


def build_datasets(
    fiscal_year: FiscalYear,
    *,
    plan: CommunityActionPlan | None,
    items: QuerySet[ActionItem] | None = None,
) -> dict[str, list[Row]]:
    """Every dataset's rows for a fiscal year: {slug: [row]}."""
    datasets = {
        ACTION_ITEMS.slug: action_item_rows(fiscal_year, items),
        STATUS_HISTORY.slug: status_history_rows(fiscal_year, items),
        INDICATORS.slug: indicator_rows(fiscal_year, plan),
        PARTNERS.slug: partner_rows(fiscal_year, items),
        DECISIONS.slug: decision_rows(fiscal_year),
        PARTNERSHIP_INDICATORS.slug: partnership_indicator_rows(fiscal_year),
    }
    datasets[HEALTH_CHECK.slug] = health_check_rows(fiscal_year)
    datasets[HEALTH_CHECK_QUOTES.slug] = health_check_quote_rows(fiscal_year)
    return datasets


# --- Rows of the current datasets ------------------------------------------------------------


def plan_rows() -> list[Row]:
    current = FiscalYear.current().start_year
    plans = CommunityActionPlan.objects.order_by("first_year", "pk")
    return [
        {
            "plan_id": plan.pk,
            "title_en": plan.title_en or "",
            "title_fr": plan.title_fr or plan.title_en or "",
            "first_year": plan.first_fiscal_year.label,
            "last_year": plan.last_fiscal_year.label,
            "status": (
                "past"
                if plan.last_year < current
                else "upcoming"
                if plan.first_year > current
                else "current"
            ),
        }
        for plan in plans
    ]


def direction_rows() -> list[Row]:
    directions = (
        StrategicDirection.objects.filter(status=ApprovalStatus.APPROVED)
        .select_related("pillar")
        .order_by("plan", "pillar__order", "code")
    )
    return [
        {
            "plan_id": direction.plan_id,
            "code": direction.code,
            "pillar": direction.pillar.slug,
            "title_en": direction.title_en or "",
            "title_fr": direction.title_fr or direction.title_en or "",
        }
        for direction in directions
    ]


def _absolute(view: str, language: str, **kwargs: object) -> str:
    with translation.override(language):
        return settings.PORTAL_BASE_URL + reverse(view, kwargs=kwargs)


def report_rows() -> list[Row]:
    versions = (
        ReportVersion.objects.select_related("report")
        .only("number", "published_at", "pdf_en", "pdf_fr", "report__fiscal_year")
        .order_by("report__fiscal_year", "number")
    )
    rows = []
    for version in versions:
        year = FiscalYear(version.report.fiscal_year)
        where = {"fiscal_year": year, "number": version.number}
        rows.append(
            {
                "fiscal_year": year.label,
                "version": version.number,
                "published_at": version.published_at.isoformat(),
                "html_url_en": _absolute("reports:version_detail", "en", **where),
                "html_url_fr": _absolute("reports:version_detail", "fr", **where),
                "pdf_url_en": _absolute("reports:version_pdf", "en", **where)
                if version.pdf_en
                else "",
                "pdf_url_fr": _absolute("reports:version_pdf", "fr", **where)
                if version.pdf_fr
                else "",
            }
        )
    return rows


def consultation_result_rows() -> list[Row]:
    return consultation_selectors.published_results_for_open_data()


# Every current dataset and the function that builds its rows: adding a dataset to the
# data package, /data/ and its files is its declaration above and one line here.
PRACTICES = Dataset(
    "practices",
    _("Practices"),
    _(
        "The practice library: what the partnership tried, for whom, and how it worked, each drawn"
        " from an action item and published by staff."
    ),
    (
        Column("practice_id", "integer", _("The practice's number, as in /practices/<id>/.")),
        Column("title_en", "string", _("The practice's title in English.")),
        Column("title_fr", "string", _("The practice's title in French."), nullable=True),
        Column("pillar", "string", _("The pillar: settle, work or belong."), enum=PILLAR_CODES),
        Column("problem_en", "string", _("The problem it answers, in English.")),
        Column("problem_fr", "string", _("The problem it answers, in French."), nullable=True),
        Column("what_was_done_en", "string", _("What was done, in English.")),
        Column("what_was_done_fr", "string", _("What was done, in French."), nullable=True),
        Column(
            "populations",
            "string",
            _("The populations served (codes), separated by semicolons."),
            nullable=True,
        ),
        Column(
            "languages",
            "string",
            _("The languages the work was offered in (codes), separated by semicolons."),
            nullable=True,
        ),
        Column(
            "outcome",
            "string",
            _("worked, promising, mixed, did_not_work or too_early."),
            enum=tuple(Practice.Outcome.values),
        ),
        Column(
            "indicator_codes",
            "string",
            _("The shared codes of the indicators its results are linked to, by semicolons."),
            nullable=True,
        ),
        Column("lead_organization", "string", _("The organization that led the work.")),
        Column(
            "contact_email",
            "string",
            _("Whom to ask, when the contact agreed to be named; else empty."),
            nullable=True,
        ),
        Column("item_id", "integer", _("The action item the practice is drawn from.")),
        Column("published_at", "datetime", _("When the practice was published.")),
        Column("url", "string", _("The address of the practice's page.")),
    ),
    yearly=False,
    primary_key=("practice_id",),
)


CURRENT_DATASETS: tuple[tuple[Dataset, Callable[[], list[Row]]], ...] = (
    (PLAN, plan_rows),
    (DIRECTIONS, direction_rows),
    (REPORTS, report_rows),
    (CONSULTATION_RESULTS, consultation_result_rows),
    (PRACTICES, practice_selectors.open_data_rows),
)


# --- Writers ----------------------------------------------------------------------------------


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return formula_safe(value)


def write_csv(columns: Iterable[Column], rows: Iterable[Row]) -> str:
    """CSV text with a header row; text that a spreadsheet would run as a formula is
    neutralised with a leading apostrophe."""
    names = [column.name for column in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_cell(row.get(name)) for name in names])
    return buffer.getvalue()


def write_json(
    dataset: Dataset,
    fiscal_year: FiscalYear | None,
    rows: Iterable[Row],
    *,
    frozen_version: int | None = None,
) -> str:
    """The JSON file of a dataset; `fiscal_year` None for a current dataset."""
    document = {
        "dataset": dataset.slug,
        "fiscal_year": fiscal_year.label if fiscal_year else None,
        "published_with_report_version": frozen_version,
        "columns": [
            {"name": c.name, "type": c.type, "nullable": c.nullable} for c in dataset.columns
        ],
        "rows": [{name: row.get(name) for name in dataset.column_names} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
