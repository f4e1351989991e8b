"""Everything a published report shows, computed once, as plain JSON.

`build_snapshot(report)` reads the year's data (in about twenty queries per language) and
returns {"format", "built_at", "languages": {"en": {...}, "fr": {...}}}; `build_datasets(report)`
returns the year's open data, {slug: [row]}, stored apart (ReportVersionDataset). The stored
pages and the PDFs render only from the snapshot, so a published version never changes when the
data does. (Format 1 snapshots also held the datasets and no status counts per direction;
format 2 snapshots said "fewer than 5" of every hidden cell, until migration 0004 of reports
made them read "not shown, to protect small counts". Format 3 snapshots until issue 16 also
held each indicator's chart geometry; the charts are now drawn from the figures when rendering.)
"""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans import selectors as plan_selectors
from actionplans.models import (
    ActionItem,
    AnnualActionPlan,
    CommunityActionPlan,
    ItemStatus,
    RollUp,
    StrategicDirection,
    weighted_progress,
)
from actionplans.services import narrative_to_html
from core.fiscal import FiscalYear
from core.suppression import default_threshold
from evaluation import selectors as evaluation_selectors
from evaluation.selectors import health_check_report_section
from partners.models import Organization
from pillars.models import Meeting, Membership, running_during

from . import opendata, sources
from .models import AnnualReport

SNAPSHOT_FORMAT = 3
LANGUAGES = ("en", "fr")
# The statuses whose items the report lists one by one, with their last narrative.
OUTCOME_STATUSES = (ItemStatus.COMPLETED, ItemStatus.DELAYED, ItemStatus.CANCELLED)


def _number(value: Decimal | float) -> int | float:
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)


def _status_counts(counts: dict[str, int]) -> list[dict[str, Any]]:
    """[{status, label, count}] of the statuses with items, in the statuses' order."""
    return [
        {"status": value, "label": str(label), "count": counts[value]}
        for value, label in ItemStatus.choices
        if counts.get(value)
    ]


def _pillars(
    items: QuerySet[ActionItem], community_plan: CommunityActionPlan | None
) -> list[dict[str, Any]]:
    if community_plan is None:
        return []
    directions = plan_selectors.directions_for_plan(user=None, plan=community_plan)
    by_direction, by_pillar = plan_selectors.progress_rollup(items)
    # Items by direction and status, cancelled ones included (one query).
    counts: dict[int, dict[str, int]] = {}
    for row in items.order_by().values("strategic_direction", "status").annotate(n=Count("pk")):
        counts.setdefault(row["strategic_direction"], {})[row["status"]] = row["n"]

    def pillar_counts(rows: list[tuple[StrategicDirection, RollUp]]) -> dict[str, int]:
        total: dict[str, int] = {}
        for direction, _rollup in rows:
            for status, count in counts.get(direction.pk, {}).items():
                total[status] = total.get(status, 0) + count
        return total

    return [
        {
            "slug": pillar.slug,
            "name": pillar.name,
            "percent": rollup.percent,
            "item_count": rollup.item_count,
            "status_counts": _status_counts(pillar_counts(rows)),
            "directions": [
                {
                    "code": direction.code,
                    "title": direction.title,
                    "percent": direction_rollup.percent,
                    "item_count": direction_rollup.item_count,
                    "status_counts": _status_counts(counts.get(direction.pk, {})),
                }
                for direction, direction_rollup in rows
            ],
        }
        for pillar, rollup, rows in plan_selectors.pillars_with_directions(
            directions, by_direction, by_pillar
        )
    ]


def _outcomes(items: QuerySet[ActionItem]) -> list[dict[str, Any]]:
    listed = (
        items.filter(status__in=OUTCOME_STATUSES)
        .select_related("strategic_direction", "lead_organization", "latest_update")
        .order_by("strategic_direction__pillar__order", "strategic_direction__code", "pk")
    )
    groups: dict[str, list[dict[str, Any]]] = {status: [] for status in OUTCOME_STATUSES}
    for item in listed:
        update = item.latest_update
        groups[item.status].append(
            {
                "id": item.pk,
                "title": item.title,
                "direction": item.strategic_direction.code,
                "lead": item.lead_organization.name,
                "percent": item.percent,
                "narrative": update.narrative if update else "",
                # The narrative's Markdown as sanitised HTML (nh3), frozen with the rest.
                "narrative_html": narrative_to_html(update.narrative) if update else "",
                "updated_on": date_format(timezone.localdate(update.created_at)) if update else "",
            }
        )
    return [
        {"status": status.value, "label": str(status.label), "items": groups[status]}
        for status in OUTCOME_STATUSES
    ]


def _indicators(
    fiscal_year: FiscalYear, community_plan: CommunityActionPlan | None
) -> list[dict[str, Any]]:
    indicators = plan_selectors.indicators_with_values(community_plan, through=fiscal_year)
    result: list[dict[str, Any]] = []
    for indicator in indicators:
        values = list(indicator.values.all())
        overall = [v for v in values if not v.dimension]
        result.append(
            {
                "id": indicator.pk,
                "name": indicator.name,
                "description": indicator.description,
                "unit": indicator.unit,
                "direction": str(indicator.get_direction_display()),
                "baseline": _number(indicator.baseline),
                "baseline_year": FiscalYear(indicator.baseline_year).label,
                "target": _number(indicator.target),
                "target_year": FiscalYear(indicator.target_year).label,
                "values": [
                    {"year": FiscalYear(v.fiscal_year).label, "value": _number(v.value)}
                    for v in overall
                ],
                "breakdowns": [
                    {
                        "year": breakdown.year_label,
                        "dimension": str(breakdown.dimension_label),
                        "rows": [
                            {
                                "category": category,
                                "value": cell.value,
                                "small": cell.is_small,
                                "display": str(cell),
                            }
                            for category, cell in breakdown.rows
                        ],
                        "total": {
                            "value": breakdown.total.value,
                            "small": breakdown.total.is_small,
                            "display": str(breakdown.total),
                        },
                    }
                    for breakdown in plan_selectors.indicator_breakdowns(indicator, values)
                ],
            }
        )
    return result


def _partners(fiscal_year: FiscalYear, items: QuerySet[ActionItem]) -> dict[str, Any]:
    organization_ids = set(items.values_list("lead_organization", flat=True)) | set(
        ActionItem.partner_organizations.through.objects.filter(actionitem__in=items).values_list(
            "organization", flat=True
        )
    )
    organizations = Organization.objects.filter(pk__in=organization_ids)
    sector_labels = dict(Organization.Sector.choices)
    by_sector = [
        {
            "sector": row["sector"],
            "label": str(sector_labels.get(row["sector"], row["sector"])),
            "count": row["count"],
        }
        for row in organizations.order_by()
        .values("sector")
        .annotate(count=Count("pk"))
        .order_by("-count", "sector")
    ]
    memberships = Membership.objects.filter(
        running_during(fiscal_year.starts_on, fiscal_year.ends_on)
    )
    people_by_sector = [
        {
            "sector": row["organization__sector"] or "",
            "label": str(
                sector_labels.get(row["organization__sector"], _("Residents and individuals"))
            ),
            "count": row["count"],
        }
        for row in memberships.order_by()
        .values("organization__sector")
        .annotate(count=Count("person", distinct=True))
        .order_by("-count", "organization__sector")
    ]
    return {
        "organization_count": len(organization_ids),
        "people_count": memberships.values("person").distinct().count(),
        "by_sector": by_sector,
        "people_by_sector": people_by_sector,
        "organizations": list(organizations.order_by("name").values_list("name", flat=True)),
    }


def _meetings(fiscal_year: FiscalYear) -> dict[str, Any]:
    meetings = Meeting.objects.filter(
        held_on__gte=fiscal_year.starts_on, held_on__lte=fiscal_year.ends_on
    )
    by_group = [
        {"group": row["group__name"], "count": row["count"]}
        for row in meetings.order_by()
        .values("group__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "group__name")
    ]
    return {"count": sum(row["count"] for row in by_group), "by_group": by_group}


def build_language(report: AnnualReport, language: str) -> dict[str, Any]:
    """The report's texts and figures in one language."""
    with translation.override(language):
        fiscal_year = FiscalYear(report.fiscal_year)
        community_plan = plan_selectors.community_plan_for_year(fiscal_year)
        annual_plan = AnnualActionPlan.objects.filter(fiscal_year=fiscal_year.start_year).first()
        items = ActionItem.objects.filter(annual_plan__fiscal_year=fiscal_year.start_year)
        counts = plan_selectors.status_counts(items)
        return {
            "language": language,
            "fiscal_year": fiscal_year.label,
            # The small-cell threshold the figures were hidden at, for the note beside them.
            "threshold": default_threshold(),
            "title": _("Annual report FY %(year)s") % {"year": fiscal_year.display},
            "portal_name": settings.PORTAL_NAME.get(language, settings.PORTAL_NAME["en"]),
            "period": _("April 1, %(start)s to March 31, %(end)s")
            % {"start": fiscal_year.start_year, "end": fiscal_year.start_year + 1},
            "plan_title": community_plan.title if community_plan else "",
            "annual_plan_summary": annual_plan.summary if annual_plan else "",
            "narrative": {
                "chair_message": report.chair_message or "",
                "highlights": report.highlights or "",
                "whats_next": report.whats_next or "",
            },
            "summary": {
                "item_count": sum(count for _value, _label, count in counts),
                "percent": weighted_progress(items),
                "max_count": max([count for _value, _label, count in counts] or [0]),
                "status_counts": [
                    {"status": value, "label": str(label), "count": count}
                    for value, label, count in counts
                ],
            },
            "pillars": _pillars(items, community_plan),
            "outcomes": _outcomes(items),
            "indicators": _indicators(fiscal_year, community_plan),
            "partners": _partners(fiscal_year, items),
            "meetings": _meetings(fiscal_year),
            "decisions": sources.decisions_for_year(fiscal_year, language),
            "consultations": sources.consultations_for_year(fiscal_year, language),
            "health_check": health_check_report_section(fiscal_year, language),
            "how_we_work": evaluation_selectors.report_section(fiscal_year),
        }


def build_snapshot(report: AnnualReport) -> dict[str, Any]:
    """Every language's figures and texts, as of now."""
    return {
        "format": SNAPSHOT_FORMAT,
        "built_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "languages": {language: build_language(report, language) for language in LANGUAGES},
    }


def build_datasets(report: AnnualReport) -> dict[str, list[opendata.Row]]:
    """The year's open data as of now: {slug: [row]}."""
    fiscal_year = FiscalYear(report.fiscal_year)
    return opendata.build_datasets(
        fiscal_year, plan=plan_selectors.community_plan_for_year(fiscal_year)
    )


def snapshot_language(snapshot: dict[str, Any], language: str) -> dict[str, Any]:
    languages = snapshot.get("languages", {})
    return languages.get(language) or languages.get("en") or {}
