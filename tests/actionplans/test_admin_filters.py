"""The back office's fiscal-year filters name years as the portal does: "2025-26"."""

import pytest
from django.urls import reverse

from actionplans.models import ReportingPeriod

from .factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:actionplans_reportingperiod_changelist"


@pytest.fixture
def periods():
    return [
        ReportingPeriodFactory(fiscal_year=2025, quarter=1, state=ReportingPeriod.State.LOCKED),
        ReportingPeriodFactory(fiscal_year=2026, quarter=1),
    ]


def fiscal_year_choices(response):
    (spec,) = [
        s
        for s in response.context["cl"].filter_specs
        if getattr(s, "parameter_name", "") == "fiscal_year"
    ]
    return [choice["display"] for choice in spec.choices(response.context["cl"])]


def test_the_reporting_period_filter_lists_fiscal_years_as_2025_26(client, staff, periods):
    client.force_login(staff)

    response = client.get(reverse(CHANGELIST))

    assert fiscal_year_choices(response) == ["All", "2026-27", "2025-26"]


def test_filtering_by_a_fiscal_year_lists_only_its_periods(client, staff, periods):
    client.force_login(staff)

    response = client.get(reverse(CHANGELIST), {"fiscal_year": "2025"})

    assert list(response.context["cl"].result_list) == [periods[0]]


def test_a_fiscal_year_the_list_does_not_hold_matches_nothing(client, staff, periods):
    client.force_login(staff)

    response = client.get(reverse(CHANGELIST), {"fiscal_year": "99999999999"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []
