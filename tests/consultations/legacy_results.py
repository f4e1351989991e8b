"""The public results as the page computed them per request before they were stored: kept as
the reference the stored results must equal (suppression included). Since hidden cells say why,
a question's chart shows its table's column totals (one figure, hidden one way) and the number
of responses is a lone count."""

from django.db.models import Count

from consultations import form_strings
from consultations.models import AboutYou, Question
from consultations.selectors import (
    QuestionResult,
    Row,
    _answers,
    _choice_counts,
    _responses,
    _scale,
    about_label,
)
from core.languages import is_bidi
from core.suppression import suppress_count, suppress_series, suppress_table


def live_published_results(*, consultation, questions, display_language):
    """What we heard, safe to publish: every count of people goes through small-cell
    suppression, including the breakdowns by the "about you" answers."""
    responses = _responses(consultation)
    answers = _answers(consultation)
    total = suppress_count(responses.count())
    counts = _choice_counts(answers)
    cross = {}
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
    results = []
    for question in questions:
        if not question.is_choice:
            continue
        labels = question.choices_in(display_language)
        table = None
        if question.pk in cross:
            table = suppress_table(
                {
                    status: {
                        key: cross[question.pk].get(status, {}).get(key, 0) for key, _l in labels
                    }
                    for status in status_codes
                    if status in cross[question.pk]
                }
            )
            series = table.column_series()
        else:
            series = suppress_series(
                {key: counts.get(question.pk, {}).get(key, 0) for key, _label in labels}
            )
        rows = _scale(
            [
                Row(
                    key=key,
                    label=label,
                    count=series.cells[key],
                    percent=None
                    if question.kind == Question.Kind.SEVERAL_CHOICES or series.share(key) is None
                    else round(100 * series.share(key)),
                )
                for key, label in labels
            ],
            lambda r: r.count.value,
        )
        result = QuestionResult(
            question=question,
            label=question.text_in(display_language),
            answered=series.total,
            rows=rows,
        )
        if table is not None:
            result.table = {
                "columns": labels,
                "rows": [
                    {
                        "label": about_label("newcomer_status", status, display_language),
                        "cells": [table.cells[status][key] for key, _l in labels],
                        "total": table.row_totals[status],
                    }
                    for status in status_codes
                    if status in table.cells
                ],
                "column_totals": [table.column_totals[key] for key, _l in labels],
                "total": table.total,
            }
        results.append(result)

    breakdowns = []
    for field_name in AboutYou.FIELDS:
        raw = dict(responses.values_list(field_name).annotate(n=Count("id")).order_by())
        codes = AboutYou.codes(field_name) + [""]
        series = suppress_series({code: raw.get(code, 0) for code in codes})
        rows = _scale(
            [
                Row(
                    key=code,
                    label=about_label(field_name, code, display_language),
                    count=series.cells[code],
                    percent=None if series.share(code) is None else round(100 * series.share(code)),
                )
                for code in codes
            ],
            lambda r: r.count.value,
        )
        breakdowns.append(
            {
                "field": field_name,
                "label": form_strings.text(field_name, display_language),
                "rows": rows,
                "total": series.total,
            }
        )

    quotes = list(
        answers.filter(quote_approved=True, question__kind__in=Question.TEXT_KINDS)
        .values("pk", "value", "response__language", "question_id")
        .order_by("question__order", "pk")
    )
    for quote in quotes:
        quote["bidi"] = is_bidi(quote["response__language"])
    return {"total": total, "questions": results, "breakdowns": breakdowns, "quotes": quotes}
