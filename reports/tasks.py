from celery import shared_task

from . import services
from .models import ReportVersion


@shared_task
def build_report_pdfs(version_id: int) -> None:
    """Build a published version's PDFs, in English and French (those not built yet).

    Queued through the outbox, which runs it once and tries it again if it fails."""
    if ReportVersion.objects.filter(pk=version_id).exists():
        services.report_version_build_pdfs(version=ReportVersion(pk=version_id))


@shared_task
def rebuild_missing_pdfs() -> list[int]:
    """Every 15 minutes: queue the PDFs missing from published versions."""
    return [version.pk for version in services.report_versions_rebuild_missing_pdfs()]
