from celery import shared_task

from . import services
from .models import ReportVersion


@shared_task(acks_late=True, max_retries=3, autoretry_for=(OSError,), retry_backoff=30)
def build_report_pdfs(version_id):
    """Build a published version's PDFs, in English and French."""
    version = ReportVersion.objects.select_related("report").filter(pk=version_id).first()
    if version is not None:
        services.report_version_build_pdfs(version=version)
