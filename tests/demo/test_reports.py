from core.fiscal import FiscalYear
from demo.seed import seed_demo
from reports.models import AnnualReport, ReportVersion


def test_demo_has_a_published_past_report_with_pdfs_and_a_current_draft(
    db, django_capture_on_commit_callbacks
):
    for _run in range(2):  # idempotent: the second run changes nothing
        with django_capture_on_commit_callbacks(execute=True):
            seed_demo()
    past = AnnualReport.objects.get(fiscal_year=FiscalYear.current().previous().start_year)
    version = ReportVersion.objects.get(report=past)
    assert version.number == 1
    assert version.pdf_en and version.pdf_fr
    current = AnnualReport.objects.get(fiscal_year=FiscalYear.current().start_year)
    assert not current.versions.exists()
    assert version.snapshot["languages"]["fr"]["narrative"]["chair_message"].startswith("Cette")
