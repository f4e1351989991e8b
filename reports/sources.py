"""What the annual report reads from the approvals and consultations apps.

This module is the one place that knows those apps' fields, so the report, its snapshot and the
open data describe decisions and consultations the same way.
"""

from typing import Any

from django.db.models import Count
from django.utils import timezone, translation

from approvals.models import Decision
from consultations.models import Consultation
from core.fiscal import FiscalYear


def decisions_for_year(fiscal_year: FiscalYear, language: str) -> list[dict[str, Any]]:
    """[{"id", "date", "title", "outcome", "votes_for", "votes_against", "abstentions"}] of the
    decisions taken in the fiscal year, oldest first."""
    decisions = (
        Decision.objects.filter(
            decided_on__gte=fiscal_year.starts_on, decided_on__lte=fiscal_year.ends_on
        )
        .select_related("request__annual_plan", "request__body")
        .prefetch_related("request__directions")
        .order_by("decided_on", "pk")
    )
    with translation.override(language):
        return [
            {
                "id": decision.pk,
                "date": decision.decided_on.isoformat(),
                "title": str(decision.request.subject),
                "outcome": str(decision.get_outcome_display()),
                "votes_for": decision.approve_count,
                "votes_against": decision.object_count,
                "abstentions": decision.abstain_count,
            }
            for decision in decisions
        ]


def consultations_for_year(fiscal_year: FiscalYear, language: str) -> list[dict[str, Any]]:
    """[{"title", "opens_on", "closes_on", "responses"}] of the consultations that closed in the
    fiscal year (drafts left out), oldest first."""
    consultations = (
        Consultation.objects.exclude(status=Consultation.Status.DRAFT)
        .filter(
            closes_at__date__gte=fiscal_year.starts_on,
            closes_at__date__lte=fiscal_year.ends_on,
        )
        .annotate(response_count=Count("responses"))
        .order_by("closes_at", "pk")
    )
    return [
        {
            "title": consultation.title_in(language),
            "opens_on": timezone.localdate(consultation.opens_at).isoformat(),
            "closes_on": timezone.localdate(consultation.closes_at).isoformat(),
            "responses": consultation.response_count,
        }
        for consultation in consultations
    ]
