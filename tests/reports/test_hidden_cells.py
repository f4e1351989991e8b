"""A report's hidden counts say why they are hidden, in versions published now and before."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from reports.models import ReportVersion
from reports.services import annual_report_publish

from .factories import PAST

pytestmark = pytest.mark.django_db

SMALL_ROW = '<th scope="row">18 to 24</th><td class="suppressed">fewer than 5</td>'
PROTECTING_ROW = (
    '<th scope="row">45 and over</th><td class="suppressed">not shown, to protect small counts</td>'
)
relabel = importlib.import_module("reports.migrations.0004_hidden_cells_say_why")


def publish(report, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return annual_report_publish(report=report, by=staff)


def test_a_published_report_says_why_each_hidden_count_is_hidden(
    client, report, staff, django_capture_on_commit_callbacks
):
    # Ages 18 to 24: 3 people; 45 and over: 44, hidden so the 3 cannot be worked out.
    publish(report, staff, django_capture_on_commit_callbacks)

    english = client.get(reverse("reports:detail", args=[PAST.label])).text
    french = client.get(f"/fr/reports/{PAST.label}/").text

    assert SMALL_ROW in english
    assert PROTECTING_ROW in english
    assert "a count under 5 reads “fewer than 5”" in english
    assert '<td class="suppressed">moins de 5</td>' in french
    assert '<td class="suppressed">non affiché, pour protéger les petits nombres</td>' in french


def _as_published_before(version):
    """The version as it was stored before hidden cells said why: every hidden count read
    "fewer than 5", in its snapshot and its stored pages."""
    snapshot = version.snapshot
    snapshot["format"] = 2
    for language, report in snapshot["languages"].items():
        report.pop("threshold")
        old = "moins de 5" if language == "fr" else "fewer than 5"
        for indicator in report["indicators"]:
            for breakdown in indicator["breakdowns"]:
                for row in breakdown["rows"]:
                    row.pop("small")
                    if row["value"] is None:
                        row["display"] = old
    ReportVersion.objects.filter(pk=version.pk).update(snapshot=snapshot)
    for page in version.pages.filter(language="en"):
        page.html = page.html.replace("not shown, to protect small counts", "fewer than 5")
        page.save()


def test_a_version_published_before_hidden_counts_said_why_no_longer_reads_fewer_than_5(
    client, report, staff, django_capture_on_commit_callbacks
):
    version = publish(report, staff, django_capture_on_commit_callbacks)
    _as_published_before(version)
    page_url = reverse("reports:detail", args=[PAST.label])
    assert PROTECTING_ROW.replace("not shown, to protect small counts", "fewer than 5") in (
        client.get(page_url).text
    )

    relabel.relabel_hidden_cells(apps, None)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.get(page_url).text

    # Which hidden count was the small one is not recorded: each reads what is true of all.
    assert PROTECTING_ROW in page
    assert SMALL_ROW.replace("fewer than 5", "not shown, to protect small counts") in page
    assert "fewer than 5</td>" not in page
    assert "a count under 5 reads “fewer than 5”" in page
    version.refresh_from_db()
    assert version.pdf_en and version.pdf_fr  # built again, with the new labels


def test_the_migration_leaves_versions_published_since_alone(
    report, staff, django_capture_on_commit_callbacks
):
    version = publish(report, staff, django_capture_on_commit_callbacks)
    pages = list(version.pages.values_list("pk", "html"))

    relabel.relabel_hidden_cells(apps, None)

    version.refresh_from_db()
    assert list(version.pages.values_list("pk", "html")) == pages
    assert version.pdf_en and version.pdf_fr
