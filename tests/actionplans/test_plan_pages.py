"""The public plan, the year's tracker, item pages; drafts only for partners and staff."""

import pytest
from django.urls import reverse

from actionplans import selectors, services
from actionplans.models import ApprovalStatus, ItemStatus
from core.fiscal import FiscalYear, fiscal_quarter_of

from .factories import ActionItemFactory, AnnualActionPlanFactory, StrategicDirectionFactory

pytestmark = pytest.mark.django_db


def test_fiscal_year_runs_april_to_march():
    import datetime

    assert FiscalYear.of(datetime.date(2026, 3, 31)).label == "2025-26"
    assert FiscalYear.of(datetime.date(2026, 4, 1)).label == "2026-27"
    assert FiscalYear.from_label("2025-26").starts_on == datetime.date(2025, 4, 1)
    assert FiscalYear.from_label("2025-26").ends_on == datetime.date(2026, 3, 31)
    assert fiscal_quarter_of(datetime.date(2026, 11, 23)) == (FiscalYear(2026), 3)
    assert fiscal_quarter_of(datetime.date(2027, 2, 1)) == (FiscalYear(2026), 4)
    with pytest.raises(ValueError):
        FiscalYear.from_label("2025-27")


def test_plan_page_shows_directions_by_pillar_and_the_years_items(client, item):
    html = client.get(reverse("actionplans:plan")).text

    assert item.strategic_direction.code in html
    assert item.title in html
    assert '<progress max="100" value="0"' in html
    assert "weighted average" in html


def test_plan_for_another_fiscal_year_has_its_own_address(client, item):
    label = item.annual_plan.fiscal_year_label

    response = client.get(reverse("actionplans:plan_year", args=[label]))

    assert response.status_code == 200
    assert item.title in response.text


def test_unknown_fiscal_year_is_not_found(client, item):
    assert client.get("/plan/1999-00/").status_code == 404
    assert client.get("/plan/2025-27/").status_code == 404


def test_roll_up_is_the_weighted_mean_of_the_items_percent(annual_plan):
    direction = StrategicDirectionFactory(plan=annual_plan.plan)
    for percent, weight in ((100, 1), (40, 3), (0, 1)):
        item = ActionItemFactory(
            annual_plan=annual_plan, strategic_direction=direction, weight=weight
        )
        type(item).objects.filter(pk=item.pk).update(percent=percent)
    cancelled = ActionItemFactory(annual_plan=annual_plan, strategic_direction=direction, weight=9)
    type(cancelled).objects.filter(pk=cancelled.pk).update(status=ItemStatus.CANCELLED)

    by_direction, by_pillar = selectors.progress_rollup(type(cancelled).objects.all())

    # (100*1 + 40*3 + 0*1) / 5 = 44; the cancelled item is left out.
    assert by_direction[direction.pk].percent == 44
    assert by_pillar[direction.pillar_id].percent == 44


def test_filters_narrow_the_items(client, annual_plan, organization, other_organization):
    mine = ActionItemFactory(annual_plan=annual_plan, lead_organization=organization)
    theirs = ActionItemFactory(annual_plan=annual_plan, lead_organization=other_organization)

    html = client.get(reverse("actionplans:plan") + "?lead=newcomer").text

    assert organization.name == "Newcomer Centre"
    assert mine.title in html
    assert theirs.title not in html


def test_lead_partner_filter_is_a_labelled_search_box_not_a_list_of_organizations(
    client, item, other_organization
):
    html = client.get(reverse("actionplans:plan")).text

    assert '<label for="id_lead">Lead partner</label>' in html
    assert '<input type="text" name="lead"' in html
    assert other_organization.name not in html


def test_status_counts_cover_every_status(client, item):
    html = client.get(reverse("actionplans:plan")).text

    for label in ItemStatus.labels:
        assert f'<th scope="col">{label}</th>' in html


def test_items_of_a_draft_annual_plan_are_not_public(client, organization):
    draft = AnnualActionPlanFactory(status=ApprovalStatus.DRAFT)
    item = ActionItemFactory(annual_plan=draft, lead_organization=organization)

    assert client.get(reverse("actionplans:item_detail", args=[item.pk])).status_code == 404
    assert item.title not in client.get(reverse("actionplans:plan")).text


def test_signed_in_partners_and_staff_see_drafts(client, partner_staff, staff, organization):
    draft = AnnualActionPlanFactory(status=ApprovalStatus.DRAFT)
    item = ActionItemFactory(annual_plan=draft, lead_organization=organization)

    for person in (partner_staff, staff):
        client.force_login(person)
        response = client.get(reverse("actionplans:item_detail", args=[item.pk]))
        assert response.status_code == 200
        assert "has not approved yet" in response.text


def test_approval_moves_only_through_the_services(annual_plan):
    draft = AnnualActionPlanFactory(fiscal_year=annual_plan.fiscal_year + 1, status="draft")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.annual_plan_mark_approved(plan=draft, decision=None)  # not submitted yet
    services.annual_plan_submit(plan=draft)
    services.annual_plan_mark_approved(plan=draft, decision=None)

    draft.refresh_from_db()
    assert draft.status == ApprovalStatus.APPROVED
    assert draft.approved_on is not None


def test_item_page_shows_lead_partners_and_timeline(
    client, item, other_organization, staff, open_period
):
    item.partner_organizations.add(other_organization)
    services.progress_update_create(
        item=item,
        author=staff,
        status="at_risk",
        percent=15,
        narrative="Waiting on a venue.",
        seen_version=0,
        period=open_period,
    )

    html = client.get(reverse("actionplans:item_detail", args=[item.pk])).text

    assert item.lead_organization.name in html
    assert other_organization.name in html
    assert "Waiting on a venue." in html
    assert "At risk" in html


def test_plan_page_reads_in_french(client, item):
    html = client.get("/fr/plan/").text

    assert '<html lang="fr"' in html
    assert "Filtrer les actions" in html


def test_organization_items_lists_led_and_supported_public_items(
    annual_plan, organization, other_organization
):
    led = ActionItemFactory(annual_plan=annual_plan, lead_organization=organization)
    supported = ActionItemFactory(
        annual_plan=annual_plan, lead_organization=other_organization, partners=[organization]
    )
    draft = AnnualActionPlanFactory(fiscal_year=annual_plan.fiscal_year + 1, status="draft")
    ActionItemFactory(annual_plan=draft, lead_organization=organization)

    found = selectors.organization_items(organization)

    assert found == {"led": [led], "supported": [supported]}


def test_organization_items_include_renders(annual_plan, organization):
    from django.template.loader import render_to_string

    item = ActionItemFactory(annual_plan=annual_plan, lead_organization=organization)

    html = render_to_string(
        "actionplans/includes/organization_items.html",
        {"organization_items": selectors.organization_items(organization)},
    )

    assert item.title in html
    assert "is not a partner on any action item" in html


def test_main_navigation_links_to_the_plan(client, db):
    assert 'href="/plan/"' in client.get("/").text


def test_french_plan_page_writes_the_fiscal_year_out_and_keeps_its_address(client, item):
    start = item.annual_plan.fiscal_year
    label = item.annual_plan.fiscal_year_label

    html = client.get(f"/fr/plan/{label}/").text

    assert f"{start}-{start + 1}" in html
    assert f'href="/fr/plan/{label}/"' in html


def test_english_plan_page_keeps_the_short_fiscal_year(client, item):
    start = item.annual_plan.fiscal_year

    html = client.get(f"/plan/{item.annual_plan.fiscal_year_label}/").text

    assert f"{start}-{start + 1}" not in html
    assert f"FY {item.annual_plan.fiscal_year_label}" in html
