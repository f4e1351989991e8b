"""Report pages read their snapshot in a fixed, small number of queries."""

import pytest
from django.urls import reverse

from actionplans.models import ItemStatus
from reports.services import annual_report_publish
from tests.actionplans.factories import ActionItemFactory, IndicatorFactory, IndicatorValueFactory
from tests.partners.factories import OrganizationFactory

from .conftest import report_on
from .factories import PAST


@pytest.fixture
def big_year(report, past_plan, past_period, staff, django_capture_on_commit_callbacks):
    partners = OrganizationFactory.create_batch(5)
    for n in range(60):
        item = ActionItemFactory(annual_plan=past_plan, partners=partners[: n % 5])
        report_on(
            item,
            by=staff,
            period=past_period,
            status=[ItemStatus.COMPLETED, ItemStatus.DELAYED, ItemStatus.ON_TRACK][n % 3],
            percent=100 if n % 3 == 0 else 50,
            narrative=f"Narrative {n}",
        )
    for n in range(6):
        indicator = IndicatorFactory(plan=past_plan.plan)
        for year in range(PAST.start_year - 3, PAST.start_year + 1):
            IndicatorValueFactory(indicator=indicator, fiscal_year=year, value=10 * n + year % 7)
    # Several versions, but only the latest gets its PDFs built: that is what the pages serve.
    with django_capture_on_commit_callbacks(execute=False):
        for number in range(1, 4):
            annual_report_publish(
                report=report, by=staff, note=f"Correction {number}", note_fr=f"Correction {number}"
            )
    with django_capture_on_commit_callbacks(execute=True):
        annual_report_publish(report=report, by=staff, note="Correction 4", note_fr="Correction 4")
    return report


def test_report_page_reads_its_stored_html_in_a_fixed_number_of_queries(
    client, big_year, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("reports:detail", args=[PAST.label]))
    assert response.status_code == 200
    with django_assert_max_num_queries(2):
        response = client.get(reverse("reports:items", args=[PAST.label]), {"page": 1})
    assert response.status_code == 200
    assert response.content.decode().count("Narrative ") >= 40


def test_an_old_version_reads_in_the_same_number_of_queries(
    client, big_year, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(reverse("reports:version_detail", args=[PAST.label, 1]))
    assert response.status_code == 200


def test_report_list_and_pdf_use_few_queries(client, big_year, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert client.get(reverse("reports:report_list")).status_code == 200
    with django_assert_max_num_queries(1):
        assert client.get(reverse("reports:pdf", args=[PAST.label])).status_code == 200


def test_open_data_of_a_published_year_reads_one_query(
    client, big_year, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        assert client.get(reverse("reports:open_data")).status_code == 200
    with django_assert_max_num_queries(1):
        url = reverse("reports:data_download", args=[PAST.label, "action-items", "json"])
        assert client.get(url).status_code == 200


def test_live_open_data_stays_flat_as_items_grow(
    client, past_plan, past_period, staff, django_assert_max_num_queries
):
    partners = OrganizationFactory.create_batch(4)
    for n in range(40):
        ActionItemFactory(annual_plan=past_plan, partners=partners[: n % 4])
    for dataset in ("action-items", "status-history", "partners", "indicators"):
        url = reverse("reports:data_download", args=[PAST.label, dataset, "csv"])
        with django_assert_max_num_queries(7):
            assert client.get(url).status_code == 200


def test_home_page_stays_flat(client, big_year, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        assert client.get(reverse("home")).status_code == 200


def test_staff_preview_stays_flat_as_items_grow(
    client, staff, report, past_plan, past_period, django_assert_max_num_queries
):
    partners = OrganizationFactory.create_batch(4)
    for n in range(50):
        ActionItemFactory(annual_plan=past_plan, partners=partners[: n % 4])
    client.force_login(staff)
    # 14 of them for the section on how well the partnership works (evaluation.selectors).
    with django_assert_max_num_queries(44):
        assert client.get(reverse("reports:preview", args=[PAST.label])).status_code == 200


def test_funder_exports_stay_flat_as_items_grow(
    client, staff, past_plan, past_period, django_assert_max_num_queries
):
    for n in range(50):
        item = ActionItemFactory(annual_plan=past_plan)
        if n % 2:
            report_on(
                item, by=staff, period=past_period, status="on_track", percent=20, narrative="Ok"
            )
    client.force_login(staff)
    # Session, user, the staff member's second factor, the permissions their roles grant (two),
    # the items, their updates, the period.
    with django_assert_max_num_queries(8):
        assert client.get(reverse("reports:funder_csv", args=[past_period.pk])).status_code == 200
    with django_assert_max_num_queries(7):
        assert client.get(reverse("reports:funder_list")).status_code == 200
