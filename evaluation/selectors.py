from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core import charts
from core.fiscal import FiscalYear
from core.suppression import Cell, restore
from pillars.models import Group, Membership

from .health_check import DONT_KNOW, RATING_LABELS, RATINGS, overall_mean
from .models import HealthCheck, HealthCheckComment, Participation

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
