"""Pages run a fixed number of queries, whatever the number of items."""

import pytest
from django.urls import reverse

from actionplans.models import ActionItem, ProgressUpdate
from pillars.models import Pillar
from tests.partners.factories import OrganizationFactory

from .factories import (
    GroupFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    StrategicDirectionFactory,
)

pytestmark = pytest.mark.django_db


def _bulk_items(annual_plan, count, *, lead, partner=None):
    directions = [
        StrategicDirectionFactory(plan=annual_plan.plan, pillar=pillar)
        for pillar in Pillar.objects.all()
        for i in range(2)
    ]
    groups = [GroupFactory() for _ in range(3)]
    leads = [lead] + [OrganizationFactory() for _ in range(4)]
    items = ActionItem.objects.bulk_create(
        ActionItem(
            annual_plan=annual_plan,
            strategic_direction=directions[i % len(directions)],
            owning_group=groups[i % 3],
            lead_organization=leads[i % len(leads)] if partner is None else lead,
            title_en=f"Item {i}",
            start_date="2026-04-01",
            target_date="2027-03-31",
            weight=1 + i % 3,
            percent=i % 101,
        )
        for i in range(count)
    )
    if partner is not None:
        through = ActionItem.partner_organizations.through
        through.objects.bulk_create(
            through(actionitem_id=item.pk, organization_id=partner.pk) for item in items[::2]
        )
    return items


def _count_queries(django_assert_max_num_queries, client, url, budget):
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_plan_page_with_1000_items_runs_a_fixed_number_of_queries(
    client, annual_plan, organization, django_assert_max_num_queries
):
    indicator = IndicatorFactory(plan=annual_plan.plan)
    for year in range(annual_plan.fiscal_year - 3, annual_plan.fiscal_year):
        IndicatorValueFactory(indicator=indicator, fiscal_year=year)
    _bulk_items(annual_plan, 10, lead=organization)
    small = _count_queries(django_assert_max_num_queries, client, reverse("actionplans:plan"), 20)

    _bulk_items(annual_plan, 990, lead=organization)
    IndicatorFactory.create_batch(5, plan=annual_plan.plan)
    large = _count_queries(django_assert_max_num_queries, client, reverse("actionplans:plan"), 20)

    assert large == small
    filtered = reverse("actionplans:plan") + "?pillar=work&status=not_started&page=2"
    _count_queries(django_assert_max_num_queries, client, filtered, 20)


def test_dashboard_of_a_partner_with_100_items_runs_a_fixed_number_of_queries(
    client, partner_staff, annual_plan, open_period, django_assert_max_num_queries
):
    client.force_login(partner_staff)
    _bulk_items(annual_plan, 5, lead=partner_staff.organization)
    small = _count_queries(django_assert_max_num_queries, client, reverse("dashboard"), 10)

    items = _bulk_items(
        annual_plan, 95, lead=OrganizationFactory(), partner=partner_staff.organization
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            item=item,
            author=partner_staff,
            reporting_period=open_period,
            status="on_track",
            percent=10,
        )
        for item in items[:30]
    )
    response_items = client.get(reverse("dashboard")).context["my_items"]
    large = _count_queries(django_assert_max_num_queries, client, reverse("dashboard"), 10)

    assert large == small
    # One of the first five items is led by the organization; it partners on 48 of the 95.
    assert len(response_items) == 1 + 48
    assert sum(item.needs_report for item in response_items) == 1 + 48 - 15


def test_item_page_runs_a_fixed_number_of_queries(
    client, item, staff, open_period, django_assert_max_num_queries
):
    from actionplans import services

    for version in range(20):
        services.progress_update_create(
            item=item,
            author=staff,
            status="on_track",
            percent=version,
            narrative="x",
            seen_version=version,
            period=open_period,
        )
    item.partner_organizations.add(*OrganizationFactory.create_batch(10))

    _count_queries(
        django_assert_max_num_queries, client, reverse("actionplans:item_detail", args=[item.pk]), 6
    )
