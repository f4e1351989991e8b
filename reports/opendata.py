"""Open data: the datasets, their columns, how their rows are built, and how they are written.

`DATASETS` is the one definition of every column: the /data/ page documents it and the CSV and
JSON writers follow it, so the documentation cannot drift from the files.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from actionplans import selectors as plan_selectors
from actionplans.models import (
    ActionItem,
    CommunityActionPlan,
    IndicatorValue,
    ProgressUpdate,
)
from core.fiscal import FiscalYear
from core.spreadsheets import formula_safe
from core.suppression import suppress_series
from evaluation import selectors as evaluation_selectors
from evaluation.selectors import health_check_open_data
from partners.models import Organization

from . import sources

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


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: StrOrPromise
    nullable: bool = False


@dataclass(frozen=True)
class Dataset:
    slug: str
    title: StrOrPromise
    description: StrOrPromise
    columns: tuple[Column, ...]

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
        Column("pillar", "string", _("The pillar: settle, work or belong.")),
        Column("direction_code", "string", _("The strategic direction's code, e.g. W2.")),
        Column("title_en", "string", _("The item's title in English.")),
        Column("title_fr", "string", _("The item's title in French.")),
        Column("lead_organization", "string", _("The organization that leads the item.")),
        Column(
            "partner_organizations",
            "string",
            _("The partner organizations, separated by semicolons."),
        ),
        Column("owning_group", "string", _("The steering or action group that owns the item.")),
        Column(
            "status",
            "string",
            _(
                "not_started, on_track, at_risk, delayed, completed or cancelled, from the "
                "latest progress update."
            ),
        ),
        Column("percent", "integer", _("Percent complete (0 to 100), from the latest update.")),
        Column("start_date", "date", _("When the work starts.")),
        Column("target_date", "date", _("When the work should be done.")),
        Column("latest_narrative", "string", _("The narrative of the latest progress update.")),
        Column(
            "last_updated_at",
            "datetime",
            _("When the latest progress update was recorded; empty if none."),
            nullable=True,
        ),
    ),
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
        Column("status", "string", _("The status reported (same codes as action items).")),
        Column("percent", "integer", _("The percent complete reported.")),
        Column("narrative", "string", _("What the partner wrote.")),
    ),
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
        Column("indicator_en", "string", _("The indicator's name in English.")),
        Column("indicator_fr", "string", _("The indicator's name in French.")),
        Column("unit", "string", _("The unit of the values.")),
        Column("fiscal_year", "string", _("The fiscal year of the value.")),
        Column("breakdown", "string", _("Empty for the overall value, else the breakdown's name.")),
        Column("category", "string", _("The group within the breakdown; empty for overall.")),
        Column("value", "number", _("The value; empty when suppressed."), nullable=True),
        Column("suppressed", "boolean", _("true when the value is hidden to protect people.")),
        Column("baseline", "number", _("The indicator's baseline.")),
        Column("target", "number", _("The indicator's target.")),
    ),
)

PARTNERS = Dataset(
    "partners",
    _("Partners"),
    _("The organizations that led or supported the year's action items."),
    (
        Column("organization", "string", _("The organization's short name (slug).")),
        Column("name", "string", _("The organization's name.")),
        Column("sector", "string", _("The organization's sector (a code).")),
        Column("city", "string", _("Where the organization is based.")),
        Column("website", "string", _("The organization's website.")),
        Column("items_led", "integer", _("How many of the year's items it leads.")),
        Column("items_supported", "integer", _("How many of the year's items it supports.")),
    ),
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
        Column("statement_fr", "string", _("The statement in French.")),
        Column("body_en", "string", _("The body in English; empty for every body together.")),
        Column("body_fr", "string", _("The body in French; empty for every body together.")),
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
    """The datasets this portal publishes."""
    return list(ALL_DATASETS)


def dataset_by_slug(slug: str) -> Dataset | None:
    return next((dataset for dataset in available_datasets() if dataset.slug == slug), None)


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
    fiscal_year: FiscalYear,
    rows: Iterable[Row],
    *,
    frozen_version: int | None = None,
) -> str:
    document = {
        "dataset": dataset.slug,
        "fiscal_year": fiscal_year.label,
        "published_with_report_version": frozen_version,
        "columns": [
            {"name": c.name, "type": c.type, "nullable": c.nullable} for c in dataset.columns
        ],
        "rows": [{name: row.get(name) for name in dataset.column_names} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
