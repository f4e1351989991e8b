"""What the search indexes of each kind of public record: one Document per record and language,
built only from records the public may see (never a draft, an unpublished meeting or report, a
draft consultation, or an action item of a plan the Council has not approved)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from actionplans.models import ActionItem, ApprovalStatus, StrategicDirection
from approvals.models import Decision
from consultations.models import Consultation
from core.fiscal import FiscalYear
from partners.models import Organization
from pillars.models import Group, Meeting
from practices.models import Practice
from reports.models import ReportVersion

from .models import Kind

LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class Document:
    kind: str
    object_id: int
    language: str
    title: str
    body: str
    pillar: str
    url: str
    # A few words under the title that tell two records apart (a year, a date, a sector).
    detail: str = ""


def _join(*parts: object) -> str:
    return "\n".join(str(part) for part in parts if part)


def _only(queryset: QuerySet, ids: Iterable[int] | None) -> QuerySet:
    return queryset if ids is None else queryset.filter(pk__in=list(ids))


def _group_pillar(group: Group) -> str:
    if group.pillar is not None:
        return group.pillar.slug
    parent = group.parent
    if parent is not None and parent.pillar is not None:
        return parent.pillar.slug
    return ""


def action_items(ids: Iterable[int] | None, language: str) -> Iterator[Document]:
    items = _only(
        ActionItem.objects.filter(annual_plan__status=ApprovalStatus.APPROVED).select_related(
            "strategic_direction__pillar", "lead_organization", "annual_plan"
        ),
        ids,
    )
    for item in items.iterator(chunk_size=500):
        yield Document(
            Kind.ACTION_ITEM,
            item.pk,
            language,
            item.title,
            _join(item.description, item.strategic_direction.title, item.lead_organization),
            item.strategic_direction.pillar.slug,
            reverse("actionplans:item_detail", kwargs={"pk": item.pk}),
            _("FY %(year)s") % {"year": FiscalYear(item.annual_plan.fiscal_year).display},
        )


def organizations(ids: Iterable[int] | None, language: str) -> Iterator[Document]:
    for organization in _only(Organization.objects.all(), ids).iterator(chunk_size=500):
        yield Document(
            Kind.ORGANIZATION,
            organization.pk,
            language,
            organization.name,
            organization.description,
            "",
            organization.get_absolute_url(),
            organization.get_sector_display(),
        )


def groups(ids: Iterable[int] | None, language: str) -> Iterator[Document]:
    queryset = Group.objects.select_related("pillar", "parent__pillar")
    for group in _only(queryset, ids):
        yield Document(
            Kind.GROUP,
            group.pk,
            language,
            group.name,
            group.mandate,
            _group_pillar(group),
            reverse("pillars:group_detail", kwargs={"slug": group.slug}),
            group.get_kind_display(),
        )


def minutes(ids: Iterable[int] | None, language: str) -> Iterator[Document]:
    queryset = Meeting.objects.filter(is_published=True).select_related(
        "group__pillar", "group__parent__pillar"
    )
    for meeting in _only(queryset, ids).iterator(chunk_size=500):
        url = reverse("pillars:group_detail", kwargs={"slug": meeting.group.slug})
        yield Document(
            Kind.MINUTES,
            meeting.pk,
            language,
            f"{meeting.group.name} · {date_format(meeting.held_on, 'DATE_FORMAT')}",
            _join(meeting.agenda, meeting.minutes, meeting.decisions),
            _group_pillar(meeting.group),
            f"{url}#meeting-{meeting.pk}",
        )


def decisions(ids: Iterable[int] | None, language: str) -> Iterator[Document]:
    queryset = Decision.objects.select_related(
        "request__body__pillar", "request__annual_plan"
    ).prefetch_related(
        Prefetch(
            "request__directions",
            queryset=StrategicDirection.objects.select_related("pillar").order_by("code"),
        )
    )
    for decision in _only(queryset, ids):
        request = decision.request
        directions = list(request.directions.all())
        pillar = directions[0].pillar.slug if directions else ""
        if not pillar and request.body.pillar_id:
            pillar = request.body.pillar.slug
        yield Document(
            Kind.DECISION,
            decision.pk,
            language,
            str(request),
            _join(
                decision.get_outcome_display(),
                request.question,
                *(f"{direction.code} {direction.title}" for direction in directions),
            ),
            pillar,
            reverse("approvals:decision_detail", kwargs={"pk": decision.pk}),
            date_format(decision.decided_on, "DATE_FORMAT"),
        )


def reports(ids: Iterable[int] | None, language: str) -> Iterator[Document]:
    """A published report as its latest version's snapshot says it (drafts are never read)."""
    latest: dict[int, ReportVersion] = {}
    versions = ReportVersion.objects.select_related("report").order_by("report_id", "number")
    if ids is not None:
        versions = versions.filter(report_id__in=list(ids))
    for version in versions.only("pk", "number", "report__fiscal_year", "snapshot"):
        latest[version.report_id] = version
    for report_id, version in latest.items():
        texts = (version.snapshot or {}).get("languages", {})
        text = texts.get(language) or texts.get("en") or {}
        narrative = text.get("narrative", {})
        fiscal_year = FiscalYear(version.report.fiscal_year)
        yield Document(
            Kind.REPORT,
            report_id,
            language,
            text.get("title") or str(version.report),
            _join(
                narrative.get("chair_message"),
                narrative.get("highlights"),
                narrative.get("whats_next"),
                text.get("annual_plan_summary"),
            ),
            "",
            reverse("reports:detail", kwargs={"fiscal_year": fiscal_year}),
        )


def consultations(ids: Iterable[int] | None, language: str) -> Iterator[Document]:
    queryset = Consultation.objects.exclude(status=Consultation.Status.DRAFT).select_related(
        "pillar"
    )
    for consultation in _only(queryset, ids):
        yield Document(
            Kind.CONSULTATION,
            consultation.pk,
            language,
            consultation.title_in(language),
            _join(consultation.description_in(language), consultation.what_we_did_in(language)),
            consultation.pillar.slug if consultation.pillar_id else "",
            reverse("consultations:detail", kwargs={"slug": consultation.slug}),
            consultation.get_status_display(),
        )


def practices(ids: Iterable[int] | None, language: str) -> Iterator[Document]:
    queryset = Practice.objects.filter(status=Practice.Status.PUBLISHED).select_related(
        "pillar", "lead_organization"
    )
    for practice in _only(queryset, ids).iterator(chunk_size=500):
        yield Document(
            Kind.PRACTICE,
            practice.pk,
            language,
            practice.title,
            _join(
                practice.problem,
                practice.what_was_done,
                practice.results,
                practice.lead_organization,
            ),
            practice.pillar.slug,
            reverse("practices:detail", kwargs={"pk": practice.pk}),
            practice.get_outcome_display(),
        )


BUILDERS: dict[str, Callable[[Iterable[int] | None, str], Iterator[Document]]] = {
    Kind.ACTION_ITEM: action_items,
    Kind.ORGANIZATION: organizations,
    Kind.GROUP: groups,
    Kind.MINUTES: minutes,
    Kind.DECISION: decisions,
    Kind.REPORT: reports,
    Kind.CONSULTATION: consultations,
    Kind.PRACTICE: practices,
}


def build(kind: str, ids: Iterable[int] | None) -> Iterator[Document]:
    """Every language's documents of the kind's visible records (all of them if `ids` is None)."""
    ids = None if ids is None else list(ids)
    for language in LANGUAGES:
        with translation.override(language):
            yield from BUILDERS[kind](ids, language)
