"""The indicators in the annual report (frozen with it) and in the open data (/data/)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import translation

from evaluation.selectors import open_data_rows, report_section
from reports import opendata
from reports.snapshot import build_language
from tests.actionplans.factories import ActionItemFactory, AnnualActionPlanFactory
from tests.evaluation.conftest import YEAR
from tests.evaluation.factories import MeetingAttendanceFactory, decision
from tests.pillars.factories import GroupFactory, MeetingFactory
from tests.reports.factories import AnnualReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_records(no_reference_list):
    council = GroupFactory(slug="council", name="Council", name_fr="Conseil")
    meeting = MeetingFactory(group=council, held_on=datetime.date(2024, 9, 10))
    MeetingAttendanceFactory.create_batch(9, meeting=meeting, attended=True)
    MeetingAttendanceFactory.create_batch(2, meeting=meeting, attended=False)
    decision(decided_on=datetime.date(2024, 5, 1), votes=8, eligible=10, body=council)
    ActionItemFactory(annual_plan=AnnualActionPlanFactory(fiscal_year=YEAR.start_year))
    return council


def test_the_open_data_holds_each_figure_with_small_counts_left_empty(year_records):
    rows = {(r["indicator"], r["subject"], r["measure"]): r for r in open_data_rows(YEAR)}

    assert rows[("turnout", "council", "votes_cast")]["value"] == 8
    assert rows[("turnout", "council", "members_eligible")]["value"] == 10
    absent = rows[("attendance", "council", "absent")]
    assert (absent["value"], absent["suppressed"]) == (None, True)
    assert rows[("linkages", "action_items", "all")]["value"] == 1
    assert {r["fiscal_year"] for r in rows.values()} == {"2024-25"}


def test_a_year_without_records_has_no_open_data_rows(db):
    assert open_data_rows(YEAR) == []


def test_the_live_download_is_a_documented_dataset(client, year_records):
    assert opendata.dataset_by_slug("partnership-indicators") is not None

    response = client.get(
        reverse("reports:data_download", args=[YEAR.label, "partnership-indicators", "csv"])
    )

    assert response.status_code == 200
    reader = csv.DictReader(io.StringIO(response.content.decode()))
    assert reader.fieldnames == opendata.PARTNERSHIP_INDICATORS.column_names
    assert any(row["measure"] == "votes_cast" and row["value"] == "8" for row in reader)


def test_the_report_section_gives_each_figure_with_its_method_in_french(year_records):
    with translation.override("fr"):
        section = report_section(YEAR)

    turnout = next(line for line in section["lines"] if line["key"] == "turnout")
    assert turnout["title"] == "Participation aux votes du Conseil"
    assert turnout["figures"] == ["8 votes exprimés sur 10 membres habilités (80\u00a0%)"]
    assert turnout["method"].startswith("Votes exprimés")
    attendance = next(line for line in section["lines"] if line["key"] == "attendance")
    assert "moins de 5" in attendance["figures"][0]


def test_the_report_section_says_when_a_year_has_no_records(db):
    section = report_section(YEAR)

    assert not section["has_data"]
    assert all(line["figures"] == ["No records for this year."] for line in section["lines"])


def test_the_annual_report_shows_the_section(client, staff, year_records):
    report = AnnualReportFactory(fiscal_year=YEAR.start_year)
    assert build_language(report, "en")["how_we_work"]["has_data"]
    client.force_login(staff)

    html = client.get(reverse("reports:preview", args=[YEAR.label])).text

    assert '<h2 id="how-we-work">How well the partnership works</h2>' in html
    assert "8 votes cast out of 10 members eligible (80%)" in html
