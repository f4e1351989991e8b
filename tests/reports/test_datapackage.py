"""The data package: its descriptor, the current datasets, suppression, versioning, licence,
query budget and bad addresses."""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from actionplans.models import ProgressUpdate
from consultations import services as consultation_services
from consultations.models import Question
from reports import datapackage, opendata
from tests.consultations.factories import (
    AnswerFactory,
    ConsultationFactory,
    QuestionFactory,
    ResponseFactory,
)

from .factories import PAST

pytestmark = pytest.mark.django_db


def package(client, prefix=""):
    response = client.get(f"{prefix}/data/datapackage.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def csv_rows(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_package_names_the_partnership_its_licence_and_its_version(client, settings, year_data):
    settings.OPEN_DATA_PARTNERSHIP_ID = "ca-on-test-lip"
    settings.OPEN_DATA_REGION = "Testville, Ontario"
    settings.PORTAL_CONTACT_EMAIL = "data@test.example"
    found = package(client)
    assert found["name"] == "lip-ca-on-test-lip"
    assert found["id"] == "ca-on-test-lip"
    assert found["version"] == datapackage.SCHEMA_VERSION == "1.0.0"
    assert found["partnership"]["region"] == "Testville, Ontario"
    assert set(found["partnership"]["name"]) == {"en", "fr"}
    assert found["contributors"][0]["email"] == "data@test.example"
    assert found["licenses"][0]["name"] == "OGL-Canada-2.0"
    latest = ProgressUpdate.objects.order_by("-created_at").first().created_at
    assert found["lastModified"] == latest.isoformat()
    assert found["created"] <= found["lastModified"]


def test_the_package_reads_the_same_until_the_data_changes(client, year_data):
    first = client.get("/data/datapackage.json").content
    assert client.get("/data/datapackage.json").content == first


def test_the_french_package_has_french_titles_and_the_same_resources_and_schemas(client, year_data):
    english, french = package(client), package(client, "/fr")
    assert french["title"] != english["title"]
    assert french["licenses"][0]["title"] == "Licence du gouvernement ouvert – Canada"
    assert [r["name"] for r in french["resources"]] == [r["name"] for r in english["resources"]]
    for en, fr in zip(english["resources"], french["resources"], strict=True):
        assert ("schema" in en) == ("schema" in fr)
        if "schema" in en:
            assert [f["name"] for f in en["schema"]["fields"]] == [
                f["name"] for f in fr["schema"]["fields"]
            ]
    governance = next(r for r in french["resources"] if r["name"] == "governance")
    assert governance["path"] == "popolo.json"
    assert governance["title"] == "Gouvernance et décisions"
    plan = next(r for r in french["resources"] if r["name"] == "plan")
    assert plan["title"] == "Plans d'action communautaires"


def test_every_year_and_every_current_dataset_is_a_resource(client, year_data):
    resources = {r["name"]: r for r in package(client)["resources"]}
    assert resources[f"action-items-{PAST.label}"]["path"] == f"{PAST.label}/action-items.csv"
    assert resources[f"action-items-{PAST.label}"]["fiscalYear"] == PAST.label
    history = resources[f"status-history-{PAST.label}"]["schema"]
    assert history["foreignKeys"] == [
        {
            "fields": ["item_id"],
            "reference": {"resource": f"action-items-{PAST.label}", "fields": ["item_id"]},
        }
    ]
    assert history["missingValues"] == [""]
    for dataset in opendata.current_datasets():
        assert resources[dataset.slug]["path"] == f"{dataset.slug}.csv"
        assert resources[dataset.slug]["mediatype"] == "text/csv"


def test_the_licence_follows_the_setting(client, settings):
    settings.OPEN_DATA_LICENCE = "CC-BY-4.0"
    licence = package(client)["licenses"][0]
    assert licence["name"] == "CC-BY-4.0"
    assert licence["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "Creative Commons Attribution 4.0" in client.get("/data/").content.decode()


def test_the_data_page_explains_the_package_in_both_languages(client, year_data):
    english = client.get("/data/").content.decode()
    assert 'href="/data/datapackage.json"' in english
    assert "Schema version: 1.0.0" in english
    assert 'href="/data/plan.csv"' in english
    french = client.get("/fr/data/").content.decode()
    assert 'href="/fr/data/datapackage.json"' in french
    assert "Version du schéma\u00a0: 1.0.0" in french
    for translated in (
        "Chaque jeu de données est décrit",
        "Au sein d",
        "Cette version est aussi à",
        "Jeux de données actuels",
        "Résultats des consultations",
    ):
        assert translated in french, translated


def test_a_suppressed_indicator_cell_is_a_missing_value(client, year_data):
    rows = csv_rows(client, f"/data/{PAST.label}/indicators.csv")
    young = next(row for row in rows if row["category"] == "18 to 24")
    assert young["value"] == "" and young["suppressed"] == "true"
    # Another cell of the breakdown is hidden with it: the overall value gives nothing away.
    assert sum(row["suppressed"] == "true" for row in rows if row["breakdown"]) >= 2
    schema = next(
        r["schema"] for r in package(client)["resources"] if r["name"] == f"indicators-{PAST.label}"
    )
    value = next(f for f in schema["fields"] if f["name"] == "value")
    assert value["constraints"]["required"] is False


@pytest.fixture
def closed_survey(staff):
    """A published consultation where 2 people chose "Maybe", 30 "Yes" and 12 "No"."""
    survey = ConsultationFactory(
        opens_at=timezone.now() - timedelta(days=10), closes_at=timezone.now() - timedelta(days=1)
    )
    question = QuestionFactory(consultation=survey, kind=Question.Kind.ONE_CHOICE)
    for value, count in (("1", 30), ("2", 12), ("3", 2)):
        for _n in range(count):
            AnswerFactory(
                response=ResponseFactory(consultation=survey), question=question, value=value
            )
    consultation_services.consultation_set_status(by=staff, consultation=survey, status="closed")
    consultation_services.consultation_set_status(by=staff, consultation=survey, status="published")
    return survey


def test_a_small_consultation_count_is_empty_and_no_total_gives_it_away(client, closed_survey):
    rows = csv_rows(client, "/data/consultation-results.csv")
    by_option = {row["option_en"]: row for row in rows}
    assert by_option["Maybe"]["count"] == "" and by_option["Maybe"]["suppressed"] == "true"
    visible = [int(row["count"]) for row in rows if row["count"]]
    answered = {row["answered"] for row in rows}
    # Either the total is hidden or another count is hidden with the small one.
    assert answered == {""} or len(visible) <= len(rows) - 2
    assert "2" not in {row["count"] for row in rows}


def test_a_draft_or_open_consultation_is_not_in_the_results(client, closed_survey):
    ConsultationFactory(slug="still-open")
    rows = csv_rows(client, "/data/consultation-results.csv")
    assert {row["consultation"] for row in rows} == {closed_survey.slug}


def test_the_current_datasets_match_their_documented_columns(client, year_data, closed_survey):
    for dataset in opendata.current_datasets():
        response = client.get(f"/data/{dataset.slug}.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        header = next(csv.reader(io.StringIO(response.content.decode())))
        assert header == dataset.column_names
        document = json.loads(client.get(f"/data/{dataset.slug}.json").content)
        assert document["dataset"] == dataset.slug and document["fiscal_year"] is None


def test_the_indicators_carry_their_shared_code(client, year_data):
    from actionplans.models import Indicator

    Indicator.objects.update(code="employment-matching-skills")
    rows = csv_rows(client, f"/data/{PAST.label}/indicators.csv")
    assert {row["indicator_code"] for row in rows} == {"employment-matching-skills"}


def test_the_schemas_match_the_snapshot_of_the_current_version():
    call_command("open_data_schema")  # raises CommandError when they differ


def test_a_schema_change_without_a_new_version_fails_the_snapshot_check(monkeypatch):
    renamed = opendata.Column("plan_number", "integer", "The plan's number.")
    changed = opendata.Dataset(
        opendata.PLAN.slug,
        opendata.PLAN.title,
        opendata.PLAN.description,
        (renamed, *opendata.PLAN.columns[1:]),
        yearly=False,
    )
    monkeypatch.setattr(
        opendata,
        "CURRENT_DATASETS",
        ((changed, opendata.plan_rows), *opendata.CURRENT_DATASETS[1:]),
    )
    with pytest.raises(CommandError, match="bump SCHEMA_VERSION"):
        call_command("open_data_schema")


def test_the_current_major_version_is_also_served_under_its_number(client, year_data):
    versioned = client.get(f"/data/v{datapackage.MAJOR}/datapackage.json")
    assert versioned.status_code == 200
    assert json.loads(versioned.content)["version"] == datapackage.SCHEMA_VERSION
    assert client.get(f"/data/v{datapackage.MAJOR}/plan.csv").status_code == 200
    assert (
        client.get(f"/data/v{datapackage.MAJOR}/{PAST.label}/action-items.csv").status_code == 200
    )


@pytest.mark.parametrize(
    "path",
    [
        "/data/nothing.csv",
        "/data/plan.xml",
        "/data/v0/datapackage.json",
        "/data/v2/datapackage.json",
        "/data/v2/plan.csv",
        f"/data/v2/{PAST.label}/action-items.csv",
        f"/data/{PAST.label}/plan.csv",
        "/data/action-items.csv",
    ],
)
def test_an_unknown_dataset_format_or_version_is_not_found(client, year_data, path):
    assert client.get(path).status_code == 404


def grow(staff, count):
    """More published consultations and more indicator values."""
    for _n in range(count):
        survey = ConsultationFactory(
            opens_at=timezone.now() - timedelta(days=10),
            closes_at=timezone.now() - timedelta(days=1),
        )
        question = QuestionFactory(consultation=survey)
        AnswerFactory(response=ResponseFactory(consultation=survey), question=question)
        consultation_services.consultation_set_status(
            by=staff, consultation=survey, status="closed"
        )
        consultation_services.consultation_set_status(
            by=staff, consultation=survey, status="published"
        )


@pytest.mark.parametrize("size", [1, 6])
def test_the_package_and_the_current_files_cost_the_same_whatever_the_size(
    client, year_data, staff, size, django_assert_max_num_queries
):
    grow(staff, size)
    with django_assert_max_num_queries(5):
        package(client)
    with django_assert_max_num_queries(3):
        assert client.get("/data/consultation-results.csv").status_code == 200
    for path in ("/data/plan.csv", "/data/directions.csv", "/data/reports.csv"):
        with django_assert_max_num_queries(2):
            assert client.get(path).status_code == 200
