"""Writes of annual reports: publishing a version and building its PDFs."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from actionplans.fiscal import FiscalYear
from actionplans.models import AnnualActionPlan, ApprovalStatus

from .models import AnnualReport, ReportVersion
from .pdf import render_pdf
from .snapshot import LANGUAGES, build_snapshot, snapshot_language

NOTE_MAX_LENGTH = 2000


def annual_report_create(*, fiscal_year, chair_message="", highlights="", whats_next=""):
    """Start the report of a fiscal year (narrative keyword arguments in English)."""
    if AnnualReport.objects.filter(fiscal_year=fiscal_year.start_year).exists():
        raise ValidationError(
            _("The report of FY %(year)s already exists.") % {"year": fiscal_year.label}
        )
    return AnnualReport.objects.create(
        fiscal_year=fiscal_year.start_year,
        chair_message=chair_message,
        highlights=highlights,
        whats_next=whats_next,
    )


def annual_report_publish(*, report, by, note=""):
    """Freeze the report as it is now into a new numbered version, and build its PDFs.

    The first publication needs no note; a correction (version 2 and after) must say what
    changed. The snapshot holds every text and figure in each language, and the open data of
    the year, so later edits to the data never change what was published.
    """
    if not by.has_perm("reports.publish_report"):
        raise PermissionDenied
    note = (note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
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
                % {"year": FiscalYear(report.fiscal_year).label}
            )
        # A report makes its items public: they must be those the Council approved.
        if annual_plan.status != ApprovalStatus.APPROVED:
            raise ValidationError(
                _(
                    "The annual action plan of FY %(year)s is not approved by the Council yet: "
                    "publish its report once it is."
                )
                % {"year": FiscalYear(report.fiscal_year).label}
            )
        last = report.versions.order_by("-number").only("number").first()
        if last is not None and not note:
            raise ValidationError(
                _(
                    "This report was already published: say what this correction changes, "
                    "in the note."
                )
            )
        version = ReportVersion.objects.create(
            report=report,
            number=last.number + 1 if last else 1,
            published_by=by,
            note=note,
            snapshot=build_snapshot(report),
        )
        from .tasks import build_report_pdfs

        transaction.on_commit(lambda: build_report_pdfs.delay(version.pk))
    return version


def pdf_filename(version, language):
    label = FiscalYear(version.report.fiscal_year).label
    return f"annual-report-{label}-v{version.number}-{language}.pdf"


def report_version_build_pdfs(*, version, force=False):
    """Render the version's snapshot as a PDF in each language and store the files.

    A PDF already built is kept (a published version does not change) unless `force`.
    """
    built = []
    for language in LANGUAGES:
        field = version.pdf_field(language)
        if field and not force:
            continue
        content = render_pdf(
            "reports/report_print.html",
            {"report": snapshot_language(version.snapshot, language), "version": version},
            language=language,
        )
        field.save(pdf_filename(version, language), ContentFile(content), save=False)
        built.append(field.field.name)
    if built:
        version.save(update_fields=built)
    return built
