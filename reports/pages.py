"""The stored pages of a published version, rendered once from its snapshot.

A version's report page (number 0) is a summary: figures by pillar and strategic direction,
counts of the items completed, delayed or cancelled, and links to the frozen list of those
items, which is rendered into pages of ITEMS_PER_PAGE (numbers 1 and up). Everything is rendered
in every language at publication and stored (ReportVersionPage), so a visitor's request reads
one row of HTML and never the snapshot. The PDF, the full document, renders from the snapshot
too, with the full list.
"""

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core import charts
from core.fiscal import FiscalYear
from core.languages import percent_text

from .models import ReportVersion, ReportVersionPage
from .snapshot import LANGUAGES, snapshot_language

ITEMS_PER_PAGE = 50
HIGHLIGHTS_PER_PILLAR = 3


def _outcome_entries(report: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [
        (group, item) for group in report.get("outcomes", []) for item in group.get("items", [])
    ]


def item_pages(report: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The frozen item list cut into pages: [[{status, label, count, continued, items}]]."""
    entries = _outcome_entries(report)
    pages: list[list[dict[str, Any]]] = []
    for start in range(0, len(entries), ITEMS_PER_PAGE):
        groups: list[dict[str, Any]] = []
        for group, item in entries[start : start + ITEMS_PER_PAGE]:
            if not groups or groups[-1]["status"] != group["status"]:
                groups.append(
                    {
                        "status": group["status"],
                        "label": group["label"],
                        "count": len(group["items"]),
                        # The page opens in the middle of the previous page's group.
                        "continued": not groups
                        and start > 0
                        and entries[start - 1][0]["status"] == group["status"],
                        "items": [],
                    }
                )
            groups[-1]["items"].append(item)
        pages.append(groups)
    return pages


# The report's bar charts: a column of labels, then the bars (SVG user units).
CHART_LABEL_WIDTH = 150
CHART_BAR_LENGTH = 280
CHART_BAR_HEIGHT = 22


def _report_bars(
    groups: list[tuple[str, list[charts.Measure]]], *, maximum: float, progress: bool = False
) -> charts.BarChart:
    return charts.bar_chart(
        groups,
        maximum=maximum,
        length=CHART_BAR_LENGTH,
        bar_height=CHART_BAR_HEIGHT,
        label_width=CHART_LABEL_WIDTH,
        value_room=50,
        progress=progress,
    )


def charts_context(report: dict[str, Any]) -> dict[str, Any]:
    """The report's charts, drawn from its snapshot's figures: items by status, each pillar's
    percent complete, and each indicator's line."""
    summary = report.get("summary", {})
    status_chart = _report_bars(
        [
            (row["label"], [charts.Measure(row["count"], row["count"])])
            for row in summary.get("status_counts", [])
        ],
        maximum=summary.get("max_count", 0),
    )
    pillar_chart = _report_bars(
        [
            (
                pillar["name"],
                [
                    charts.Measure(
                        pillar["percent"],
                        "–" if pillar["percent"] is None else percent_text(pillar["percent"]),
                    )
                ],
            )
            for pillar in report.get("pillars", [])
        ],
        maximum=100,
        progress=True,
    )
    indicators = [
        {
            **indicator,
            "chart": charts.line_chart(
                [(value["year"], value["value"]) for value in indicator.get("values", [])],
                baseline=indicator["baseline"],
                target=indicator["target"],
            ),
        }
        for indicator in report.get("indicators", [])
    ]
    return {"status_chart": status_chart, "pillar_chart": pillar_chart, "indicators": indicators}


def summary_context(report: dict[str, Any], *, items_url: str | None = None) -> dict[str, Any]:
    """What the report's summary shows beyond its snapshot: each pillar's highlights (a few of
    its completed items) and, per outcome, its count and where its list starts."""
    direction_pillar = {
        direction["code"]: pillar["slug"]
        for pillar in report.get("pillars", [])
        for direction in pillar.get("directions", [])
    }
    highlights: dict[str | None, list[dict[str, Any]]] = {}
    for group in report.get("outcomes", []):
        if group["status"] != "completed":
            continue
        for item in group["items"]:
            listed = highlights.setdefault(direction_pillar.get(item["direction"]), [])
            if len(listed) < HIGHLIGHTS_PER_PILLAR:
                listed.append(item)
    pillars = [
        {**pillar, "highlights": highlights.get(pillar["slug"], [])}
        for pillar in report.get("pillars", [])
    ]
    outcome_summary = []
    position = 0
    for group in report.get("outcomes", []):
        count = len(group["items"])
        first_page = position // ITEMS_PER_PAGE + 1
        outcome_summary.append(
            {
                "status": group["status"],
                "label": group["label"],
                "count": count,
                "url": f"{items_url}?page={first_page}#outcome-{group['status']}"
                if items_url and count
                else "",
            }
        )
        position += count
    # No list to link to when the year has no item completed, delayed or cancelled.
    return {
        **charts_context(report),
        "pillars": pillars,
        "outcome_summary": outcome_summary,
        "items_url": items_url if position else None,
    }


def _urls(version: ReportVersion) -> tuple[str, str]:
    fiscal_year = FiscalYear(version.report.fiscal_year)
    return (
        reverse("reports:version_detail", args=[fiscal_year, version.number]),
        reverse("reports:version_items", args=[fiscal_year, version.number]),
    )


def render_language(
    version: ReportVersion, report: dict[str, Any], language: str
) -> list[ReportVersionPage]:
    """Every stored page of a version in one language, unsaved."""
    with translation.override(language):
        report_url, items_url = _urls(version)
        context = {"report": report, "LANGUAGE_CODE": language}
        pages = [
            ReportVersionPage(
                version=version,
                language=language,
                number=ReportVersionPage.REPORT,
                title=report.get("title", ""),
                header_html=render_to_string("reports/includes/report_header.html", context),
                html=render_to_string(
                    "reports/includes/report_body.html",
                    {**context, **summary_context(report, items_url=items_url)},
                ),
            )
        ]
        chunks = item_pages(report)
        for number, groups in enumerate(chunks, start=1):
            page_context = {
                **context,
                "groups": groups,
                "number": number,
                "page_count": len(chunks),
                "report_url": report_url,
                "items_url": items_url,
                "total": len(_outcome_entries(report)),
            }
            pages.append(
                ReportVersionPage(
                    version=version,
                    language=language,
                    number=number,
                    title=_("Items completed, delayed or cancelled, page %(number)s · %(title)s")
                    % {"number": number, "title": report.get("title", "")},
                    header_html=render_to_string(
                        "reports/includes/items_header.html", page_context
                    ),
                    html=render_to_string("reports/includes/items_page.html", page_context),
                )
            )
    return pages


def render_version(version: ReportVersion, snapshot: dict[str, Any]) -> list[ReportVersionPage]:
    """Every stored page of a version, in every language, unsaved."""
    pages: list[ReportVersionPage] = []
    for language in LANGUAGES:
        pages.extend(render_language(version, snapshot_language(snapshot, language), language))
    return pages
