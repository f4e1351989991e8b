"""Reads of annual reports, with who-may-see-what built in."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, JSONField, Max, OuterRef, Subquery
from django.http import Http404

from actionplans import selectors as plan_selectors
from actionplans.models import (
    ActionItem,
    AnnualActionPlan,
    ApprovalStatus,
    ItemStatus,
    ProgressUpdate,
    ReportingPeriod,
)
from core.fiscal import FiscalYear

from . import opendata
from .models import AnnualReport, ReportVersion, ReportVersionDataset, ReportVersionPage

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from partners.models import User


@dataclass
class PublishedReport:
    fiscal_year: FiscalYear
    latest_number: int
    published_at: datetime.datetime
    version_count: int


def published_reports() -> list[PublishedReport]:
    """Every published report, newest fiscal year first, in one query."""
    rows = (
        AnnualReport.objects.filter(versions__isnull=False)
        .annotate(
            latest_number=Max("versions__number"),
            last_published=Max("versions__published_at"),
            version_count=Count("versions"),
        )
        .order_by("-fiscal_year")
    )
    return [
        PublishedReport(
            FiscalYear(row.fiscal_year), row.latest_number, row.last_published, row.version_count
        )
        for row in rows
    ]


def latest_published_report() -> PublishedReport | None:
    reports = published_reports()
    return reports[0] if reports else None


# What the pages need of a version: never its snapshot.
VERSION_FIELDS = (
    "pk",
    "number",
    "published_at",
    "note",
    "pdf_en",
    "pdf_fr",
    "report_id",
    "report__id",
    "report__fiscal_year",
)


def report_version_get(*, fiscal_year: FiscalYear, number: int | None = None) -> ReportVersion:
    """A published version of a fiscal year's report (the latest unless `number`), or 404.

    Without its snapshot: the pages read their stored HTML, the PDF its file."""
    versions = (
        ReportVersion.objects.select_related("report")
        .only(*VERSION_FIELDS)
        .filter(report__fiscal_year=fiscal_year.start_year)
    )
    version = (
        versions.filter(number=number).first()
        if number is not None
        else versions.order_by("-number").first()
    )
    if version is None:
        raise Http404
    return version


@dataclass
class StoredPage:
    version: ReportVersion
    versions: list[ReportVersion]  # every version of the report, newest first
    page: ReportVersionPage | None  # None when not rendered yet (see services)


def report_version_page(
    *,
    fiscal_year: FiscalYear,
    language: str,
    number: int | None = None,
    page: int = ReportVersionPage.REPORT,
) -> StoredPage:
    """A stored page of a published version (the latest unless `number`), in two queries:
    the report's versions (without their snapshots) and the page's HTML. 404 if no such
    version; `page` None if the version's pages are not rendered yet."""
    versions = list(
        ReportVersion.objects.select_related("report")
        .only(*VERSION_FIELDS)
        .filter(report__fiscal_year=fiscal_year.start_year)
        .order_by("-number")
    )
    if number is None:
        version = versions[0] if versions else None
    else:
        version = next((v for v in versions if v.number == number), None)
    if version is None:
        raise Http404
    stored = ReportVersionPage.objects.filter(
        version=version, language=language, number=page
    ).first()
    return StoredPage(version=version, versions=versions, page=stored)


def report_version_has_pages(*, version: ReportVersion) -> bool:
    return ReportVersionPage.objects.filter(version=version).exists()


def report_versions(*, report: AnnualReport) -> list[ReportVersion]:
    """Every version of a report, newest first, without their snapshots."""
    return list(
        ReportVersion.objects.filter(report=report)
        .only("pk", "number", "published_at", "note", "report_id")
        .order_by("-number")
    )


def report_get_for_preview(*, user: User | AnonymousUser, fiscal_year: FiscalYear) -> AnnualReport:
    """The report of a fiscal year, for staff about to preview or publish it."""
    if not user.has_perm("reports.preview_report"):
        raise PermissionDenied
    report = AnnualReport.objects.filter(fiscal_year=fiscal_year.start_year).first()
    if report is None:
        raise Http404
    return report


def draft_reports(*, user: User | AnonymousUser) -> list[AnnualReport]:
    if not user.has_perm("reports.preview_report"):
        return []
    return list(
        AnnualReport.objects.annotate(version_count=Count("versions")).order_by("-fiscal_year")
    )


# --- Funder progress report --------------------------------------------------------------------


def reporting_periods_for_funder(*, user: User | AnonymousUser) -> list[ReportingPeriod]:
    if not user.has_perm("reports.export_funder_report"):
        raise PermissionDenied
    return list(ReportingPeriod.objects.order_by("-fiscal_year", "-quarter"))


def reporting_period_get_for_funder(*, user: User | AnonymousUser, pk: int) -> ReportingPeriod:
    if not user.has_perm("reports.export_funder_report"):
        raise PermissionDenied
    period = ReportingPeriod.objects.filter(pk=pk).first()
    if period is None:
        raise Http404
    return period


def funder_report_rows(*, period: ReportingPeriod) -> list[dict[str, Any]]:
    """Every item of the period's fiscal year as it stood at the end of the period: its lead,
    status, percent and latest narrative, from the last update reported up to that period.
    Two queries, whatever the number of items."""
    items = list(
        ActionItem.objects.filter(annual_plan__fiscal_year=period.fiscal_year)
        .select_related("strategic_direction__pillar", "lead_organization")
        .order_by("strategic_direction__pillar__order", "strategic_direction__code", "pk")
    )
    updates = (
        ProgressUpdate.objects.filter(item__in=[item.pk for item in items])
        .filter(
            reporting_period__fiscal_year__lte=period.fiscal_year,
        )
        .exclude(
            reporting_period__fiscal_year=period.fiscal_year,
            reporting_period__quarter__gt=period.quarter,
        )
        .select_related("reporting_period")
        .order_by("item_id", "-created_at", "-pk")
    )
    latest: dict[int, ProgressUpdate] = {}
    update: ProgressUpdate | None
    for update in updates:
        latest.setdefault(update.item_id, update)
    rows: list[dict[str, Any]] = []
    for item in items:
        update = latest.get(item.pk)
        rows.append(
            {
                "item_id": item.pk,
                "direction_code": item.strategic_direction.code,
                "title": item.title,
                "lead_organization": item.lead_organization.name,
                "status": update.status if update else "not_started",
                "status_label": str(ItemStatus(update.status if update else "not_started").label),
                "percent": update.percent if update else 0,
                "latest_narrative": update.narrative if update else "",
                "reported_in": str(update.reporting_period) if update else "",
            }
        )
    return rows


# --- Open data ---------------------------------------------------------------------------------


def open_data_years() -> list[FiscalYear]:
    """Fiscal years with open data: approved annual plans and published reports, newest first."""
    years = set(
        AnnualActionPlan.objects.filter(status=ApprovalStatus.APPROVED).values_list(
            "fiscal_year", flat=True
        )
    ) | set(
        AnnualReport.objects.filter(versions__isnull=False).values_list("fiscal_year", flat=True)
    )
    return [FiscalYear(year) for year in sorted(years, reverse=True)]


def open_data_rows(
    *, fiscal_year: FiscalYear, dataset: opendata.Dataset
) -> tuple[list[opendata.Row], int | None]:
    """(rows, frozen version number or None) of a dataset for a fiscal year.

    A year with a published report gives the data frozen with its latest version; a year not
    reported yet gives the live data of its approved annual plan. 404 for any other year.
    """
    # The latest version and the dataset's rows as published with it, in one query.
    version = (
        ReportVersion.objects.filter(report__fiscal_year=fiscal_year.start_year)
        .order_by("-number")
        .annotate(
            rows=Subquery(
                ReportVersionDataset.objects.filter(
                    version=OuterRef("pk"), slug=dataset.slug
                ).values("rows")[:1],
                output_field=JSONField(),
            )
        )
        .values("pk", "number", "rows")
        .first()
    )
    if version is not None:
        rows = version["rows"]
        if rows is None:
            # A version loaded in bulk, its open data still in its snapshot (format 1) until
            # services.report_versions_render_missing() moves it out.
            snapshot = ReportVersion.objects.values_list("snapshot", flat=True).get(
                pk=version["pk"]
            )
            rows = (snapshot or {}).get("datasets", {}).get(dataset.slug, [])
        return rows, version["number"]
    plan = AnnualActionPlan.objects.filter(
        fiscal_year=fiscal_year.start_year, status=ApprovalStatus.APPROVED
    ).first()
    if plan is None:
        raise Http404
    items = ActionItem.objects.filter(annual_plan=plan)
    community_plan = plan_selectors.community_plan_for_year(fiscal_year)
    builders = {
        opendata.ACTION_ITEMS.slug: lambda: opendata.action_item_rows(fiscal_year, items),
        opendata.STATUS_HISTORY.slug: lambda: opendata.status_history_rows(fiscal_year, items),
        opendata.INDICATORS.slug: lambda: opendata.indicator_rows(fiscal_year, community_plan),
        opendata.PARTNERS.slug: lambda: opendata.partner_rows(fiscal_year, items),
        opendata.DECISIONS.slug: lambda: opendata.decision_rows(fiscal_year),
        opendata.HEALTH_CHECK.slug: lambda: opendata.health_check_rows(fiscal_year),
        opendata.HEALTH_CHECK_QUOTES.slug: lambda: opendata.health_check_quote_rows(fiscal_year),
        opendata.PARTNERSHIP_INDICATORS.slug: lambda: opendata.partnership_indicator_rows(
            fiscal_year
        ),
    }
    return builders[dataset.slug](), None
