"""Partner staff see what is due on their dashboard, with a link to report on each item."""

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.models import ReportingPeriod

from .factories import ActionItemFactory, ReportingPeriodFactory

pytestmark = pytest.mark.django_db


def test_partner_sees_items_led_and_supported_with_the_unreported_ones_marked(
    client, partner_staff, staff, item, other_organization, annual_plan, open_period
):
    supported = ActionItemFactory(
        annual_plan=annual_plan,
        lead_organization=other_organization,
        partners=[partner_staff.organization],
    )
    services.progress_update_create(
        item=supported,
        author=staff,
        status="on_track",
        percent=20,
        narrative="",
        seen_version=0,
        period=open_period,
    )
    unrelated = ActionItemFactory(annual_plan=annual_plan, lead_organization=other_organization)
    client.force_login(partner_staff)

    response = client.get(reverse("dashboard"))

    items = {i.pk: i for i in response.context["my_items"]}
    assert set(items) == {item.pk, supported.pk}
    assert items[item.pk].needs_report and not items[supported.pk].needs_report
    html = response.text
    assert unrelated.title not in html
    assert reverse("actionplans:item_update", args=[item.pk]) in html
    assert reverse("actionplans:item_update", args=[supported.pk]) in html
    assert "1 item still needs an update." in html
    assert "No update yet" in html


def test_an_item_the_organization_both_leads_and_partners_on_is_listed_once(
    client, partner_staff, annual_plan, open_period
):
    led_and_supported = ActionItemFactory(
        annual_plan=annual_plan,
        lead_organization=partner_staff.organization,
        partners=[partner_staff.organization],
    )
    client.force_login(partner_staff)

    response = client.get(reverse("dashboard"))

    assert [i.pk for i in response.context["my_items"]] == [led_and_supported.pk]
    assert response.context["page_obj"].paginator.count == 1


def test_chair_sees_the_items_of_the_group_they_chair(client, chair, item, open_period):
    client.force_login(chair)

    html = client.get(reverse("dashboard")).text

    assert item.title in html
    assert reverse("actionplans:item_update", args=[item.pk]) in html


def test_dashboard_keeps_the_account_details(client, partner_staff, item, open_period):
    client.force_login(partner_staff)

    html = client.get(reverse("dashboard")).text

    assert partner_staff.email in html
    assert "Change your password" in html


def test_staff_dashboard_links_to_the_reporting_cycle(client, staff):
    client.force_login(staff)

    assert reverse("actionplans:period_list") in client.get(reverse("dashboard")).text


def test_item_reported_only_in_an_earlier_period_still_needs_an_update(
    client, partner_staff, staff, item, annual_plan
):
    earlier = ReportingPeriodFactory(quarter=1)
    services.progress_update_create(
        item=item,
        author=staff,
        status="on_track",
        percent=20,
        narrative="",
        seen_version=0,
        period=earlier,
    )
    services.reporting_period_lock(period=earlier, by=staff)
    services.reporting_period_open(
        period=ReportingPeriodFactory(quarter=2, state=ReportingPeriod.State.SCHEDULED), by=staff
    )
    client.force_login(partner_staff)

    response = client.get(reverse("dashboard"))

    [listed] = response.context["my_items"]
    assert listed.needs_report and not listed.reported_in_period
    assert "1 item still needs an update." in response.text
