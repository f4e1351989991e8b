"""The back office keeps the plan's directions and items through the services, which check
the acting person's role."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actionplans import services
from actionplans.models import (
    ActionItem,
    AnnualActionPlan,
    ApprovalStatus,
    Indicator,
    IndicatorValue,
    ReportingPeriod,
    RollUp,
    StrategicDirection,
)
from lip_portal.roles import COMMUNICATIONS, REPORTING
from tests.partners.factories import StaffFactory

from .factories import (
    ActionItemFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
    StrategicDirectionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def direction(annual_plan):
    return StrategicDirectionFactory(plan=annual_plan.plan)


def test_reporting_staff_delete_an_item_in_the_back_office(client, annual_plan, direction):
    item = ActionItemFactory(annual_plan=annual_plan, strategic_direction=direction)
    client.force_login(StaffFactory(roles=[REPORTING]))

    response = client.post(f"/admin/actionplans/actionitem/{item.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not ActionItem.objects.filter(pk=item.pk).exists()


def test_staff_whose_role_does_not_keep_the_plan_cannot_delete_an_item(
    client, annual_plan, direction
):
    item = ActionItemFactory(annual_plan=annual_plan, strategic_direction=direction)
    client.force_login(StaffFactory(roles=[COMMUNICATIONS]))

    response = client.post(f"/admin/actionplans/actionitem/{item.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert ActionItem.objects.filter(pk=item.pk).exists()


def test_saving_an_item_is_refused_to_partner_staff(annual_plan, direction, partner_staff):
    item = ActionItemFactory(annual_plan=annual_plan, strategic_direction=direction)
    item.title_en = "Changed by a partner"

    with pytest.raises(PermissionDenied):
        services.action_item_save(item=item, by=partner_staff)

    item.refresh_from_db()
    assert item.title_en != "Changed by a partner"


def test_saving_a_direction_is_refused_to_staff_without_the_reporting_role(direction):
    direction.title_en = "Changed"

    with pytest.raises(PermissionDenied):
        services.strategic_direction_save(
            direction=direction, by=StaffFactory(roles=[COMMUNICATIONS])
        )

    direction.refresh_from_db()
    assert direction.title_en != "Changed"


# --- The plans, indicators and periods: every back-office form through its service ----------


@pytest.fixture
def reporting(db):
    return StaffFactory(roles=[REPORTING])


@pytest.fixture
def communications(db):
    return StaffFactory(roles=[COMMUNICATIONS])


def _indicator_form(indicator, **overrides):
    return {
        "plan": indicator.plan_id,
        "strategic_direction": "",
        "name_en": indicator.name_en,
        "name_fr": indicator.name_en,
        "description_en": "",
        "description_fr": "",
        "unit_en": indicator.unit,
        "unit_fr": indicator.unit,
        "direction": indicator.direction,
        "counts_people": "on",
        "baseline": "10",
        "baseline_year": str(indicator.baseline_year),
        "target": "50",
        "target_year": str(indicator.target_year),
        "order": "0",
        "values-TOTAL_FORMS": "0",
        "values-INITIAL_FORMS": "0",
        **overrides,
    }


def test_reporting_staff_change_an_indicator_through_the_service(reporting):
    indicator = IndicatorFactory()
    indicator.unit = "households"

    services.indicator_save(indicator=indicator, by=reporting)

    indicator.refresh_from_db()
    assert indicator.unit == "households"


def test_changing_an_indicator_is_refused_to_staff_without_the_reporting_role(communications):
    indicator = IndicatorFactory()
    indicator.unit = "households"

    with pytest.raises(PermissionDenied):
        services.indicator_save(indicator=indicator, by=communications)

    indicator.refresh_from_db()
    assert indicator.unit == "people"


def test_deleting_an_indicator_is_refused_to_staff_without_the_reporting_role(communications):
    indicator = IndicatorFactory()

    with pytest.raises(PermissionDenied):
        services.indicator_delete(indicator=indicator, by=communications)

    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_reporting_staff_record_an_indicators_value_inline_in_the_back_office(client, reporting):
    indicator = IndicatorFactory()
    client.force_login(reporting)

    response = client.post(
        f"/admin/actionplans/indicator/{indicator.pk}/change/",
        _indicator_form(
            indicator,
            **{
                "values-TOTAL_FORMS": "1",
                "values-0-fiscal_year": "2024",
                "values-0-value": "31",
                "values-0-dimension": "",
                "values-0-category_en": "",
                "values-0-category_fr": "",
            },
        ),
    )

    assert response.status_code == 302, response.text
    assert indicator.values.get().value == 31


def test_a_second_overall_value_for_a_year_is_refused_as_a_validation_error(reporting):
    first = IndicatorValueFactory()
    second = IndicatorValue(indicator=first.indicator, fiscal_year=first.fiscal_year, value=3)

    with pytest.raises(ValidationError):
        services.indicator_value_save(value=second, by=reporting)

    assert first.indicator.values.count() == 1


def test_recording_an_indicator_value_is_refused_to_staff_without_the_reporting_role(
    communications,
):
    indicator = IndicatorFactory()

    with pytest.raises(PermissionDenied):
        services.indicator_value_save(
            value=IndicatorValue(indicator=indicator, fiscal_year=2024, value=1),
            by=communications,
        )

    assert not indicator.values.exists()


def test_deleting_an_indicator_value_is_refused_to_staff_without_the_reporting_role(
    communications,
):
    value = IndicatorValueFactory()

    with pytest.raises(PermissionDenied):
        services.indicator_value_delete(value=value, by=communications)

    assert IndicatorValue.objects.filter(pk=value.pk).exists()


def test_reporting_staff_delete_an_indicator_value_through_the_service(reporting):
    value = IndicatorValueFactory()

    services.indicator_value_delete(value=value, by=reporting)

    assert not IndicatorValue.objects.filter(pk=value.pk).exists()


def test_reporting_staff_change_the_community_plan_through_the_service(reporting, annual_plan):
    plan = annual_plan.plan
    plan.title_en = "Plan 2027"

    services.community_plan_save(plan=plan, by=reporting)

    plan.refresh_from_db()
    assert plan.title_en == "Plan 2027"


def test_changing_the_community_plan_is_refused_to_staff_without_the_reporting_role(
    communications, annual_plan
):
    plan = annual_plan.plan
    plan.title_en = "Plan 2027"

    with pytest.raises(PermissionDenied):
        services.community_plan_save(plan=plan, by=communications)


def test_deleting_the_community_plan_is_refused_to_staff_without_the_permission(
    reporting, annual_plan
):
    with pytest.raises(PermissionDenied):
        services.community_plan_delete(plan=annual_plan.plan, by=reporting)


def test_saving_an_annual_plan_keeps_the_approval_status_it_has(reporting, annual_plan):
    status = annual_plan.status
    annual_plan.status = ApprovalStatus.APPROVED

    services.annual_plan_save(plan=annual_plan, by=reporting)

    annual_plan.refresh_from_db()
    assert annual_plan.status == status


def test_saving_an_annual_plan_is_refused_to_staff_without_the_reporting_role(
    communications, annual_plan
):
    with pytest.raises(PermissionDenied):
        services.annual_plan_save(plan=annual_plan, by=communications)


def test_deleting_an_annual_plan_is_refused_to_staff_without_the_permission(reporting, annual_plan):
    with pytest.raises(PermissionDenied):
        services.annual_plan_delete(plan=annual_plan, by=reporting)

    assert AnnualActionPlan.objects.filter(pk=annual_plan.pk).exists()


def test_a_superuser_deletes_an_annual_plan_through_the_service(annual_plan):
    services.annual_plan_delete(plan=annual_plan, by=StaffFactory(is_superuser=True))

    assert not AnnualActionPlan.objects.filter(pk=annual_plan.pk).exists()


def test_deleting_a_direction_is_refused_to_staff_without_the_permission(reporting, direction):
    with pytest.raises(PermissionDenied):
        services.strategic_direction_delete(direction=direction, by=reporting)

    assert StrategicDirection.objects.filter(pk=direction.pk).exists()


def test_a_superuser_deletes_a_direction_through_the_service(direction):
    services.strategic_direction_delete(direction=direction, by=StaffFactory(is_superuser=True))

    assert not StrategicDirection.objects.filter(pk=direction.pk).exists()


def test_saving_a_reporting_period_keeps_its_state(reporting, open_period):
    open_period.state = ReportingPeriod.State.LOCKED

    services.reporting_period_save(period=open_period, by=reporting)

    open_period.refresh_from_db()
    assert open_period.state == ReportingPeriod.State.OPEN


def test_scheduling_a_period_is_refused_to_staff_without_the_reporting_role(communications):
    period = ReportingPeriod(fiscal_year=2030, quarter=1, due_date=datetime.date(2030, 7, 15))

    with pytest.raises(PermissionDenied):
        services.reporting_period_save(period=period, by=communications)

    assert not ReportingPeriod.objects.filter(fiscal_year=2030).exists()


def test_reporting_staff_delete_a_period_without_updates_in_the_back_office(client, reporting):
    period = ReportingPeriodFactory(fiscal_year=2030, state=ReportingPeriod.State.SCHEDULED)
    client.force_login(reporting)

    response = client.post(
        f"/admin/actionplans/reportingperiod/{period.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert not ReportingPeriod.objects.filter(pk=period.pk).exists()


def test_deleting_a_period_is_refused_to_staff_without_the_reporting_role(communications):
    period = ReportingPeriodFactory(fiscal_year=2030, state=ReportingPeriod.State.SCHEDULED)

    with pytest.raises(PermissionDenied):
        services.reporting_period_delete(period=period, by=communications)

    assert ReportingPeriod.objects.filter(pk=period.pk).exists()


def test_recomputing_progress_figures_is_refused_to_staff_without_the_reporting_role(
    communications, annual_plan
):
    with pytest.raises(PermissionDenied):
        services.rollups_rebuild(annual_plan=annual_plan, by=communications)


def test_reporting_staff_recompute_a_plans_progress_figures(reporting, annual_plan):
    assert services.rollups_rebuild(annual_plan=annual_plan, by=reporting) >= 1


def test_reporting_staff_recompute_progress_figures_with_the_back_office_action(
    client, reporting, annual_plan
):
    RollUp.objects.filter(annual_plan=annual_plan).delete()
    client.force_login(reporting)

    response = client.post(
        "/admin/actionplans/annualactionplan/",
        {"action": "rebuild_rollups", "_selected_action": [annual_plan.pk]},
    )

    assert response.status_code == 302
    assert RollUp.objects.filter(annual_plan=annual_plan).exists()
