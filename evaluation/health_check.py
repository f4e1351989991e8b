"""The partnership health check's results: computed once, suppressed, when it closes.

A body's figures (its number of responses, the distribution of its ratings and their mean) are
published only when at least SUPPRESSION_THRESHOLD people answered for it. The body counts go
through core.suppression.suppress_series with their total, so no hidden count can be worked out
from the others; and since the overall figures are published too, the bodies hidden together
must hold no response or at least SUPPRESSION_THRESHOLD of them: otherwise the overall figures
minus the bodies shown would give away the ratings of fewer people. More bodies are hidden
(the smallest first), and failing that the overall figures too. A mean is shown only over at
least SUPPRESSION_THRESHOLD ratings ("don't know" is not a rating).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from core.suppression import PROTECT, SMALL, default_threshold, suppress_series
from pillars.models import Group

from .models import HealthCheckAnswer, HealthCheckResponse

if TYPE_CHECKING:
    from .models import HealthCheck

RATINGS = (1, 2, 3, 4, 5)
DONT_KNOW = "dont_know"
RESULTS_FORMAT = 1
# What each answer reads, in the form and in the results' columns.
RATING_LABELS = [
    ("1", _("1 Strongly disagree")),
    ("2", _("2 Disagree")),
    ("3", _("3 Neither agree nor disagree")),
    ("4", _("4 Agree")),
    ("5", _("5 Strongly agree")),
    (DONT_KNOW, _("Don't know")),
]


def _figures(counts: Counter[int | None], threshold: int) -> dict[str, Any]:
    """{"distribution": {"1": n, ... "dont_know": n}, "ratings": n, "mean": float | None}."""
    rated = sum(counts[rating] for rating in RATINGS)
    total = sum(rating * counts[rating] for rating in RATINGS)
    return {
        "distribution": {
            **{str(rating): counts[rating] for rating in RATINGS},
            DONT_KNOW: counts[None],
        },
        "ratings": rated,
        "mean": round(total / rated, 2) if rated and rated >= threshold else None,
    }


def _cell(value: int, *, shown: bool, small: bool) -> dict[str, Any]:
    return {"value": value if shown else None, "small": not shown and small}


def results_compute(health_check: HealthCheck) -> dict[str, Any]:
    """The suppressed results of a health check, as stored JSON (see the module)."""
    threshold = default_threshold()
    statements = list(health_check.statements.order_by("order", "id"))
    body_counts = dict(
        HealthCheckResponse.objects.filter(health_check=health_check)
        .order_by()
        .values_list("body")
        .annotate(n=Count("pk"))
    )
    bodies = list(Group.objects.filter(pk__in=body_counts).order_by("kind", "name", "pk"))
    series = suppress_series({body.pk: body_counts[body.pk] for body in bodies})
    reasons: dict[int, str] = {
        body.pk: series.cells[body.pk].reason for body in bodies if series.cells[body.pk].suppressed
    }
    total = sum(body_counts.values())

    def hidden_sum() -> int:
        return sum(body_counts[pk] for pk in reasons)

    # The bodies hidden together: 0 or at least the threshold, else hide the next smallest.
    while 0 < hidden_sum() < threshold:
        shown = [body for body in bodies if body.pk not in reasons]
        if not shown:
            break
        smallest = min(shown, key=lambda body: (body_counts[body.pk], body.pk))
        reasons[smallest.pk] = PROTECT
    overall_shown = (
        total >= threshold and not series.total.suppressed and not 0 < hidden_sum() < threshold
    )

    counts: defaultdict[tuple[int, int], Counter[int | None]] = defaultdict(Counter)
    rows = (
        HealthCheckAnswer.objects.filter(response__health_check=health_check)
        .order_by()
        .values_list("statement", "response__body", "rating")
        .annotate(n=Count("pk"))
    )
    for statement_id, body_id, rating, n in rows:
        counts[(statement_id, body_id)][rating] += n

    def overall_counts(statement_id: int) -> Counter[int | None]:
        merged: Counter[int | None] = Counter()
        for body in bodies:
            merged.update(counts[(statement_id, body.pk)])
        return merged

    return {
        "format": RESULTS_FORMAT,
        "threshold": threshold,
        "responses": _cell(total, shown=overall_shown, small=total < threshold),
        "bodies": [
            {
                "id": body.pk,
                "name_en": body.name_en or body.name,
                "name_fr": body.name_fr or body.name_en or body.name,
                "shown": body.pk not in reasons,
                "responses": _cell(
                    body_counts[body.pk],
                    shown=body.pk not in reasons,
                    small=reasons.get(body.pk) == SMALL,
                ),
            }
            for body in bodies
        ],
        "statements": [
            {
                "id": statement.pk,
                "text_en": statement.text_en or statement.text,
                "text_fr": statement.text_fr or statement.text_en or statement.text,
                "overall": _figures(overall_counts(statement.pk), threshold)
                if overall_shown
                else None,
                "bodies": {
                    str(body.pk): _figures(counts[(statement.pk, body.pk)], threshold)
                    for body in bodies
                    if body.pk not in reasons
                },
            }
            for statement in statements
        ],
    }


def overall_mean(results: dict[str, Any]) -> float | None:
    """The mean of every rating of every statement, overall; None when hidden."""
    rated = 0
    total = 0
    for statement in results["statements"]:
        overall = statement["overall"]
        if overall is None:
            return None
        for rating in RATINGS:
            n = overall["distribution"][str(rating)]
            rated += n
            total += rating * n
    if rated < results["threshold"]:
        return None
    return round(total / rated, 2)
