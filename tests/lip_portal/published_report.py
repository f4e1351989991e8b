"""A published annual report whose two PDFs are built, committed, for the backup tests.

Runs in the test process and, through `manage.py shell`, in a portal process of its own (on a
database of its own); so it commits, and builds the PDFs as the portal does on commit."""

from lip_portal.roles import BACKBONE_ROLES
from reports.services import annual_report_publish
from tests.actionplans.factories import AnnualActionPlanFactory
from tests.partners.factories import StaffFactory
from tests.reports.factories import PAST, AnnualReportFactory

PDF_URL = f"/reports/{PAST.label}.pdf"


def publish_report_with_pdfs():
    AnnualActionPlanFactory(fiscal_year=PAST.start_year)
    version = annual_report_publish(
        report=AnnualReportFactory(),
        by=StaffFactory(email="publisher@example.org", roles=BACKBONE_ROLES),
    )
    version.refresh_from_db()
    if not (version.pdf_en and version.pdf_fr):
        raise AssertionError("publishing the report built no PDF")
    return version
