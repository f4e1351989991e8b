"""Reads of the practice library: the public sees published practices only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation

from actionplans.models import ActionItem, Indicator, IndicatorValue
from core.languages import self_name
from pillars.models import Pillar

from .models import Population, Practice

if TYPE_CHECKING:
    from core.typing import AnyUser
    from partners.models import User

# The columns of the practices dataset (contract of the data package), in order.
OPEN_DATA_COLUMNS = (
    "practice_id",
    "title_en",
    "title_fr",
    "pillar",
    "problem_en",
    "problem_fr",
    "what_was_done_en",
    "what_was_done_fr",
    "populations",
    "languages",
    "outcome",
    "indicator_codes",
    "lead_organization",
    "contact_email",
    "item_id",
    "published_at",
    "url",
)
SEARCHED_FIELDS = ("title", "problem", "what_was_done")


def published() -> QuerySet[Practice]:
    return Practice.objects.filter(status=Practice.Status.PUBLISHED)


def practice_list(
    *, query: str = "", pillar: str = "", population: str = "", outcome: str = ""
) -> QuerySet[Practice]:
    """Published practices, newest first, matching the search words and the filters; each card's
    pillar, lead organization and populations come with them (three queries whatever the page)."""
    practices = published().select_related("pillar", "lead_organization")
    for word in query.split()[:10]:
        match = Q()
        for field in SEARCHED_FIELDS:
            for language in ("en", "fr"):
                match |= Q(**{f"{field}_{language}__icontains": word})
        practices = practices.filter(match)
    if pillar:
        practices = practices.filter(pillar__slug=pillar)
    if population:
        practices = practices.filter(populations__code=population)
    if outcome:
        practices = practices.filter(outcome=outcome)
    return practices.prefetch_related(
        Prefetch("populations", queryset=Population.objects.order_by("order", "code"))
    ).order_by("-published_at", "-pk")


def filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The filters' options: pillars, populations and outcomes."""
    return {
        "pillars": [(p.slug, p.name) for p in Pillar.objects.order_by("order", "slug")],
        "populations": [(p.code, p.name) for p in Population.objects.order_by("order", "code")],
        "outcomes": [(str(value), str(label)) for value, label in Practice.Outcome.choices],
    }


def _with_details(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    overall = IndicatorValue.objects.filter(dimension="").order_by("fiscal_year", "pk")
    return practices.select_related(
        "pillar",
        "lead_organization",
        "item__annual_plan",
        "item__strategic_direction",
        "submitted_by",
        "approved_by",
    ).prefetch_related(
        Prefetch("populations", queryset=Population.objects.order_by("order", "code")),
        Prefetch(
            "indicators",
            queryset=Indicator.objects.order_by("order", "pk").prefetch_related(
                Prefetch("values", queryset=overall, to_attr="overall_by_year")
            ),
        ),
    )


def practice_get_for_view(*, user: AnyUser, pk: int) -> Practice:
    """A practice `user` may see, with its populations and indicators (each with its latest
    overall value as `latest_value`); 404 for one they may not know exists."""
    practice = get_object_or_404(_with_details(Practice.objects.all()), pk=pk)
    if not user.has_perm("practices.read_practice", practice):
        raise Http404
    practice.language_names = [(code, self_name(code)) for code in practice.languages]
    for indicator in practice.indicators.all():
        values: list[IndicatorValue] = getattr(indicator, "overall_by_year", [])
        indicator.latest_value = values[-1] if values else None
    return practice


def practice_get_for_edit(*, user: User, pk: int) -> Practice:
    practice = get_object_or_404(
        Practice.objects.select_related("item__annual_plan", "item__strategic_direction"), pk=pk
    )
    if not user.has_perm("practices.read_practice", practice):
        raise Http404
    if not user.has_perm("practices.edit_practice", practice):
        raise PermissionDenied
    return practice


def item_get_for_practice(*, user: User, pk: int) -> ActionItem:
    """The action item `user` may draw a practice from."""
    item = get_object_or_404(
        ActionItem.objects.select_related(
            "annual_plan", "strategic_direction", "lead_organization"
        ),
        pk=pk,
    )
    if not user.has_perm("practices.share_item", item):
        raise PermissionDenied
    return item


def indicators_for_item(item: ActionItem) -> QuerySet[Indicator]:
    """The indicators a practice of this item may link to: those of the item's plan."""
    return Indicator.objects.filter(plan_id=item.annual_plan.plan_id).order_by("order", "pk")


def _mine(user: User) -> QuerySet[Practice]:
    return Practice.objects.filter(lead_organization_id=user.organization_id).exclude(
        status=Practice.Status.PUBLISHED
    )


def _awaiting() -> QuerySet[Practice]:
    return Practice.objects.filter(status=Practice.Status.SUBMITTED)


def dashboard_pending(user: User) -> QuerySet[Practice]:
    """The practices the dashboard's panel lists for the person (for an Exists() test): their
    organization's not yet published, and, for staff who publish, those awaiting approval."""
    pending = _mine(user) if user.organization_id else Practice.objects.none()
    if user.has_perm("practices.publish"):
        pending = pending | _awaiting()
    return pending


def dashboard_practices(*, user: User) -> dict[str, list[Practice]]:
    """For the dashboard: the practices of the person's organization not yet published, and,
    for staff who publish, those awaiting approval."""
    mine: list[Practice] = []
    awaiting: list[Practice] = []
    if user.organization_id:
        mine = list(_mine(user).order_by("-updated_at")[:20])
    if user.has_perm("practices.publish"):
        awaiting = list(
            _awaiting().select_related("lead_organization").order_by("submitted_at")[:20]
        )
    return {"mine": mine, "awaiting": awaiting}


def _absolute(path: str) -> str:
    return f"{settings.PORTAL_BASE_URL}{path}"


def open_data_rows() -> list[dict[str, Any]]:
    """One row per published practice, with exactly the columns of the practices dataset."""
    practices = (
        published()
        .select_related("pillar", "lead_organization")
        .prefetch_related(
            Prefetch("populations", queryset=Population.objects.order_by("order", "code")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "pk")),
        )
        .order_by("pk")
    )
    rows = []
    with translation.override(settings.LANGUAGE_CODE):
        for practice in practices:
            codes = [indicator.code for indicator in practice.indicators.all()]
            rows.append(
                {
                    "practice_id": practice.pk,
                    "title_en": practice.title_en or "",
                    "title_fr": practice.title_fr or "",
                    "pillar": practice.pillar.slug,
                    "problem_en": practice.problem_en or "",
                    "problem_fr": practice.problem_fr or "",
                    "what_was_done_en": practice.what_was_done_en or "",
                    "what_was_done_fr": practice.what_was_done_fr or "",
                    "populations": ";".join(p.code for p in practice.populations.all()),
                    "languages": ";".join(practice.languages),
                    "outcome": practice.outcome,
                    "indicator_codes": ";".join(code for code in codes if code),
                    "lead_organization": practice.lead_organization.name,
                    "contact_email": practice.contact_email if practice.contact_consent else "",
                    "item_id": practice.item_id,
                    "published_at": practice.published_at.isoformat()
                    if practice.published_at
                    else "",
                    "url": _absolute(reverse("practices:detail", kwargs={"pk": practice.pk})),
                }
            )
    return rows
