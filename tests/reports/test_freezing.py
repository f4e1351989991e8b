"""A published version never changes; a correction is a new version beside the old one."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from actionplans.models import ActionItem, IndicatorValue, ItemStatus
from reports.models import ReportVersion
from reports.services import annual_report_publish, report_versions_render_missing

from .conftest import report_on
from .factories import PAST


def publish(report, by, django_capture_on_commit_callbacks, note="", note_fr=""):
    with django_capture_on_commit_callbacks(execute=True):
        return annual_report_publish(report=report, by=by, note=note, note_fr=note_fr)


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
    items_url = reverse("reports:items", args=[PAST.label]) + "?page=1"
    data_url = reverse("reports:data_download", args=[PAST.label, "action-items", "csv"])
    indicators_url = reverse("reports:data_download", args=[PAST.label, "indicators", "json"])
    page_before = client.get(page_url).content
    items_before = client.get(items_url).content
    pdf_before = pdf_bytes(client, reverse("reports:pdf", args=[PAST.label]))
    data_before = client.get(data_url).content
    indicators_before = client.get(indicators_url).content

    change_the_data(year_data, staff, past_period)

    page_after = client.get(page_url).content
    assert page_after == page_before
    assert b"999" not in page_after
    items_after = client.get(items_url).content
    assert items_after == items_before
    assert b"Shared intake form" in items_after
    assert b"Renamed after publication" not in items_after
    assert pdf_bytes(client, reverse("reports:pdf", args=[PAST.label])) == pdf_before
    assert client.get(data_url).content == data_before
    assert client.get(indicators_url).content == indicators_before


def test_a_correction_is_a_new_version_and_both_stay_readable(
    client, report, staff, year_data, past_period, django_capture_on_commit_callbacks
):
    publish(report, staff, django_capture_on_commit_callbacks)
    change_the_data(year_data, staff, past_period)
    second = publish(
        report,
        staff,
        django_capture_on_commit_callbacks,
        note="Intake form item renamed.",
        note_fr="Élément du formulaire d'accueil renommé.",
    )
    assert second.number == 2

    latest = client.get(reverse("reports:detail", args=[PAST.label])).content.decode()
    assert "Renamed after publication" in latest  # now completed: one of the highlights
    assert "Intake form item renamed." in latest
    assert "Version 1," in latest and "Version 2," in latest
    latest_items = client.get(reverse("reports:items", args=[PAST.label]), {"page": 1})
    assert "Renamed after publication" in latest_items.content.decode()

    first = client.get(reverse("reports:version_detail", args=[PAST.label, 1])).content.decode()
    assert "Renamed after publication" not in first
    assert "version 2 is the latest" in first
    first_items = client.get(reverse("reports:version_items", args=[PAST.label, 1]), {"page": 1})
    assert "Shared intake form" in first_items.content.decode()
    assert "Renamed after publication" not in first_items.content.decode()
    by_query = client.get(reverse("reports:detail", args=[PAST.label]) + "?version=1")
    assert "Renamed after publication" not in by_query.content.decode()
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
        annual_report_publish(report=report, by=staff, note="  ", note_fr="Une correction.")
    assert report.versions.count() == 1


def test_a_correction_needs_its_note_in_french_too(
    report, staff, django_capture_on_commit_callbacks
):
    publish(report, staff, django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="in French too"):
        annual_report_publish(report=report, by=staff, note="A correction.", note_fr=" ")
    assert report.versions.count() == 1


def test_the_french_report_page_shows_the_french_correction_note(
    client, report, staff, django_capture_on_commit_callbacks
):
    publish(report, staff, django_capture_on_commit_callbacks)
    publish(
        report,
        staff,
        django_capture_on_commit_callbacks,
        note="Intake form item renamed.",
        note_fr="Élément du formulaire d'accueil renommé.",
    )

    english = client.get(reverse("reports:detail", args=[PAST.label])).text
    with translation.override("fr"):
        french = client.get(reverse("reports:detail", args=[PAST.label])).text

    assert "Intake form item renamed." in english
    assert "Élément du formulaire d&#x27;accueil renommé." not in english
    assert "Élément du formulaire d&#x27;accueil renommé." in french
    assert "Intake form item renamed." not in french


def test_a_version_that_does_not_exist_is_not_found(
    client, report, staff, django_capture_on_commit_callbacks
):
    publish(report, staff, django_capture_on_commit_callbacks)
    assert client.get(reverse("reports:version_detail", args=[PAST.label, 7])).status_code == 404
    assert (
        client.get(reverse("reports:detail", args=[PAST.label]) + "?version=x").status_code == 404
    )


def test_the_published_page_is_served_as_stored_not_rendered_again(
    client, report, staff, year_data, django_capture_on_commit_callbacks
):
    version = publish(report, staff, django_capture_on_commit_callbacks)
    page_url = reverse("reports:detail", args=[PAST.label])
    before = client.get(page_url).content
    # Emptying the snapshot changes nothing: visitors get the HTML rendered at publication.
    ReportVersion.objects.filter(pk=version.pk).update(snapshot={})
    assert client.get(page_url).content == before
    assert b"Mentoring circles for engineers" in before  # a completed item, among the highlights


def test_a_version_without_stored_pages_is_rendered_once_then_served_as_stored(
    client, report, staff, year_data, django_capture_on_commit_callbacks
):
    version = publish(report, staff, django_capture_on_commit_callbacks)
    page_url = reverse("reports:detail", args=[PAST.label])
    rendered_at_publication = client.get(page_url).content
    version.pages.all().delete()

    assert client.get(page_url).content == rendered_at_publication
    assert version.pages.filter(language="en").exists()
    assert version.pages.filter(language="fr").exists()


def test_versions_loaded_in_bulk_get_their_pages_and_datasets_from_one_call(
    client, report, staff, year_data, django_capture_on_commit_callbacks
):
    version = publish(report, staff, django_capture_on_commit_callbacks)
    datasets = dict(version.datasets.values_list("slug", "rows"))
    # As a bulk load would leave it: no pages, the open data inside the snapshot (format 1).
    version.pages.all().delete()
    version.datasets.all().delete()
    ReportVersion.objects.filter(pk=version.pk).update(
        snapshot={**version.snapshot, "datasets": datasets}
    )

    assert report_versions_render_missing() == 1
    assert report_versions_render_missing() == 0
    version.refresh_from_db()
    assert "datasets" not in version.snapshot
    assert dict(version.datasets.values_list("slug", "rows")) == datasets
    assert version.pages.filter(number=0).count() == 2
    url = reverse("reports:data_download", args=[PAST.label, "action-items", "csv"])
    assert b"Shared intake form" in client.get(url).content


def test_a_report_without_items_to_list_links_to_no_empty_list(
    client, report, staff, past_plan, django_capture_on_commit_callbacks
):
    ActionItem.objects.filter(annual_plan=past_plan).update(status=ItemStatus.ON_TRACK)
    publish(report, staff, django_capture_on_commit_callbacks)
    page = client.get(reverse("reports:detail", args=[PAST.label])).content.decode()
    assert "/items/" not in page
    assert client.get(reverse("reports:items", args=[PAST.label])).status_code == 404
