"""Pages run a fixed number of queries and stay light, whatever the size of the partnership.

"Large" here is the year of a partnership at ten times a real one: about 1,400 items in the
year, 800 lead organizations, years of progress updates, a partner with hundreds of items.
"""

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.models import ActionItem, ProgressUpdate, ReportingPeriod
from core.fiscal import FiscalYear
from partners.models import Organization
from pillars.models import Pillar
from tests.partners.factories import OrganizationFactory

from .factories import (
    GroupFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
    StrategicDirectionFactory,
)

pytestmark = pytest.mark.django_db

PAGE_LIMIT = 100 * 1024  # bytes of HTML


def _organizations(count):
    start = Organization.objects.count()
    return Organization.objects.bulk_create(
        Organization(
            name=f"Settlement and Employment Services Association {start + n}",
            slug=f"settlement-employment-association-{start + n}",
        )
        for n in range(count)
    )


def _bulk_items(annual_plan, count, *, leads, partner=None):
    """Items spread over six directions, three groups and the given lead organizations, loaded
    in bulk (past the services, as a seed does), then their roll-ups rebuilt."""
    directions = [
        StrategicDirectionFactory(plan=annual_plan.plan, pillar=pillar)
        for pillar in Pillar.objects.all()
        for i in range(2)
    ]
    groups = [GroupFactory() for _ in range(3)]
    statuses = ["not_started", "on_track", "at_risk", "delayed", "completed", "cancelled"]
    items = ActionItem.objects.bulk_create(
        ActionItem(
            annual_plan=annual_plan,
            strategic_direction=directions[i % len(directions)],
            owning_group=groups[i % 3],
            lead_organization=leads[i % len(leads)],
            title_en=f"Coordinate a newcomer employment and settlement workshop series {i}",
            start_date=FiscalYear(annual_plan.fiscal_year).starts_on,
            target_date=FiscalYear(annual_plan.fiscal_year).ends_on,
            weight=1 + i % 3,
            status=statuses[i // 6 % 6],
            percent=100 if statuses[i // 6 % 6] == "completed" else i % 101,
        )
        for i in range(count)
    )
    if partner is not None:
        through = ActionItem.partner_organizations.through
        through.objects.bulk_create(
            through(actionitem_id=item.pk, organization_id=partner.pk) for item in items[::2]
        )
    services.rollups_rebuild(annual_plan=annual_plan)
    return items


def _history(items, author, periods, per_item):
    ProgressUpdate.objects.bulk_create(
        (
            ProgressUpdate(
                item=item,
                author=author,
                reporting_period=periods[n % len(periods)],
                status="on_track",
                percent=min(n, 100),
                narrative=f"Update {n}: the workshop went well.",
                narrative_html=f"<p>Update {n}: the workshop went well.</p>",
            )
            for item in items
            for n in range(per_item)
        ),
        batch_size=1000,
    )


def _past_periods(annual_plan):
    return [
        ReportingPeriodFactory(
            fiscal_year=annual_plan.fiscal_year - 1,
            quarter=quarter,
            state=ReportingPeriod.State.LOCKED,
        )
        for quarter in (1, 2, 3, 4)
    ]


def _get(django_assert_max_num_queries, client, url, budget):
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


@pytest.fixture
def indicators(annual_plan):
    indicator = IndicatorFactory(plan=annual_plan.plan)
    for year in range(annual_plan.fiscal_year - 3, annual_plan.fiscal_year):
        IndicatorValueFactory(indicator=indicator, fiscal_year=year)


def test_plan_page_runs_the_same_queries_with_1400_items_as_with_10(
    client, annual_plan, organization, indicators, django_assert_max_num_queries
):
    url = reverse("actionplans:plan")
    _bulk_items(annual_plan, 10, leads=[organization])
    _response, small = _get(django_assert_max_num_queries, client, url, 16)

    _bulk_items(annual_plan, 1390, leads=_organizations(800))
    IndicatorFactory.create_batch(5, plan=annual_plan.plan)
    response, large = _get(django_assert_max_num_queries, client, url, 16)

    assert large == small
    assert "1,400 action items" in response.text or "1400 action items" in response.text


def test_plan_page_reads_the_stored_roll_ups_instead_of_summing_the_items(
    client, annual_plan, organization, django_assert_max_num_queries
):
    _bulk_items(annual_plan, 60, leads=[organization])

    with django_assert_max_num_queries(16) as captured:
        client.get(reverse("actionplans:plan"))

    sums = [q["sql"] for q in captured.captured_queries if "SUM(" in q["sql"].upper()]
    groups = [q["sql"] for q in captured.captured_queries if "GROUP BY" in q["sql"].upper()]
    assert sums == [] and groups == []


def test_plan_page_of_a_large_year_weighs_under_100_kb_in_english_and_french(
    client, annual_plan, organization, indicators
):
    _bulk_items(annual_plan, 1400, leads=_organizations(800))

    for prefix in ("", "/fr"):
        html = client.get(f"{prefix}/plan/").content
        assert len(html) < PAGE_LIMIT, len(html)
        assert b"<option" not in html.split(b'name="lead"')[1][:200]


def test_filtered_plan_year_pages_run_a_fixed_number_of_queries(
    client, annual_plan, organization, django_assert_max_num_queries
):
    _bulk_items(annual_plan, 1400, leads=[organization, *_organizations(100)])
    year = reverse("actionplans:plan_year", args=[annual_plan.fiscal_year_label])

    for query in (
        "",
        "?pillar=work&status=on_track&page=2",
        "?lead=association+1",
        "?lead=nothing-matches",
    ):
        response, _count = _get(django_assert_max_num_queries, client, year + query, 16)
        assert len(response.content) < PAGE_LIMIT


def test_filtered_status_counts_are_those_of_the_filtered_items(client, annual_plan, organization):
    _bulk_items(annual_plan, 60, leads=[organization])

    counts = client.get(reverse("actionplans:plan") + "?status=at_risk").context["status_counts"]

    assert {value: count for value, _label, count in counts if count} == {"at_risk": 12}


def test_home_page_runs_a_fixed_number_of_queries_whatever_the_year_holds(
    client, annual_plan, organization, django_assert_max_num_queries
):
    _bulk_items(annual_plan, 10, leads=[organization])
    _response, small = _get(django_assert_max_num_queries, client, "/", 8)

    _bulk_items(annual_plan, 1390, leads=_organizations(50))
    response, large = _get(django_assert_max_num_queries, client, "/", 8)

    assert large == small
    assert response.context["year_at_a_glance"].item_count == 1400


def test_dashboard_of_a_partner_with_300_items_and_their_history_runs_a_fixed_number_of_queries(
    client, partner_staff, annual_plan, open_period, django_assert_max_num_queries
):
    client.force_login(partner_staff)
    periods = [*_past_periods(annual_plan), open_period]
    mine = _bulk_items(annual_plan, 5, leads=[partner_staff.organization])
    _history(mine, partner_staff, periods, 2)
    # Session, person (with organization and Council seat), period, the rows, the page, the
    # panels (votes, chaired groups, equity questionnaires) in one query.
    _response, small = _get(django_assert_max_num_queries, client, reverse("dashboard"), 6)

    more = _bulk_items(annual_plan, 150, leads=[partner_staff.organization])
    supported = _bulk_items(
        annual_plan, 300, leads=_organizations(20), partner=partner_staff.organization
    )
    _history(more + supported, partner_staff, periods, 10)
    response, large = _get(django_assert_max_num_queries, client, reverse("dashboard"), 6)
    _last, last_page = _get(
        django_assert_max_num_queries, client, reverse("dashboard") + "?page=13", 6
    )

    assert large == small == last_page
    assert len(response.context["my_items"]) == 25
    assert response.context["page_obj"].paginator.count == 5 + 150 + 150
    assert len(response.content) < PAGE_LIMIT


def test_dashboard_lists_the_items_still_to_report_first(
    client, partner_staff, staff, annual_plan, open_period
):
    client.force_login(partner_staff)
    items = _bulk_items(annual_plan, 60, leads=[partner_staff.organization])
    reported = [i for i in items if i.status not in ("completed", "cancelled")][:30]
    for item in reported:
        services.progress_update_create(
            item=item,
            author=staff,
            status="on_track",
            percent=50,
            narrative="",
            seen_version=0,
            period=open_period,
        )

    response = client.get(reverse("dashboard"))

    to_report = 60 - 12 - 30  # neither finished (12) nor reported this period (30)
    assert response.context["items_to_report"] == to_report
    flags = [item.needs_report for item in response.context["my_items"]]
    assert flags == [True] * to_report + [False] * (25 - to_report)
    assert f"{to_report} items still need an update." in response.text


def test_item_page_with_years_of_updates_shows_one_page_in_a_fixed_number_of_queries(
    client, item, staff, open_period, annual_plan, django_assert_max_num_queries
):
    periods = [*_past_periods(annual_plan), open_period]
    _history([item], staff, periods, 3)
    item.partner_organizations.add(*OrganizationFactory.create_batch(10))
    url = reverse("actionplans:item_detail", args=[item.pk])
    _response, small = _get(django_assert_max_num_queries, client, url, 7)

    _history([item], staff, periods, 200)
    response, large = _get(django_assert_max_num_queries, client, url, 7)
    _older, older = _get(django_assert_max_num_queries, client, url + "?page=11", 7)

    assert large == small == older
    assert response.text.count('class="timeline-entry"') == 20
    assert "Older updates" in response.text
    assert len(response.content) < PAGE_LIMIT


def test_progress_update_runs_a_fixed_number_of_queries(
    item, staff, open_period, django_assert_max_num_queries
):
    services.progress_update_create(
        item=item,
        author=staff,
        status="on_track",
        percent=5,
        narrative="",
        seen_version=0,
        period=open_period,
    )
    with django_assert_max_num_queries(12):
        services.progress_update_create(
            item=item,
            author=staff,
            status="at_risk",
            percent=10,
            narrative="",
            seen_version=1,
            period=open_period,
        )
