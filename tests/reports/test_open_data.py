"""Open data: files that parse, match their documented columns, and stay safe to open."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse

from reports import opendata
from reports.services import annual_report_publish

from .factories import PAST

CHECKS = {
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "date": lambda v: isinstance(v, str) and bool(datetime.date.fromisoformat(v)),
    "datetime": lambda v: isinstance(v, str) and bool(datetime.datetime.fromisoformat(v)),
}


def download(client, dataset, file_format, year=PAST):
    response = client.get(reverse("reports:data_download", args=[year.label, dataset, file_format]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture(params=["live", "published"])
def open_year(request, year_data, staff, django_capture_on_commit_callbacks):
    """The same checks hold for a year's live data and for the data frozen at publication."""
    if request.param == "published":
        from .factories import AnnualReportFactory

        with django_capture_on_commit_callbacks(execute=True):
            annual_report_publish(report=AnnualReportFactory(), by=staff)
    return year_data


def test_every_csv_parses_with_the_documented_header(client, open_year):
    for dataset in opendata.available_datasets():
        rows = list(csv.reader(io.StringIO(download(client, dataset.slug, "csv"))))
        assert rows[0] == dataset.column_names
        assert all(len(row) == len(dataset.columns) for row in rows)
    items = list(csv.DictReader(io.StringIO(download(client, "action-items", "csv"))))
    assert {row["title_en"] for row in items} >= {"Mentoring circles for engineers"}


def test_every_json_validates_against_its_documented_columns(client, open_year):
    for dataset in opendata.available_datasets():
        document = json.loads(download(client, dataset.slug, "json"))
        assert document["dataset"] == dataset.slug
        assert document["fiscal_year"] == PAST.label
        assert [c["name"] for c in document["columns"]] == dataset.column_names
        for row in document["rows"]:
            assert list(row) == dataset.column_names
            for column in dataset.columns:
                value = row[column.name]
                if value is None:
                    assert column.nullable, f"{dataset.slug}.{column.name} is empty"
                else:
                    assert CHECKS[column.type](value), f"{dataset.slug}.{column.name}={value!r}"
    history = json.loads(download(client, "status-history", "json"))["rows"]
    assert {row["status"] for row in history} == {"completed", "delayed", "cancelled"}


def test_a_formula_like_narrative_is_neutralised_in_csv(client, open_year):
    items = list(csv.DictReader(io.StringIO(download(client, "action-items", "csv"))))
    late = next(row for row in items if row["title_en"] == "Shared intake form")
    assert late["latest_narrative"].startswith("'=HYPERLINK(")
    history = download(client, "status-history", "csv")
    assert ",'=HYPERLINK(" in history.replace('"', "")
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r"))
        for row in csv.reader(io.StringIO(history))
        for cell in row
    )


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\tcmd", "\rcmd"], ids=repr)
def test_each_formula_prefix_gets_an_apostrophe(text):
    columns = (opendata.Column("note", "string", ""),)
    written = opendata.write_csv(columns, [{"note": text}])
    assert list(csv.reader(io.StringIO(written)))[1] == ["'" + text]


def test_suppressed_cells_stay_suppressed_in_csv_and_json(client, open_year):
    rows = json.loads(download(client, "indicators", "json"))["rows"]
    young = next(row for row in rows if row["category"] == "18 to 24")
    assert young["value"] is None and young["suppressed"] is True
    # Complementary suppression: the smallest other cell is hidden too, so the overall
    # value cannot give the small one back.
    hidden = [row for row in rows if row["breakdown"] and row["suppressed"]]
    assert len(hidden) >= 2
    csv_rows = list(csv.DictReader(io.StringIO(download(client, "indicators", "csv"))))
    for row in csv_rows:
        if row["suppressed"] == "true":
            assert row["value"] == ""
    assert "3" not in {row["value"] for row in csv_rows}


def test_data_page_documents_every_column_of_every_dataset(client, year_data):
    page = client.get(reverse("reports:open_data")).content.decode()
    for dataset in opendata.available_datasets():
        assert f"dataset-{dataset.slug}" in page
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in page
    assert reverse("reports:data_download", args=[PAST.label, "indicators", "csv"]) in page


def test_data_of_a_year_without_an_approved_plan_is_not_found(client, db):
    url = reverse("reports:data_download", args=["2011-12", "action-items", "csv"])
    assert client.get(url).status_code == 404


def test_unknown_dataset_or_format_is_not_found(client, year_data):
    assert client.get(f"/data/{PAST.label}/secrets.csv").status_code == 404
    assert client.get(f"/data/{PAST.label}/indicators.xlsx").status_code == 404


def test_every_data_file_and_the_data_page_answer_head_as_they_answer_get(client, open_year):
    urls = [reverse("reports:open_data"), f"/data/{PAST.label}/secrets.csv"] + [
        reverse("reports:data_download", args=[PAST.label, dataset.slug, file_format])
        for dataset in opendata.available_datasets()
        for file_format in ("csv", "json")
    ]
    for url in urls:
        head = client.head(url)  # first, so that no cached page answers it
        get = client.get(url)

        assert head.status_code == get.status_code, url
        assert head.get("Content-Type") == get.get("Content-Type"), url
        assert head.get("Content-Disposition") == get.get("Content-Disposition"), url
