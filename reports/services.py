"""Writes of annual reports: publishing a version and building its PDFs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from actionplans.models import AnnualActionPlan, ApprovalStatus
from core.fiscal import FiscalYear
from outbox import services as outbox

from . import pages
from .models import AnnualReport, ReportVersion, ReportVersionDataset, ReportVersionPage
from .pdf import render_pdf
from .snapshot import LANGUAGES, build_datasets, build_snapshot, snapshot_language

if TYPE_CHECKING:
    from partners.models import User

NOTE_MAX_LENGTH = 2000


REPORT_TEXT_FIELDS = [
    f"{field}_{language}"
    for field in ("chair_message", "highlights", "whats_next")
    for language in ("en", "fr")
]


def _report_texts(texts: Mapping[str, str | None]) -> dict[str, str]:
    unknown = set(texts) - set(REPORT_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown report fields: {sorted(unknown)}")
    return {field: (texts.get(field) or "").strip() for field in texts}


def _year_taken(start_year: int, *, exclude_pk: int | None = None) -> bool:
    reports = AnnualReport.objects.filter(fiscal_year=start_year)
    if exclude_pk is not None:
        reports = reports.exclude(pk=exclude_pk)
    return reports.exists()


def _year_taken_error(fiscal_year: FiscalYear) -> ValidationError:
    return ValidationError(
        {
            "fiscal_year": _("The report of FY %(year)s already exists.")
            % {"year": fiscal_year.display}
        }
    )


@transaction.atomic
def annual_report_create(*, by: User, fiscal_year: FiscalYear, **texts: str) -> AnnualReport:
    """Start the report of a fiscal year; `texts` are its narrative fields in English and
    French (REPORT_TEXT_FIELDS)."""
    if not by.has_perm("reports.start_report"):
        raise PermissionDenied
    texts = _report_texts(texts)
    if _year_taken(fiscal_year.start_year):
        raise _year_taken_error(fiscal_year)
    return AnnualReport.objects.create(fiscal_year=fiscal_year.start_year, **texts)


@transaction.atomic
def annual_report_update(
    *, by: User, report: AnnualReport, fiscal_year: FiscalYear | None = None, **texts: str
) -> AnnualReport:
    """Change a report's narrative (REPORT_TEXT_FIELDS), and its year until it is published:
    a published report's year is part of its address and of its frozen versions."""
    if not by.has_perm("reports.edit_report"):
        raise PermissionDenied
    texts = _report_texts(texts)
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if fiscal_year is not None and fiscal_year.start_year != report.fiscal_year:
        if report.versions.exists():
            raise ValidationError(
                {"fiscal_year": _("A published report's fiscal year cannot change.")}
            )
        if _year_taken(fiscal_year.start_year, exclude_pk=report.pk):
            raise _year_taken_error(fiscal_year)
        report.fiscal_year = fiscal_year.start_year
    for field, value in texts.items():
        setattr(report, field, value)
    report.save()
    return report


@transaction.atomic
def annual_report_delete(*, by: User, report: AnnualReport) -> None:
    """Delete a report started in error (one with a published version is protected)."""
    if not by.has_perm("reports.remove_report"):
        raise PermissionDenied
    report.delete()


def annual_report_publish(
    *, report: AnnualReport, by: User, note: str = "", note_fr: str = ""
) -> ReportVersion:
    """Freeze the report as it is now into a new numbered version, and build its PDFs.

    The first publication needs no note; a correction (version 2 and after) must say what
    changed, in English (`note`) and in French (`note_fr`). The snapshot holds every text and
    figure in each language, stored beside the year's open data and the version's pages,
    rendered once here in every language, so later edits to the data never change what was
    published and no visitor pays for rendering it.
    """
    if not by.has_perm("reports.publish_report"):
        raise PermissionDenied
    note = (note or "").strip()
    note_fr = (note_fr or "").strip()
    if len(note) > NOTE_MAX_LENGTH or len(note_fr) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("Keep the note under %(max)s characters.") % {"max": NOTE_MAX_LENGTH}
        )
    with transaction.atomic():
        # Lock the report: two staff publishing at once get versions n and n+1, not two n.
        report = AnnualReport.objects.select_for_update().get(pk=report.pk)
        annual_plan = AnnualActionPlan.objects.filter(fiscal_year=report.fiscal_year).first()
        if annual_plan is None:
            raise ValidationError(
                _("There is no annual action plan for FY %(year)s to report on.")
                % {"year": FiscalYear(report.fiscal_year).display}
            )
        # A report makes its items public: they must be those the Council approved.
        if annual_plan.status != ApprovalStatus.APPROVED:
            raise ValidationError(
                _(
                    "The annual action plan of FY %(year)s is not approved by the Council yet: "
                    "publish its report once it is."
                )
                % {"year": FiscalYear(report.fiscal_year).display}
            )
        last = report.versions.order_by("-number").only("number").first()
        if last is not None and not note:
            raise ValidationError(
                _(
                    "This report was already published: say what this correction changes, "
                    "in the note."
                )
            )
        if last is not None and not note_fr:
            raise ValidationError(
                _(
                    "Say what this correction changes in French too: the French pages show "
                    "that note."
                ),
                code="note_fr",
            )
        version = ReportVersion.objects.create(
            report=report,
            number=last.number + 1 if last else 1,
            published_by=by,
            note_en=note,
            note_fr=note_fr,
            snapshot=build_snapshot(report),
        )
        ReportVersionDataset.objects.bulk_create(
            [
                ReportVersionDataset(version=version, slug=slug, rows=rows)
                for slug, rows in build_datasets(report).items()
            ]
        )
        ReportVersionPage.objects.bulk_create(pages.render_version(version, version.snapshot))
        from .tasks import build_report_pdfs

        # In the outbox, in this transaction: the PDFs are built even if the broker is down.
        outbox.task_enqueue(task=build_report_pdfs, kwargs={"version_id": version.pk})
    return version


def pdf_filename(version: ReportVersion, language: str) -> str:
    label = FiscalYear(version.report.fiscal_year).label
    return f"annual-report-{label}-v{version.number}-{language}.pdf"


def report_version_build_pdfs(*, version: ReportVersion, force: bool = False) -> list[str]:
    """Render the version's snapshot as a PDF in each language and store the files.

    A PDF already built is kept (a published version does not change) unless `force`; one whose
    file is missing is built again. The version stays locked meanwhile, so two builds of it at
    once (a task delivered twice, the sweep) build each PDF once.
    """
    built: list[str] = []
    with transaction.atomic():
        version = (
            ReportVersion.objects.select_for_update(of=("self",))
            .select_related("report")
            .get(pk=version.pk)
        )
        for language in LANGUAGES:
            field = version.pdf_field(language)
            if version.pdf_built(language) and not force:
                continue
            report = snapshot_language(version.snapshot, language)
            content = render_pdf(
                "reports/report_print.html",
                {"report": report, "version": version, **pages.summary_context(report)},
                language=language,
            )
            field.save(pdf_filename(version, language), ContentFile(content), save=False)
            built.append(field.field.name)
        if built:
            version.save(update_fields=built)
    return built


def report_versions_rebuild_missing_pdfs() -> list[ReportVersion]:
    """Queue a build for every published version with a PDF missing: never built, or its file
    gone from the media folder (a restore without media, a disk replaced). A build already
    waiting is not queued twice. Returns the versions queued."""
    from .tasks import build_report_pdfs

    queued: list[ReportVersion] = []
    versions = ReportVersion.objects.only("pk", "pdf_en", "pdf_fr").order_by("pk")
    for version in versions:
        if all(version.pdf_built(language) for language in LANGUAGES):
            continue
        outbox.task_enqueue(task=build_report_pdfs, kwargs={"version_id": version.pk}, unique=True)
        queued.append(version)
    return queued


def report_version_store_pages(*, version: ReportVersion) -> int:
    """Render a version's pages from its snapshot and store those missing; move open data still
    held in its snapshot (format 1) into its own rows. Idempotent: what is stored stays.

    For versions created without annual_report_publish (bulk loads, older versions). A version
    without its PDFs (say, one whose PDFs a migration set aside to be built again) gets them
    built too, after commit.
    """
    with transaction.atomic():
        version = (
            ReportVersion.objects.select_for_update().select_related("report").get(pk=version.pk)
        )
        snapshot = version.snapshot or {}
        if "datasets" in snapshot:
            ReportVersionDataset.objects.bulk_create(
                [
                    ReportVersionDataset(version=version, slug=slug, rows=rows)
                    for slug, rows in snapshot["datasets"].items()
                ],
                ignore_conflicts=True,
            )
            snapshot = {key: value for key, value in snapshot.items() if key != "datasets"}
            version.snapshot = snapshot
            version.save(update_fields=["snapshot"])
        stored = set(version.pages.values_list("language", "number"))
        missing = [
            page
            for page in pages.render_version(version, snapshot)
            if (page.language, page.number) not in stored
        ]
        ReportVersionPage.objects.bulk_create(missing, ignore_conflicts=True)
        if missing and not (version.pdf_en and version.pdf_fr):
            from .tasks import build_report_pdfs

            transaction.on_commit(lambda: build_report_pdfs.delay(version.pk))
    return len(missing)


def report_versions_render_missing() -> int:
    """Store the pages of every version that has none yet (and move any open data still in a
    snapshot out of it). Call after loading versions in bulk; returns how many were rendered."""
    without_pages = ReportVersion.objects.filter(pages__isnull=True)
    with_datasets_inside = ReportVersion.objects.filter(snapshot__has_key="datasets")
    pks = sorted(
        set(without_pages.values_list("pk", flat=True))
        | set(with_datasets_inside.values_list("pk", flat=True))
    )
    for pk in pks:
        report_version_store_pages(version=ReportVersion(pk=pk))
    return len(pks)
