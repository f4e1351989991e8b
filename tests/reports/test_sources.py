"""Decisions and consultations come through small hooks that stay quiet until their app exists."""

import datetime

from django.urls import reverse

from pillars.models import Meeting
from reports import opendata, sources
from reports.snapshot import build_language
from tests.actionplans.factories import GroupFactory

from .factories import PAST


def test_without_the_approvals_app_decisions_are_not_recorded(report):
    assert sources.decision_model() is None
    assert sources.decisions_for_year(PAST, "en") is None
    assert opendata.DECISIONS not in opendata.available_datasets()
    assert build_language(report, "en")["decisions"] is None


def test_an_installed_app_without_the_model_records_nothing(monkeypatch):
    # The consultations app is installed from the start, with its models still to come.
    monkeypatch.setattr(sources, "consultation_model", lambda: sources._model("pillars", "Nope"))
    assert sources.consultations_for_year(PAST, "en") is None


def test_the_report_says_when_nothing_was_recorded(client, staff, report):
    client.force_login(staff)
    page = client.get(reverse("reports:preview", args=[PAST.label])).content.decode()
    assert "No decision was recorded in the portal for this year." in page


def test_once_decisions_exist_they_fill_the_section_and_the_open_data(
    client, staff, report, monkeypatch
):
    # Any model with a date stands in for the approvals app's Decision.
    monkeypatch.setattr(sources, "decision_model", lambda: Meeting)
    group = GroupFactory()
    Meeting.objects.create(group=group, held_on=PAST.starts_on + datetime.timedelta(days=40))
    Meeting.objects.create(group=group, held_on=PAST.starts_on - datetime.timedelta(days=1))
    rows = sources.decisions_for_year(PAST, "en")
    assert len(rows) == 1 and rows[0]["date"] == str(PAST.starts_on + datetime.timedelta(days=40))
    assert opendata.DECISIONS in opendata.available_datasets()
    client.force_login(staff)
    page = client.get(reverse("reports:preview", args=[PAST.label])).content.decode()
    assert "Council decisions of the year" in page
    data = client.get(reverse("reports:data_download", args=[PAST.label, "decisions", "csv"]))
    assert data.status_code == 200
    assert data.content.decode().splitlines()[0] == ",".join(opendata.DECISIONS.column_names)
