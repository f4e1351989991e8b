"""`seed_scale` at a tenth of a realistic partnership: fast, so the loader cannot rot."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F, Max
from django.test import override_settings
from django.utils import timezone

from actionplans.models import (
    ActionItem,
    AnnualActionPlan,
    ApprovalStatus,
    ItemStatus,
    ProgressUpdate,
    RollUp,
)
from approvals.models import Decision
from consultations.models import Answer, Consultation, Response, ResultsSnapshot
from consultations.selectors import published_figures
from core.fiscal import FiscalYear
from demo.consultations import CLOSED_SLUG
from demo.scale import Sizes
from demo.seed import seed_demo
from partners.models import Organization
from reports.models import AnnualReport, ReportVersion, ReportVersionDataset

FACTOR = 0.1


@pytest.fixture(scope="module")
def scaled(django_db_setup, django_db_blocker):
    """The demo and a tenth of a partnership, loaded once for the module, rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_demo()
        before = {"items": ActionItem.objects.count(), "responses": Response.objects.count()}
        out = StringIO()
        with override_settings(DEBUG=True):
            call_command("seed_scale", factor=FACTOR, stdout=out)
        yield {"before": before, "output": out.getvalue()}
        transaction.set_rollback(True)


@pytest.fixture
def loaded(scaled, db):
    return scaled


def test_it_adds_organizations_items_updates_and_responses_in_proportion(loaded):
    sizes = Sizes.for_factor(FACTOR)
    assert Organization.objects.filter(slug__startswith="scale-org-").count() == (
        sizes.organizations
    )
    added_items = ActionItem.objects.count() - loaded["before"]["items"]
    assert sizes.items * 0.9 <= added_items <= sizes.items * 1.1
    assert ProgressUpdate.objects.count() >= sizes.updates * 0.8
    assert Response.objects.count() - loaded["before"]["responses"] == sizes.responses
    assert Answer.objects.count() >= 3 * Response.objects.count()
    assert Decision.objects.count() >= sizes.decisions


def test_every_item_shows_its_latest_update(loaded):
    for item in ActionItem.objects.filter(latest_update__isnull=False).select_related(
        "latest_update"
    ):
        last = item.updates.order_by("-created_at", "-pk").first()
        assert item.latest_update == last
        assert (item.status, item.percent) == (last.status, last.percent)


def test_an_item_with_no_update_is_not_started(loaded):
    assert not ActionItem.objects.filter(latest_update__isnull=True).exclude(
        status="not_started", percent=0
    )


def test_each_items_version_counts_its_updates(loaded):
    items = ActionItem.objects.annotate(n=Count("updates"))
    assert all(item.version == item.n for item in items)


def test_no_update_is_recorded_in_the_future_or_outside_its_items_year(loaded):
    assert ProgressUpdate.objects.aggregate(last=Max("created_at"))["last"] <= timezone.now()
    assert not ProgressUpdate.objects.exclude(
        reporting_period__fiscal_year=F("item__annual_plan__fiscal_year")
    ).exists()


def test_ten_past_years_have_a_published_report_of_a_council_approved_plan(loaded):
    current = FiscalYear.current().start_year
    published = AnnualReport.objects.filter(versions__isnull=False).distinct()
    years = sorted(published.values_list("fiscal_year", flat=True))
    assert years == list(range(current - 10, current))
    for year in years:
        plan = AnnualActionPlan.objects.get(fiscal_year=year)
        assert plan.status == ApprovalStatus.APPROVED
        assert Decision.objects.filter(
            request__annual_plan=plan, outcome=Decision.Outcome.APPROVED
        ).exists()


def test_the_latest_report_snapshot_holds_the_items_loaded_at_scale(loaded):
    last_year = FiscalYear.current().start_year - 1
    version = ReportVersion.objects.filter(report__fiscal_year=last_year).order_by("-number")[0]
    assert version.number == 2  # a correction of the demo's first publication
    loaded_item = ActionItem.objects.filter(
        annual_plan__fiscal_year=last_year, title_en__contains="(#"
    ).first()
    items = ReportVersionDataset.objects.get(version=version, slug="action-items").rows
    assert loaded_item.title_en in json.dumps(items, ensure_ascii=False)


def test_running_it_again_changes_nothing(loaded):
    counts = (ActionItem.objects.count(), Response.objects.count())
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_scale", factor=FACTOR, stdout=out)
    assert "already loaded" in out.getvalue()
    assert (ActionItem.objects.count(), Response.objects.count()) == counts


@pytest.mark.parametrize(
    "url",
    [
        "/plan/",
        "/decisions/",
        "/reports/",
        "/partners/",
        f"/consultations/{CLOSED_SLUG}/results/",
        "/data/datapackage.json",
        "/data/popolo.json",
        "/practices/",
        "/network/",
    ],
)
def test_public_pages_render_with_the_data_at_scale(loaded, client, url):
    assert client.get(url).status_code == 200


def test_stored_roll_ups_count_every_item_loaded(loaded):
    for plan in AnnualActionPlan.objects.filter(items__title_en__contains="(#").distinct():
        stored = RollUp.objects.get(annual_plan=plan, level=RollUp.Level.PLAN)
        counted = sum(getattr(stored, status) for status in ItemStatus.values)
        assert counted == plan.items.count()


def test_stored_consultation_results_count_the_responses_loaded(loaded):
    consultation = Consultation.objects.get(slug=CLOSED_SLUG)
    stored = ResultsSnapshot.objects.get(consultation=consultation)
    assert stored.figures == published_figures(consultation=consultation)
