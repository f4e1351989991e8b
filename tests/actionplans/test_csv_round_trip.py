"""The exported spreadsheet, filled in and imported, becomes exactly the expected updates."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actionplans import csv_io, services
from actionplans.models import ProgressUpdate

from .factories import ActionItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(annual_plan, organization):
    return [
        ActionItemFactory(annual_plan=annual_plan, lead_organization=organization, title=title)
        for title in ("Welcome workshops", '=HYPERLINK("http://evil")', "Job fair")
    ]


def _export(client, period):
    response = client.get(reverse("actionplans:period_export", args=[period.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _import(client, period, rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_io.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return client.post(
        reverse("actionplans:period_import", args=[period.pk]),
        {"file": SimpleUploadedFile("filled.csv", buffer.getvalue().encode())},
    )


def test_export_neutralises_cells_a_spreadsheet_would_run_as_formulas(
    client, staff, items, open_period
):
    client.force_login(staff)

    rows = _export(client, open_period)

    titles = {row["title"] for row in rows}
    assert '\'=HYPERLINK("http://evil")' in titles
    assert not any(row["title"].startswith("=") for row in rows)


def test_filled_export_imports_exactly_the_filled_rows(client, staff, items, open_period):
    client.force_login(staff)
    rows = _export(client, open_period)
    rows[0].update(new_status="on_track", new_percent="40", new_narrative="Ran **two** sessions.")
    rows[2].update(new_status="Completed", new_percent="100%", new_narrative="'- done")

    response = _import(client, open_period, rows)

    assert response.status_code == 302
    updates = {u.item_id: u for u in ProgressUpdate.objects.all()}
    assert set(updates) == {int(rows[0]["item_id"]), int(rows[2]["item_id"])}
    first, last = updates[int(rows[0]["item_id"])], updates[int(rows[2]["item_id"])]
    assert (first.status, first.percent, first.narrative) == (
        "on_track",
        40,
        "Ran **two** sessions.",
    )
    assert (last.status, last.percent, last.narrative) == ("completed", 100, "- done")
    assert all(u.author == staff and u.reporting_period == open_period for u in updates.values())
    items[0].refresh_from_db()
    assert (items[0].percent, items[0].version) == (40, 1)


def test_a_bad_row_imports_nothing_and_is_named_by_its_line(client, staff, items, open_period):
    client.force_login(staff)
    rows = _export(client, open_period)
    rows[0].update(new_status="on_track", new_percent="40", new_narrative="Fine row.")
    rows[1].update(new_status="finished-ish", new_percent="40", new_narrative="Bad status.")
    rows[2].update(new_status="on_track", new_percent="140", new_narrative="Bad percent.")

    response = _import(client, open_period, rows)

    assert response.status_code == 400
    assert not ProgressUpdate.objects.exists()
    assert "Line 3:" in response.text  # header is line 1
    assert "Line 4:" in response.text
    assert "Line 2:" not in response.text
    assert "Nothing was imported" in response.text


def test_an_item_updated_after_the_export_refuses_the_whole_file(client, staff, items, open_period):
    client.force_login(staff)
    rows = _export(client, open_period)
    services.progress_update_create(
        item=items[1],
        author=staff,
        status="delayed",
        percent=5,
        narrative="",
        seen_version=0,
        period=open_period,
    )
    rows[0].update(new_status="on_track", new_percent="40", new_narrative="")
    rows[1].update(new_status="on_track", new_percent="40", new_narrative="")

    response = _import(client, open_period, rows)

    assert response.status_code == 400
    assert "was updated after the file was exported" in response.text
    assert ProgressUpdate.objects.count() == 1  # only the update made meanwhile


def test_a_file_without_the_exported_columns_is_refused(client, staff, items, open_period):
    client.force_login(staff)

    response = client.post(
        reverse("actionplans:period_import", args=[open_period.pk]),
        {"file": SimpleUploadedFile("other.csv", b"name,amount\nx,1\n")},
    )

    assert response.status_code == 400
    assert "start from an exported file" in response.text
    assert not ProgressUpdate.objects.exists()


def test_an_item_of_another_plan_is_refused(client, staff, items, open_period):
    from .factories import AnnualActionPlanFactory

    other = ActionItemFactory(
        annual_plan=AnnualActionPlanFactory(fiscal_year=open_period.fiscal_year - 1)
    )
    client.force_login(staff)
    row = dict.fromkeys(csv_io.COLUMNS, "")
    row.update(item_id=other.pk, version=0, new_status="on_track", new_percent="5")

    response = _import(client, open_period, [row])

    assert response.status_code == 400
    assert f"no action item {other.pk} in this period" in response.text


def test_a_locked_period_takes_no_import(client, staff, items, open_period):
    client.force_login(staff)
    rows = _export(client, open_period)
    rows[0].update(new_status="on_track", new_percent="40", new_narrative="")
    services.reporting_period_lock(period=open_period, by=staff)

    response = _import(client, open_period, rows)

    assert response.status_code == 400
    assert "is not open: it takes no updates" in response.text
    assert not ProgressUpdate.objects.exists()


def _post_text(client, period, text):
    return client.post(
        reverse("actionplans:period_import", args=[period.pk]),
        {"file": SimpleUploadedFile("filled.csv", text.encode())},
    )


def test_a_file_saved_with_carriage_returns_only_imports_like_any_other(
    client, staff, items, open_period
):
    client.force_login(staff)
    rows = _export(client, open_period)
    rows[0].update(new_status="on_track", new_percent="40", new_narrative="Two sessions.")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_io.COLUMNS, lineterminator="\r")
    writer.writeheader()
    writer.writerows(rows)

    response = _post_text(client, open_period, buffer.getvalue())

    assert response.status_code == 302
    assert ProgressUpdate.objects.get().narrative == "Two sessions."


def test_a_nul_character_is_refused_with_its_line_and_nothing_is_recorded(
    client, staff, items, open_period
):
    client.force_login(staff)
    rows = _export(client, open_period)
    rows[1].update(new_status="on_track", new_percent="40", new_narrative="Two\x00sessions.")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_io.COLUMNS)
    writer.writeheader()
    writer.writerows(rows)

    response = _post_text(client, open_period, buffer.getvalue())

    assert response.status_code == 400
    assert "Line 3 holds a NUL character" in response.text
    assert not ProgressUpdate.objects.exists()


def _filled_export(client, period, *, lineterminator="\r\n"):
    rows = _export(client, period)
    rows[0].update(new_status="on_track", new_percent="40", new_narrative="Two sessions.")
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_io.COLUMNS, lineterminator=lineterminator)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@pytest.mark.parametrize("lineterminator", ["\n", "\r\n"])
def test_a_file_with_a_byte_order_mark_and_any_line_ending_imports_like_any_other(
    client, staff, items, open_period, lineterminator
):
    client.force_login(staff)
    text = "\ufeff" + _filled_export(client, open_period, lineterminator=lineterminator)

    response = _post_text(client, open_period, text)

    assert response.status_code == 302
    assert ProgressUpdate.objects.get().narrative == "Two sessions."


def test_a_binary_file_is_refused_as_not_text_and_nothing_is_recorded(
    client, staff, items, open_period
):
    client.force_login(staff)

    response = client.post(
        reverse("actionplans:period_import", args=[open_period.pk]),
        {"file": SimpleUploadedFile("filled.xlsx", b"PK\x03\x04\x14\x00\x06\x00\xff\xfe\x8b")},
    )

    assert response.status_code == 400
    assert "The file is not UTF-8 text" in response.text
    assert not ProgressUpdate.objects.exists()


def test_a_file_over_the_size_limit_is_refused_with_the_limit(
    client, staff, items, open_period, settings
):
    client.force_login(staff)
    settings.CSV_IMPORT_MAX_BYTES = 1024
    text = _filled_export(client, open_period) + ",,,,,,,,,\r\n" * 200

    response = _post_text(client, open_period, text)

    assert response.status_code == 400
    assert "The file is larger than 1.0\xa0KB" in response.text
    assert not ProgressUpdate.objects.exists()


def test_the_import_form_shows_the_size_limit(client, staff, open_period, settings):
    client.force_login(staff)
    settings.CSV_IMPORT_MAX_BYTES = 2_097_152

    response = client.get(reverse("actionplans:period_detail", args=[open_period.pk]))

    assert "At most 2.0\xa0MB." in response.text
