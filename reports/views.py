import json
import logging

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.downloads import attachment
from core.fiscal import FiscalYear
from partners.models import User

from . import datapackage, opendata, selectors, services
from .forms import PublishForm
from .models import AnnualReport, ReportVersionPage
from .pages import summary_context
from .pdf import render_pdf
from .popolo import popolo_json
from .snapshot import build_language

logger = logging.getLogger(__name__)


@require_safe
def report_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/report_list.html",
        {
            "reports": selectors.published_reports(),
            "drafts": selectors.draft_reports(user=request.user),
            "can_manage": request.user.has_perm("reports.preview_report"),
        },
    )


def _version_number(request: HttpRequest, number: int | None) -> int | None:
    if number is not None:
        return number
    raw = request.GET.get("version")
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        raise Http404 from None


def _stored_page(fiscal_year: FiscalYear, number: int | None, page: int) -> selectors.StoredPage:
    """The stored page, rendered and stored first if the version has none yet (a version
    loaded in bulk, or published before pages were stored). 404 past the last page."""
    language = get_language()
    found = selectors.report_version_page(
        fiscal_year=fiscal_year, number=number, language=language, page=page
    )
    if found.page is None:
        if selectors.report_version_has_pages(version=found.version):
            raise Http404
        services.report_version_store_pages(version=found.version)
        found = selectors.report_version_page(
            fiscal_year=fiscal_year, number=number, language=language, page=page
        )
        if found.page is None:
            raise Http404
    return found


@require_safe
def report_detail(
    request: HttpRequest, fiscal_year: FiscalYear, number: int | None = None
) -> HttpResponse:
    """A published version: its page as rendered once at publication, never its snapshot."""
    found = _stored_page(fiscal_year, _version_number(request, number), ReportVersionPage.REPORT)
    return render(
        request,
        "reports/report_detail.html",
        {
            "page": found.page,
            "version": found.version,
            "versions": found.versions,
            "fiscal_year": fiscal_year,
            "pdf_ready": found.version.pdf_built(get_language()),
        },
    )


@require_safe
def report_items(
    request: HttpRequest, fiscal_year: FiscalYear, number: int | None = None
) -> HttpResponse:
    """A page of the frozen list of a version's items completed, delayed or cancelled."""
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise Http404
    found = _stored_page(fiscal_year, number, int(raw))
    return render(request, "reports/report_items.html", {"page": found.page})


@require_safe
def report_pdf(
    request: HttpRequest, fiscal_year: FiscalYear, number: int | None = None
) -> FileResponse:
    version = selectors.report_version_get(fiscal_year=fiscal_year, number=number)
    language = get_language()
    field = version.pdf_field(language)
    if not field:
        raise Http404(_("The PDF of this report is still being built."))
    try:
        content = field.open("rb")
    except FileNotFoundError:
        # Its file is gone (media not restored, a disk replaced): the sweep builds it again.
        logger.warning("The PDF file %s of %s is missing.", field.name, version)
        raise Http404(_("The PDF of this report is still being built.")) from None
    return FileResponse(
        content,
        content_type="application/pdf",
        filename=services.pdf_filename(version, language),
    )


@login_required
@require_safe
def report_preview(request: HttpRequest, fiscal_year: FiscalYear) -> HttpResponse:
    """The draft exactly as it would be published, built from the data now (staff only)."""
    report = selectors.report_get_for_preview(user=request.user, fiscal_year=fiscal_year)
    return _preview_page(request, report, fiscal_year, PublishForm())


def _preview_page(
    request: HttpRequest,
    report: AnnualReport,
    fiscal_year: FiscalYear,
    form: PublishForm,
    status: int = 200,
) -> HttpResponse:
    """The draft as it would be published, with the form that publishes it."""
    snapshot = build_language(report, get_language())
    return render(
        request,
        "reports/report_detail.html",
        {
            "report": snapshot,
            **summary_context(snapshot),
            "preview_of": report,
            "versions": selectors.report_versions(report=report),
            "fiscal_year": fiscal_year,
            "form": form,
        },
        status=status,
    )


def _may_publish(request: HttpRequest) -> bool:
    return request.user.has_perm("reports.publish_report")


@login_required
@require_POST
# Publishing asks for the password again (then carries on with the same form); someone who may
# not publish is refused without being asked.
@reauthentication_required(enabled=_may_publish)
def report_publish(request: HttpRequest, fiscal_year: FiscalYear) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # signed in: @login_required
    report = selectors.report_get_for_preview(user=user, fiscal_year=fiscal_year)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            version = services.annual_report_publish(
                report=report,
                by=user,
                note=form.cleaned_data["note"],
                note_fr=form.cleaned_data["note_fr"],
            )
        except ValidationError as error:
            form.add_error("note_fr" if error.code == "note_fr" else "note", error)
        else:
            messages.success(
                request,
                _("Version %(number)s of the report of FY %(year)s is published.")
                % {"number": version.number, "year": fiscal_year.label},
            )
            return redirect("reports:detail", fiscal_year=fiscal_year)
    return _preview_page(request, report, fiscal_year, form, status=400)


# --- Funder progress report (staff) ------------------------------------------------------------


@login_required
@require_safe
def funder_report_list(request: HttpRequest) -> HttpResponse:
    periods = selectors.reporting_periods_for_funder(user=request.user)
    return render(request, "reports/funder_list.html", {"periods": periods})


@login_required
@require_safe
def funder_report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.reporting_period_get_for_funder(user=request.user, pk=pk)
    rows = selectors.funder_report_rows(period=period)
    return attachment(
        opendata.write_csv(opendata.FUNDER_REPORT_COLUMNS, rows),
        filename=f"funder-report-{period.fiscal_year_label}-q{period.quarter}.csv",
        content_type="text/csv; charset=utf-8",
    )


@login_required
@require_safe
def funder_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.reporting_period_get_for_funder(user=request.user, pk=pk)
    content = render_pdf(
        "reports/funder_print.html",
        {"period": period, "rows": selectors.funder_report_rows(period=period)},
        language=get_language(),
    )
    return attachment(
        content,
        filename=f"funder-report-{period.fiscal_year_label}-q{period.quarter}.pdf",
        content_type="application/pdf",
    )


# --- Open data ---------------------------------------------------------------------------------


@require_safe
def data_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/data_index.html",
        {
            "datasets": opendata.available_datasets(),
            "current_datasets": opendata.current_datasets(),
            "documented_datasets": [
                *opendata.available_datasets(),
                *opendata.current_datasets(),
            ],
            "years": selectors.open_data_years(),
            "schema_version": datapackage.SCHEMA_VERSION,
            "major": datapackage.MAJOR,
            "licence": datapackage.licence(),
            "types": opendata.TYPES,
            "current_year": FiscalYear.current(),
        },
    )


def _served_major(major: int | None) -> None:
    """/data/v<major>/...: 404 unless that major version of the schemas is still served."""
    if major is not None and major not in datapackage.SERVED_MAJORS:
        raise Http404


@require_safe
def data_package(request: HttpRequest, major: int | None = None) -> HttpResponse:
    """The Frictionless Data Package describing every dataset, in the page's language."""
    _served_major(major)
    package = datapackage.descriptor(years=selectors.open_data_years(), language=get_language())
    response = HttpResponse(
        json.dumps(package, ensure_ascii=False, indent=1), content_type="application/json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def data_current(
    request: HttpRequest, dataset: str, file_format: str, major: int | None = None
) -> HttpResponse:
    """A current dataset (not per fiscal year), as CSV or JSON."""
    _served_major(major)
    found = opendata.current_dataset_by_slug(dataset)
    if found is None or file_format not in opendata.FORMATS:
        raise Http404
    current, build_rows = found
    rows = build_rows()
    if file_format == "csv":
        content = opendata.write_csv(current.columns, rows)
        content_type = "text/csv; charset=utf-8"
    else:
        content = opendata.write_json(current, None, rows)
        content_type = "application/json"
    response = attachment(
        content, filename=f"{current.slug}.{file_format}", content_type=content_type
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def data_download(
    request: HttpRequest,
    fiscal_year: FiscalYear,
    dataset: str,
    file_format: str,
    major: int | None = None,
) -> HttpResponse:
    _served_major(major)
    found = opendata.dataset_by_slug(dataset)
    if found is None or file_format not in opendata.FORMATS:
        raise Http404
    rows, frozen = selectors.open_data_rows(fiscal_year=fiscal_year, dataset=found)
    if file_format == "csv":
        content = opendata.write_csv(found.columns, rows)
        content_type = "text/csv; charset=utf-8"
    else:
        content = opendata.write_json(found, fiscal_year, rows, frozen_version=frozen)
        content_type = "application/json"
    response = attachment(
        content,
        filename=f"{found.slug}-{fiscal_year.label}.{file_format}",
        content_type=content_type,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- Governance and decisions as Popolo JSON (reports/popolo.py) --------------------------------


@require_safe
def popolo_data(request: HttpRequest) -> HttpResponse:
    """/data/popolo.json: public, cached for anonymous readers like any public page."""
    response = HttpResponse(popolo_json(get_language()), content_type="application/json")
    response["Access-Control-Allow-Origin"] = "*"
    return response
