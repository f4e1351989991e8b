"""A published version never changes; a correction is a new version beside the old one."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from actionplans.models import IndicatorValue, ItemStatus
from reports.services import annual_report_publish

from .conftest import report_on
from .factories import PAST


def publish(report, by, django_capture_on_commit_callbacks, note=""):
    with django_capture_on_commit_callbacks(execute=True):
        return annual_report_publish(report=report, by=by, note=note)


def pdf_bytes(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def change_the_data(year_data, by, period):
    item = year_data["late"]
    item.title_en = "Renamed after publication"
    item.save()
    report_on(
        item,
        by=by,
        period=period,
        status=ItemStatus.COMPLETED,
        percent=100,
        narrative="Finished after all.",
    )
    IndicatorValue.objects.filter(indicator=year_data["indicator"], dimension="").update(value=999)


def test_published_page_pdf_and_data_do_not_change_when_the_data_does(
    client, report, staff, year_data, past_period, django_capture_on_commit_callbacks
):
    publish(report, staff, django_capture_on_commit_callbacks)
    page_url = reverse("reports:detail", args=[PAST.label])
    data_url = reverse("reports:data_download", args=[PAST.label, "action-items", "csv"])
    indicators_url = reverse("reports:data_download", args=[PAST.label, "indicators", "json"])
    page_before = client.get(page_url).content
    pdf_before = pdf_bytes(client, reverse("reports:pdf", args=[PAST.label]))
    data_before = client.get(data_url).content
    indicators_before = client.get(indicators_url).content

    change_the_data(year_data, staff, past_period)

    page_after = client.get(page_url).content
    assert page_after == page_before
    assert b"Shared intake form" in page_after
    assert b"Renamed after publication" not in page_after
    assert b"999" not in page_after
    assert pdf_bytes(client, reverse("reports:pdf", args=[PAST.label])) == pdf_before
    assert client.get(data_url).content == data_before
    assert client.get(indicators_url).content == indicators_before


def test_a_correction_is_a_new_version_and_both_stay_readable(
    client, report, staff, year_data, past_period, django_capture_on_commit_callbacks
):
    publish(report, staff, django_capture_on_commit_callbacks)
    change_the_data(year_data, staff, past_period)
    second = publish(
        report, staff, django_capture_on_commit_callbacks, note="Intake form item renamed."
    )
    assert second.number == 2

    latest = client.get(reverse("reports:detail", args=[PAST.label])).content.decode()
    assert "Renamed after publication" in latest
    assert "Intake form item renamed." in latest
    assert "Version 1," in latest and "Version 2," in latest

    first = client.get(reverse("reports:version_detail", args=[PAST.label, 1])).content.decode()
    assert "Shared intake form" in first
    assert "Renamed after publication" not in first
    assert "version 2 is the latest" in first
    by_query = client.get(reverse("reports:detail", args=[PAST.label]) + "?version=1")
    assert "Shared intake form" in by_query.content.decode()
    assert "version 2 is the latest" in by_query.content.decode()

    old_pdf = PdfReader(
        io.BytesIO(pdf_bytes(client, reverse("reports:version_pdf", args=[PAST.label, 1])))
    )
    old_text = "".join(page.extract_text() for page in old_pdf.pages)
    assert "Renamed after publication" not in old_text
    new_pdf = PdfReader(io.BytesIO(pdf_bytes(client, reverse("reports:pdf", args=[PAST.label]))))
    assert "Renamed after publication" in "".join(p.extract_text() for p in new_pdf.pages)


def test_a_correction_needs_a_note_saying_what_changed(
    report, staff, django_capture_on_commit_callbacks
):
    publish(report, staff, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="what this correction changes"):
        annual_report_publish(report=report, by=staff, note="  ")
    assert report.versions.count() == 1


def test_a_version_that_does_not_exist_is_not_found(
    client, report, staff, django_capture_on_commit_callbacks
):
    publish(report, staff, django_capture_on_commit_callbacks)
    assert client.get(reverse("reports:version_detail", args=[PAST.label, 7])).status_code == 404
    assert (
        client.get(reverse("reports:detail", args=[PAST.label]) + "?version=x").status_code == 404
    )
