"""Aggregates of the confidential answers: only ever suppressed figures leave this module.

`aggregates_compute` reads the answers in a fixed number of queries and returns plain data
(JSON-safe, so it is stored: the review's figures are computed once, when its questionnaire
closes) in which every count under the threshold is already None. `aggregates_present` turns
that data and the benchmarks into what the pages show: labels in the current language, shares,
gaps and the bars of the charts.

Per dimension the figures form one table, a row for all governance together and a row per
body, suppressed together by `suppress_table`: a hidden cell is protected in its row (against
the body's total) and in its column (against the other bodies and all governance), so no cell
can be worked out by subtraction from totals or from another body's figures. The stored data
say which hidden cells are under the threshold; the others are hidden only to protect them,
and say so, since they may be large.

While the questionnaire is open there are no figures at all: two readings of live figures, one
before and one after somebody answers, would show what they answered, whatever the
suppression. `response_progress_compute` gives staff how many people answered, in bands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core import charts
from core.suppression import (
    default_threshold,
    restore,
    small_label,
    suppress_count,
    suppress_table,
)

from .models import Answer, Benchmark, EquityReview, Invitation, Response
from .questions import DIMENSIONS, DIMENSIONS_BY_CODE, Dimension

# Counts by the values of some fields: {(value, ...): count}.
type Counts = dict[tuple[Any, ...], int]

ALL = "all"  # the row key of all governance together


def _count_by(queryset: QuerySet[Any], *fields: str) -> Counts:
    return {
        tuple(row[field] for field in fields): row["n"]
        for row in queryset.values(*fields).annotate(n=Count("pk")).order_by()
    }


def aggregates_compute(review: EquityReview, *, threshold: int | None = None) -> dict[str, Any]:
    """The review's suppressed aggregates as plain data (7 queries, whatever its size)."""
    threshold = threshold or default_threshold()
    bodies = list(review.bodies.order_by("kind", "name"))
    invited_by_body, invited, responded_by_body, responded = _response_counts(review)
    answers = Answer.objects.filter(response__review=review)
    by_body = _count_by(answers, "response__bodies", "dimension", "category")
    overall = _count_by(answers, "dimension", "category")

    dimensions: dict[str, dict[str, dict[str, Any]]] = {}
    for dimension in DIMENSIONS:
        codes = dimension.category_codes
        rows = {ALL: {code: overall.get((dimension.code, code), 0) for code in codes}}
        for body in bodies:
            rows[str(body.pk)] = {
                code: by_body.get((body.pk, dimension.code, code), 0)
                for code in dimension.category_codes
            }
        table = suppress_table(rows, threshold=threshold)
        dimensions[dimension.code] = {
            row: {
                "cells": {code: cell.value for code, cell in table.cells[row].items()},
                # The hidden cells under the threshold ("fewer than 5"); the others hidden
                # protect them, and may be large.
                "small": [code for code, cell in table.cells[row].items() if cell.is_small],
                "total": table.row_totals[row].value,
                "total_small": table.row_totals[row].is_small,
            }
            for row in rows
        }

    return {
        "threshold": threshold,
        "invited": invited,
        "responded": suppress_count(responded, threshold=threshold).value,
        "bodies": [
            {
                "key": str(body.pk),
                "slug": body.slug,
                "name_en": body.name_en or body.name,
                "name_fr": body.name_fr or body.name_en or body.name,
                "invited": invited_by_body.get((body.pk,), 0),
                "responded": suppress_count(
                    responded_by_body.get((body.pk,), 0), threshold=threshold
                ).value,
            }
            for body in bodies
        ],
        "dimensions": dimensions,
    }


def _response_counts(review: EquityReview) -> tuple[Counts, int, Counts, int]:
    """Invited and answered, per body and in all (4 queries)."""
    invited_by_body = _count_by(
        Invitation.bodies.through.objects.filter(invitation__review=review), "group_id"
    )
    invited = Invitation.objects.filter(review=review).count()
    responded_by_body = _count_by(
        Response.bodies.through.objects.filter(response__review=review), "group_id"
    )
    responded = Response.objects.filter(review=review).count()
    return invited_by_body, invited, responded_by_body, responded


@dataclass(frozen=True)
class Band:
    """A count shown only as the band of `base` it falls in: "fewer than 5", "10 to 14"."""

    low: int
    high: int
    base: int

    @classmethod
    def of(cls, count: int, *, base: int, most: int) -> Band:
        """The band of `count`, never reaching above `most` (how many could answer)."""
        low = count // base * base
        return cls(low=low, high=max(low, min(low + base - 1, most)), base=base)

    def __str__(self) -> str:
        if self.low == 0:
            return str(small_label(self.base))
        if self.low == self.high:
            return str(self.low)
        return str(_("%(low)s to %(high)s") % {"low": self.low, "high": self.high})


def response_progress_compute(review: EquityReview, *, base: int | None = None) -> dict[str, Any]:
    """While the questionnaire is open: who was invited and, in bands of `base`, how many
    answered, in all and per body. All that anyone sees of the answers before it closes: a
    band moves once in `base` answers and says nothing of what anybody answered."""
    base = base or default_threshold()
    bodies = list(review.bodies.order_by("kind", "name"))
    invited_by_body, invited, responded_by_body, responded = _response_counts(review)

    def progress(invited: int, responded: int) -> dict[str, Any]:
        return {"invited": invited, "answered": Band.of(responded, base=base, most=invited)}

    return {
        "base": base,
        "overall": progress(invited, responded),
        "bodies": [
            {
                "name": body.name,
                **progress(
                    invited_by_body.get((body.pk,), 0), responded_by_body.get((body.pk,), 0)
                ),
            }
            for body in bodies
        ],
    }


def response_rate_present(aggregates: dict[str, Any]) -> dict[str, Any]:
    """Invited and answered, overall and per body, as the stored figures have them."""
    threshold = aggregates["threshold"]

    def rate(invited: int, responded: int | None) -> dict[str, Any]:
        cell = restore(responded, threshold, small=True)  # a lone count
        # `responded` is None exactly when the cell is suppressed.
        share = None if responded is None or not invited else round(100 * responded / invited)
        return {"invited": invited, "responded": cell, "rate": share}

    return {
        "overall": rate(aggregates["invited"], aggregates["responded"]),
        "bodies": [
            {"name": _body_name(body), **rate(body["invited"], body["responded"])}
            for body in aggregates["bodies"]
        ],
    }


def _body_name(body: dict[str, Any]) -> str:
    return body["name_fr"] if get_language() == "fr" else body["name_en"]


# Chart length (SVG user units) of 100 percent.
CHART_BAR_LENGTH = 400


def aggregates_present(
    aggregates: dict[str, Any], benchmarks: Iterable[Benchmark]
) -> list[dict[str, Any]]:
    """What the pages show, per dimension: tables with shares and gaps, and a chart."""
    threshold = aggregates["threshold"]
    benchmark_of = {(b.dimension, b.category): b for b in benchmarks}
    row_labels = {ALL: str(_("All governance"))}
    row_labels.update({body["key"]: _body_name(body) for body in aggregates["bodies"]})
    presented = []
    for code, rows in aggregates["dimensions"].items():
        dimension = DIMENSIONS_BY_CODE[code]
        table_rows = []
        for row_key, row in rows.items():
            total = row["total"]
            cells = []
            for category in dimension.category_codes:
                value = row["cells"].get(category)
                share = None
                if value is not None and total:
                    share = Decimal(100 * value / total).quantize(Decimal("0.1"))
                benchmark = benchmark_of.get((code, category))
                gap = None
                if share is not None and benchmark is not None:
                    gap = share - benchmark.share
                cells.append(
                    {
                        "category": category,
                        "cell": restore(value, threshold, category in row.get("small", ())),
                        "share": share,
                        "benchmark": benchmark,
                        "gap": gap,
                    }
                )
            table_rows.append(
                {
                    "key": row_key,
                    "label": row_labels.get(row_key, row_key),
                    "is_all": row_key == ALL,
                    "cells": cells,
                    "total": restore(total, threshold, row.get("total_small", False)),
                }
            )
        header = [
            {"code": category, "label": dimension.category_label(category)}
            for category in dimension.category_codes
        ]
        presented.append(
            {
                "code": code,
                "label": dimension.short_label,
                "header": header,
                "rows": table_rows,
                "benchmarks": [
                    benchmark_of[(code, c)]
                    for c in dimension.category_codes
                    if (code, c) in benchmark_of
                ],
                "chart": _chart(dimension, table_rows[0], benchmark_of),
            }
        )
    return presented


def _chart(
    dimension: Dimension,
    all_row: dict[str, Any],
    benchmark_of: dict[tuple[str, str], Benchmark],
) -> charts.BarChart:
    """Bars for all governance and, under each, the community's share."""
    groups = []
    for entry in all_row["cells"]:
        share = entry["share"]
        measures = [
            charts.Measure(share, f"{share}\u00a0%" if share is not None else str(entry["cell"]))
        ]
        benchmark = benchmark_of.get((dimension.code, entry["category"]))
        if benchmark is not None:
            measures.append(
                charts.Measure(benchmark.share, f"{benchmark.share}\u00a0%", "chart-bar-community")
            )
        groups.append((dimension.category_label(entry["category"]), measures))
    return charts.bar_chart(groups, maximum=100, length=CHART_BAR_LENGTH, value_room=80)
