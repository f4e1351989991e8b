"""What the report reads from apps that may not be installed: decisions and consultations.

Each function returns None when the app or its model is not there, so the report says nothing
was recorded; once the app is installed, the same report lights the section up. This module is
the one place that knows those apps' field names.
"""

import datetime

from django.apps import apps
from django.db.models import Count, DateTimeField
from django.utils import timezone, translation

# Names the hooks try, in order, for a record's date and its title.
_DATE_FIELDS = ("decided_on", "decided_at", "held_on", "date", "closes_at", "created_at")
_TITLE_FIELDS = ("title", "subject", "summary", "name")


def _model(app_label, model_name):
    if not apps.is_installed(app_label):
        return None
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def decision_model():
    return _model("approvals", "Decision")


def consultation_model():
    return _model("consultations", "Consultation")


def _field_names(model):
    return {field.name for field in model._meta.get_fields()}


def _first(names, candidates):
    return next((name for name in candidates if name in names), None)


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _iso_date(obj, field):
    value = getattr(obj, field, None)
    return _as_date(value).isoformat() if value else ""


def _in_year(queryset, field, fiscal_year):
    if field is None:
        return queryset.none()
    is_datetime = isinstance(queryset.model._meta.get_field(field), DateTimeField)
    lookup = f"{field}__date" if is_datetime else field
    return queryset.filter(
        **{f"{lookup}__gte": fiscal_year.starts_on, f"{lookup}__lte": fiscal_year.ends_on}
    )


def _text(obj, field, language):
    value = getattr(obj, field, "") if field else str(obj)
    if isinstance(value, dict):  # a JSON field of texts per language
        return value.get(language) or value.get("en") or ""
    return str(value or "")


def _decision_title(decision, title_field, language):
    if title_field:
        return _text(decision, title_field, language)
    request = getattr(decision, "request", None)  # the approvals app: what the Council was asked
    if request is not None and hasattr(request, "subject"):
        return str(request.subject)
    return str(decision)


def decisions_for_year(fiscal_year, language):
    """[{"id", "date", "title", "outcome", "votes_for", "votes_against", "abstentions"}] of the
    Council decisions taken in the fiscal year, or None when decisions are not recorded in this
    portal."""
    model = decision_model()
    if model is None:
        return None
    names = _field_names(model)
    date_field = _first(names, _DATE_FIELDS)
    title_field = _first(names, _TITLE_FIELDS)
    queryset = _in_year(model.objects.all(), date_field, fiscal_year)
    if "is_public" in names:
        queryset = queryset.filter(is_public=True)
    if "request" in names:
        queryset = queryset.select_related("request__annual_plan").prefetch_related(
            "request__directions"
        )
    rows = []
    with translation.override(language):
        for decision in queryset.order_by(date_field, "pk"):
            outcome = ""
            for attribute in ("get_outcome_display", "get_result_display", "get_status_display"):
                if hasattr(decision, attribute):
                    outcome = str(getattr(decision, attribute)())
                    break
            rows.append(
                {
                    "id": decision.pk,
                    "date": _as_date(getattr(decision, date_field)).isoformat(),
                    "title": _decision_title(decision, title_field, language),
                    "outcome": outcome,
                    "votes_for": getattr(decision, "approve_count", None),
                    "votes_against": getattr(decision, "object_count", None),
                    "abstentions": getattr(decision, "abstain_count", None),
                }
            )
    return rows


def consultations_for_year(fiscal_year, language):
    """[{"title", "opens_on", "closes_on", "responses"}] of the consultations that closed in the
    fiscal year (drafts left out), or None when consultations are not run in this portal."""
    model = consultation_model()
    if model is None:
        return None
    names = _field_names(model)
    queryset = _in_year(model.objects.all(), _first(names, ("closes_at", "closes_on")), fiscal_year)
    if "status" in names:
        queryset = queryset.exclude(status="draft")
    if "responses" in names:
        queryset = queryset.annotate(response_count=Count("responses"))
    rows = []
    with translation.override(language):
        for consultation in queryset.order_by("closes_at" if "closes_at" in names else "pk"):
            rows.append(
                {
                    "title": _text(consultation, _first(names, _TITLE_FIELDS), language),
                    "opens_on": _iso_date(consultation, "opens_at"),
                    "closes_on": _iso_date(consultation, "closes_at"),
                    "responses": getattr(consultation, "response_count", None),
                }
            )
    return rows
