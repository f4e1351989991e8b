"""A published PDF whose file is gone (media not restored, a disk replaced) answers 404, never
500, and the sweep builds it again."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from outbox.models import Message
from reports import tasks
from reports.services import annual_report_publish

from .factories import PAST


@pytest.fixture
def published(report, staff, django_capture_on_commit_callbacks):
    """A published version with both PDFs stored (small stand-ins: a real build takes seconds)."""
    with django_capture_on_commit_callbacks(execute=False):
        version = annual_report_publish(report=report, by=staff)
    for language in ("en", "fr"):
        stand_in = ContentFile(b"%PDF-1.7 stand-in")
        version.pdf_field(language).save(f"{language}.pdf", stand_in, save=False)
    version.save()
    Message.objects.update(done_at=timezone.now())  # as if its build had run
    return version


def pdf_url(language="en"):
    prefix = "/fr" if language == "fr" else ""
    return prefix + reverse("reports:pdf", args=[PAST.label])


def lose_file(version, language="en"):
    field = version.pdf_field(language)
    field.storage.delete(field.name)


def test_a_pdf_whose_file_is_missing_answers_404(client, published):
    lose_file(published)

    response = client.get(pdf_url())

    assert response.status_code == 404


def test_the_report_page_offers_no_link_to_a_pdf_whose_file_is_missing(client, published):
    lose_file(published)

    page = client.get(reverse("reports:detail", args=[PAST.label])).content.decode()

    assert pdf_url() not in page


def test_the_sweep_builds_again_a_pdf_whose_file_is_missing(
    client, published, django_capture_on_commit_callbacks
):
    lose_file(published)
    french = published.pdf_fr.name

    with django_capture_on_commit_callbacks(execute=True):
        queued = tasks.rebuild_missing_pdfs()

    assert queued == [published.pk]
    assert client.get(pdf_url()).status_code == 200
    published.refresh_from_db()
    assert published.pdf_fr.name == french


def test_the_sweep_builds_the_pdfs_of_a_version_never_built(
    report, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        version = annual_report_publish(report=report, by=staff)
    Message.objects.all().delete()  # published before the outbox: nothing waiting

    with django_capture_on_commit_callbacks(execute=True):
        tasks.rebuild_missing_pdfs()

    version.refresh_from_db()
    assert version.pdf_en and version.pdf_fr


def test_the_sweep_queues_nothing_when_every_pdf_is_there(
    published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        queued = tasks.rebuild_missing_pdfs()

    assert queued == []
    assert Message.objects.filter(done_at=None).count() == 0


def test_the_sweep_does_not_queue_a_build_already_waiting(
    report, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        annual_report_publish(report=report, by=staff)
        tasks.rebuild_missing_pdfs()
        tasks.rebuild_missing_pdfs()

    assert Message.objects.filter(task="reports.tasks.build_report_pdfs").count() == 1


def test_the_sweep_runs_every_quarter_hour_by_celery_beat(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reports-rebuild-missing-pdfs"]

    assert entry["task"] == "reports.tasks.rebuild_missing_pdfs"
    assert entry["schedule"].minute == {0, 15, 30, 45}
