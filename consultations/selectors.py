"""Reads for consultations, with the permission check built in. Results are aggregate queries:
a fixed number of them whatever the number of responses. The public results page reads the
figures stored when the consultation last changed state (ResultsSnapshot) and aggregates
nothing."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import ApprovalStatus
from core import charts
from core.languages import is_bidi, self_name
from core.suppression import (
    Cell,
    SuppressedSeries,
    default_threshold,
    restore,
    suppress_count,
    suppress_series,
    suppress_table,
)

from . import form_strings
from .models import AboutYou, Answer, Consultation, Question, Response, ResultsSnapshot

if TYPE_CHECKING:
    from actionplans.models import ActionItem
    from partners.models import User

CHART_WIDTH = 100  # bars are drawn in percent of the longest one


def consultation_lists(*, now: datetime.datetime | None = None) -> dict[str, list[Consultation]]:
    """The public list: open now, opening later, and past ones (results published first)."""
    now = now or timezone.now()
    consultations = list(
        Consultation.objects.exclude(status=Consultation.Status.DRAFT)
        .select_related("pillar")
        .order_by("closes_at", "slug")
    )
    open_now = [c for c in consultations if c.is_accepting(now)]
    upcoming = [
        c for c in consultations if c.status == Consultation.Status.OPEN and c.opens_at > now
    ]
    past = [c for c in consultations if c not in open_now and c not in upcoming]
    past.sort(key=lambda c: (not c.results_are_published(), -c.closes_at.timestamp()))
    return {"open": open_now, "upcoming": upcoming, "past": past}


@dataclass
class FeedEntry:
    """A consultation as its feed tells it: where it stands and since when."""

    consultation: Consultation
    stage: str  # "open", "closed" or "published"
    updated: datetime.datetime


# How many consultations, the latest closing first, the feed looks at to find its entries.
FEED_CANDIDATES = 200


def consultations_for_feed(*, limit: int, now: datetime.datetime | None = None) -> list[FeedEntry]:
    """Consultations that have opened (never a draft, nor one not open yet), each dated by its
    latest step: opened, closed, or results published; latest first. One query."""
    now = now or timezone.now()
    candidates = (
        Consultation.objects.exclude(status=Consultation.Status.DRAFT)
        .filter(opens_at__lte=now)
        .select_related("results_snapshot")
        .order_by("-closes_at", "-pk")[:FEED_CANDIDATES]
    )
    entries: list[FeedEntry] = []
    for consultation in candidates:
        if consultation.results_are_published():
            snapshot = getattr(consultation, "results_snapshot", None)
            published = snapshot.computed_at if snapshot is not None else consultation.closes_at
            entries.append(
                FeedEntry(consultation, "published", max(published, consultation.closes_at))
            )
        elif consultation.is_accepting(now):
            entries.append(FeedEntry(consultation, "open", consultation.opens_at))
        else:
            # Closed by staff (its results computed then), or past its closing time.
            snapshot = getattr(consultation, "results_snapshot", None)
            closed = snapshot.computed_at if snapshot is not None else consultation.closes_at
            entries.append(FeedEntry(consultation, "closed", min(closed, now)))
    entries.sort(key=lambda entry: (entry.updated, entry.consultation.pk), reverse=True)
    return entries[:limit]


def consultation_get_public(*, slug: str) -> Consultation:
    """A consultation the public may see (anything but a draft), or 404."""
    try:
        return Consultation.objects.exclude(status=Consultation.Status.DRAFT).get(slug=slug)
    except Consultation.DoesNotExist:
        raise Http404(_("No such consultation.")) from None


def consultation_get_published(*, slug: str) -> Consultation:
    """A consultation whose results are published, or 404."""
    try:
        return Consultation.objects.select_related("pillar", "results_snapshot").get(
            slug=slug, status=Consultation.Status.PUBLISHED
        )
    except Consultation.DoesNotExist:
        raise Http404(_("No published results for this consultation.")) from None


def consultation_get_for_staff(
    *, user: User, slug: str, permission: str = "consultations.view_results"
) -> Consultation:
    """Any consultation, drafts included, for backbone staff; PermissionDenied otherwise."""
    if not user.has_perm(permission):
        raise PermissionDenied
    try:
        return Consultation.objects.get(slug=slug)
    except Consultation.DoesNotExist:
        raise Http404(_("No such consultation.")) from None


def question_list(*, consultation: Consultation) -> list[Question]:
    return list(consultation.questions.order_by("order", "pk"))


def answer_get_for_moderation(*, user: User, consultation: Consultation, pk: int) -> Answer:
    if not user.has_perm("consultations.moderate_quotes"):
        raise PermissionDenied
    try:
        return Answer.objects.select_related("question").get(
            pk=pk, question__consultation=consultation
        )
    except Answer.DoesNotExist:
        raise Http404(_("No such answer.")) from None


# --- Results -----------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    count: int | Cell  # an int for staff, a suppression Cell in published results
    width: float = 0
    percent: int | None = None
    lang: str = ""


@dataclass
class QuestionResult:
    question: Question
    label: str
    answered: int | Cell
    rows: list[Row] = field(default_factory=list)
    table: dict[str, Any] | None = None  # a published cross-tab by immigration status


def _responses(
    consultation: Consultation | int, language: str = "", channel: str = ""
) -> QuerySet[Response]:
    responses = Response.objects.filter(consultation=consultation)
    if language:
        responses = responses.filter(language=language)
    if channel:
        responses = responses.filter(channel=channel)
    return responses


def _answers(
    consultation: Consultation | int, language: str = "", channel: str = ""
) -> QuerySet[Answer]:
    answers = Answer.objects.filter(question__consultation=consultation)
    if language:
        answers = answers.filter(response__language=language)
    if channel:
        answers = answers.filter(response__channel=channel)
    return answers


def _choice_counts(answers: QuerySet[Answer]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = {}
    for row in (
        answers.exclude(question__kind__in=Question.TEXT_KINDS)
        .values("question_id", "value")
        .annotate(n=Count("id"))
        .order_by()
    ):
        counts.setdefault(row["question_id"], {})[row["value"]] = row["n"]
    return counts


def _answered_counts(answers: QuerySet[Answer]) -> dict[int, int]:
    return {
        row["question_id"]: row["n"]
        for row in answers.values("question_id")
        .annotate(n=Count("response_id", distinct=True))
        .order_by()
    }


def _scale(rows: list[Row], value_of: Callable[[Row], int | None]) -> list[Row]:
    for row, width in zip(rows, _widths([value_of(row) for row in rows]), strict=True):
        row.width = width
    return rows


def consultation_results(
    *,
    consultation: Consultation,
    questions: Iterable[Question],
    display_language: str,
    language: str = "",
    channel: str = "",
) -> dict[str, Any]:
    """Counts per question for staff, filtered by language and channel: a fixed handful of
    aggregate queries whatever the number of responses."""
    responses = _responses(consultation, language, channel)
    answers = _answers(consultation, language, channel)
    total = responses.count()
    counts = _choice_counts(answers)
    answered = _answered_counts(answers)
    results = []
    for question in questions:
        answered_count = answered.get(question.pk, 0)
        result = QuestionResult(
            question=question,
            label=question.text_in(display_language),
            answered=answered_count,
        )
        if question.is_choice:
            question_counts = counts.get(question.pk, {})
            result.rows = _scale(
                [
                    Row(
                        key=key,
                        label=label,
                        count=question_counts.get(key, 0),
                        percent=round(100 * question_counts.get(key, 0) / answered_count)
                        if answered_count
                        else None,
                    )
                    for key, label in question.choices_in(display_language)
                ],
                lambda r: cast(int, r.count),  # staff rows hold plain ints
            )
        results.append(result)
    by_language = dict(
        responses.values_list("language").annotate(n=Count("id")).order_by("language")
    )
    by_channel = dict(responses.values_list("channel").annotate(n=Count("id")).order_by("channel"))
    return {
        "total": total,
        "questions": results,
        "by_language": by_language,
        "by_channel": by_channel,
    }


def free_text_answers(
    *,
    consultation: Consultation,
    language: str = "",
    channel: str = "",
    question: Question | None = None,
) -> QuerySet[Answer]:
    """Free-text answers for moderation, newest first (paginate the queryset)."""
    answers = _answers(consultation, language, channel).filter(
        question__kind__in=Question.TEXT_KINDS
    )
    if question:
        answers = answers.filter(question=question)
    return answers.select_related("question", "response").order_by("-response__submitted_at", "-pk")


def about_label(field_name: str, code: str, display_language: str) -> str:
    if code == AboutYou.PREFER_NOT:
        return form_strings.text("prefer_not", display_language)
    if not code:
        return _("Not answered")
    if field_name == "first_language" and code != "other":
        return self_name(code)
    return form_strings.text(f"{field_name}.{code}", display_language)


def _widths(values: Sequence[int | None]) -> list[float]:
    """Bar widths in percent of the largest value (0 for a hidden or empty one)."""
    largest = max((v or 0 for v in values), default=0)
    return [charts.scaled(v, largest, CHART_WIDTH) for v in values]


def _percent(series: SuppressedSeries[str], key: str) -> int | None:
    share = series.share(key)
    return None if share is None else round(100 * share)


def published_figures(
    *, consultation: Consultation, questions: Iterable[Question] | None = None
) -> dict[str, Any]:
    """Every count the public results show, already through small-cell suppression, as plain
    data to store (ResultsSnapshot.figures): question ids, choice keys and "about you" codes,
    no labels. A hidden count is None. A fixed handful of aggregate queries."""
    if questions is None:
        questions = question_list(consultation=consultation)
    responses = _responses(consultation)
    answers = _answers(consultation)
    total = suppress_count(responses.count())
    counts = _choice_counts(answers)
    cross: dict[int, dict[str, dict[str, int]]] = {}
    for row in (
        answers.filter(question__kind__in=(Question.Kind.ONE_CHOICE, Question.Kind.SCALE))
        .values("question_id", "value", "response__newcomer_status")
        .annotate(n=Count("id"))
        .order_by()
    ):
        cross.setdefault(row["question_id"], {}).setdefault(row["response__newcomer_status"], {})[
            row["value"]
        ] = row["n"]

    status_codes = AboutYou.codes("newcomer_status") + [""]
    figures_of_questions = []
    for question in questions:
        if not question.is_choice:
            continue
        keys = question.choice_keys()
        table = None
        if question.pk in cross:
            table = suppress_table(
                {
                    status: {key: cross[question.pk].get(status, {}).get(key, 0) for key in keys}
                    for status in status_codes
                    if status in cross[question.pk]
                }
            )
            # The chart's counts are the table's column totals: one figure, hidden one way.
            series = table.column_series()
        else:
            series = suppress_series({key: counts.get(question.pk, {}).get(key, 0) for key in keys})
        values = [series.cells[key].value for key in keys]
        figures: dict[str, Any] = {
            "id": question.pk,
            "answered": series.total.value,
            "rows": [
                {
                    "key": key,
                    "count": value,
                    "small": series.cells[key].is_small,
                    "width": width,
                    "percent": None
                    if question.kind == Question.Kind.SEVERAL_CHOICES
                    else _percent(series, key),
                }
                for key, value, width in zip(keys, values, _widths(values), strict=True)
            ],
            "table": None,
        }
        if table is not None:
            figures["table"] = {
                "columns": keys,
                "rows": [
                    {
                        "status": status,
                        "cells": [table.cells[status][key].value for key in keys],
                        # Positions of the hidden cells that are under the threshold.
                        "small": [
                            n for n, key in enumerate(keys) if table.cells[status][key].is_small
                        ],
                        "total": table.row_totals[status].value,
                    }
                    for status in status_codes
                    if status in table.cells
                ],
                "column_totals": [table.column_totals[key].value for key in keys],
                "total": table.total.value,
            }
        figures_of_questions.append(figures)

    breakdowns = []
    for field_name in AboutYou.FIELDS:
        raw = dict(responses.values_list(field_name).annotate(n=Count("id")).order_by())
        codes = AboutYou.codes(field_name) + [""]
        series = suppress_series({code: raw.get(code, 0) for code in codes})
        values = [series.cells[code].value for code in codes]
        breakdowns.append(
            {
                "field": field_name,
                "total": series.total.value,
                "rows": [
                    {
                        "key": code,
                        "count": value,
                        "small": series.cells[code].is_small,
                        "width": width,
                        "percent": _percent(series, code),
                    }
                    for code, value, width in zip(codes, values, _widths(values), strict=True)
                ],
            }
        )
    return {
        "threshold": default_threshold(),
        "total": total.value,
        "questions": figures_of_questions,
        "breakdowns": breakdowns,
    }


def published_quotes(*, consultation: Consultation | int) -> list[dict[str, Any]]:
    """The free-text answers staff approved for publication, as plain data to store: one
    query, through the partial index on approved quotes."""
    return [
        {
            "pk": quote["pk"],
            "value": quote["value"],
            "language": quote["response__language"],
            "question_id": quote["question_id"],
        }
        for quote in _answers(consultation)
        .filter(quote_approved=True, question__kind__in=Question.TEXT_KINDS)
        .values("pk", "value", "response__language", "question_id")
        .order_by("question__order", "pk")
    ]


def results_from_figures(
    *,
    figures: dict[str, Any],
    quotes: Iterable[dict[str, Any]],
    questions: Iterable[Question],
    display_language: str,
) -> dict[str, Any]:
    """Stored figures and quotes made ready to draw in `display_language`: suppression Cells,
    labels, bars. No query; a question deleted since the figures were computed is left out."""
    threshold = figures.get("threshold") or default_threshold()

    def cell(value: int | None, small: bool = False) -> Cell:
        # Figures stored before hidden cells said why read "not shown, to protect small counts".
        return restore(value, threshold, small)

    by_id = {question.pk: question for question in questions}
    results = []
    for figures_of_question in figures.get("questions", []):
        question = by_id.get(figures_of_question["id"])
        if question is None:
            continue
        labels = dict(question.choices_in(display_language))
        result = QuestionResult(
            question=question,
            label=question.text_in(display_language),
            answered=cell(figures_of_question["answered"]),
            rows=[
                Row(
                    key=row["key"],
                    label=labels.get(row["key"], row["key"]),
                    count=cell(row["count"], row.get("small", False)),
                    width=row["width"],
                    percent=row["percent"],
                )
                for row in figures_of_question["rows"]
            ],
        )
        table = figures_of_question.get("table")
        if table:
            result.table = {
                "columns": [(key, labels.get(key, key)) for key in table["columns"]],
                "rows": [
                    {
                        "label": about_label("newcomer_status", row["status"], display_language),
                        "cells": [
                            cell(value, n in row.get("small", ()))
                            for n, value in enumerate(row["cells"])
                        ],
                        "total": cell(row["total"]),
                    }
                    for row in table["rows"]
                ],
                "column_totals": [cell(value) for value in table["column_totals"]],
                "total": cell(table["total"]),
            }
        results.append(result)
    breakdowns = [
        {
            "field": breakdown["field"],
            "label": form_strings.text(breakdown["field"], display_language),
            "rows": [
                Row(
                    key=row["key"],
                    label=about_label(breakdown["field"], row["key"], display_language),
                    count=cell(row["count"], row.get("small", False)),
                    width=row["width"],
                    percent=row["percent"],
                )
                for row in breakdown["rows"]
            ],
            "total": cell(breakdown["total"]),
        }
        for breakdown in figures.get("breakdowns", [])
    ]
    return {
        "threshold": threshold,
        # A lone count, hidden only when under the threshold.
        "total": cell(figures.get("total"), small=True),
        "questions": results,
        "breakdowns": breakdowns,
        "quotes": [{**quote, "bidi": is_bidi(quote["language"])} for quote in quotes],
    }


def published_results(
    *, consultation: Consultation, questions: Iterable[Question], display_language: str
) -> dict[str, Any]:
    """What we heard, safe to publish, computed from the responses now: every count of people
    goes through small-cell suppression, including the breakdowns by the "about you"
    answers. The public page shows the stored snapshot instead (stored_results)."""
    return results_from_figures(
        figures=published_figures(consultation=consultation, questions=questions),
        quotes=published_quotes(consultation=consultation),
        questions=questions,
        display_language=display_language,
    )


def stored_results(
    *, consultation: Consultation, questions: Iterable[Question], display_language: str
) -> dict[str, Any] | None:
    """The published results as stored when the consultation last changed state, or None when
    nothing is stored yet. Load the consultation with consultation_get_published, which reads
    the snapshot in the same query."""
    try:
        snapshot = consultation.results_snapshot
    except ResultsSnapshot.DoesNotExist:
        return None
    results = results_from_figures(
        figures=snapshot.figures,
        quotes=snapshot.quotes,
        questions=questions,
        display_language=display_language,
    )
    results["computed_at"] = snapshot.computed_at
    return results


def published_results_for_open_data() -> list[dict[str, Any]]:
    """The published results of every consultation whose results are published, one row per
    question and option, with the same counts as the public results page: the stored figures,
    already through small-cell suppression (a hidden count is None). Two queries, whatever the
    number of consultations (plus, once, the figures of one published before they were stored).
    """
    consultations = list(
        Consultation.objects.filter(status=Consultation.Status.PUBLISHED)
        .select_related("results_snapshot")
        .order_by("closes_at", "pk")
    )
    questions: dict[int, list[Question]] = {}
    for each in Question.objects.filter(consultation__in=consultations).order_by(
        "consultation", "order", "pk"
    ):
        questions.setdefault(each.consultation_id, []).append(each)
    rows: list[dict[str, Any]] = []
    for consultation in consultations:
        its_questions = questions.get(consultation.pk, [])
        try:
            figures = consultation.results_snapshot.figures
        except ResultsSnapshot.DoesNotExist:
            figures = published_figures(consultation=consultation, questions=its_questions)
        by_id = {question.pk: question for question in its_questions}
        for figures_of_question in figures.get("questions", []):
            question = by_id.get(figures_of_question["id"])
            if question is None:
                continue
            english = dict(question.choices_in("en"))
            french = dict(question.choices_in("fr"))
            for row in figures_of_question["rows"]:
                rows.append(
                    {
                        "consultation": consultation.slug,
                        "consultation_title_en": consultation.title_in("en"),
                        "consultation_title_fr": consultation.title_in("fr"),
                        "closed_on": timezone.localdate(consultation.closes_at).isoformat(),
                        "question_id": question.pk,
                        "question_en": question.text_in("en"),
                        "question_fr": question.text_in("fr"),
                        "option": row["key"],
                        "option_en": english.get(row["key"], row["key"]),
                        "option_fr": french.get(row["key"], row["key"]),
                        "count": row["count"],
                        "suppressed": row["count"] is None,
                        "answered": figures_of_question["answered"],
                    }
                )
    return rows


def responses_for_export(
    *,
    consultation: Consultation,
    questions: Sequence[Question],
    language: str = "",
    channel: str = "",
) -> Iterator[list[int | str]]:
    """One row per response: id, time, language, channel, one cell per question (choices by
    their English label, several joined with "; "), then the "about you" codes. Two queries."""
    labels = {q.pk: dict(q.choices_in("en")) for q in questions}
    answers_by_response: dict[int, dict[int, list[str]]] = {}
    for response_id, question_id, value in (
        _answers(consultation, language, channel)
        .order_by("response_id", "question__order", "pk")
        .values_list("response_id", "question_id", "value")
        .iterator()
    ):
        cell = labels[question_id].get(value, value) if labels.get(question_id) else value
        answers_by_response.setdefault(response_id, {}).setdefault(question_id, []).append(cell)
    about_fields = list(AboutYou.FIELDS)
    for pk, submitted_at, response_language, response_channel, *about in (
        _responses(consultation, language, channel)
        .order_by("pk")
        .values_list("pk", "submitted_at", "language", "channel", *about_fields)
        .iterator()
    ):
        answers = answers_by_response.get(pk, {})
        yield [
            pk,
            submitted_at.isoformat(),
            response_language,
            response_channel,
            *("; ".join(answers.get(q.pk, [])) for q in questions),
            *about,
        ]


def action_items_led_to(*, consultation: Consultation) -> list[ActionItem]:
    """The action items the consultation led to, as the public may see them, with progress."""
    return list(
        consultation.action_items.filter(annual_plan__status=ApprovalStatus.APPROVED)
        .select_related("annual_plan", "strategic_direction", "lead_organization")
        .order_by("-annual_plan__fiscal_year", "strategic_direction__code", "pk")
    )
