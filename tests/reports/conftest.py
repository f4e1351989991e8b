import pytest

from actionplans.models import ItemStatus
from actionplans.services import progress_update_create
from core.fiscal import FiscalYear
from tests.actionplans.factories import (
    ActionItemFactory,
    AnnualActionPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
)
from tests.partners.factories import OrganizationFactory

from .factories import PAST, AnnualReportFactory


def report_on(item, *, by, period, status, percent, narrative):
    item.refresh_from_db()
    return progress_update_create(
        item=item,
        author=by,
        status=status,
        percent=percent,
        narrative=narrative,
        seen_version=item.version,
        period=period,
    )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """PDFs built by the tests go to a throwaway folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def past_period(db):
    return ReportingPeriodFactory(fiscal_year=PAST.start_year, quarter=4)


@pytest.fixture
def past_plan(db):
    return AnnualActionPlanFactory(fiscal_year=PAST.start_year)


@pytest.fixture
def year_data(past_plan, past_period, staff):
    """A past fiscal year with items in every outcome, and an indicator with a breakdown."""
    lead = OrganizationFactory(name="Harbour Settlement Services", sector="settlement")
    done = ActionItemFactory(
        annual_plan=past_plan, lead_organization=lead, title="Mentoring circles for engineers"
    )
    late = ActionItemFactory(annual_plan=past_plan, title="Shared intake form")
    dropped = ActionItemFactory(annual_plan=past_plan, title="Mobile welcome van")
    report_on(
        done,
        by=staff,
        period=past_period,
        status=ItemStatus.COMPLETED,
        percent=100,
        narrative="Forty engineers met employers.",
    )
    report_on(
        late,
        by=staff,
        period=past_period,
        status=ItemStatus.DELAYED,
        percent=40,
        narrative='=HYPERLINK("http://evil.example","click")',
    )
    report_on(
        dropped,
        by=staff,
        period=past_period,
        status=ItemStatus.CANCELLED,
        percent=10,
        narrative="The funding ended.",
    )
    indicator = IndicatorFactory(
        plan=past_plan.plan, name_en="Newcomers placed in jobs", name_fr="Emplois trouvés"
    )
    IndicatorValueFactory(indicator=indicator, fiscal_year=PAST.start_year, value=137)
    for category, count in (("18 to 24", 3), ("25 to 44", 90), ("45 and over", 44)):
        IndicatorValueFactory(
            indicator=indicator,
            fiscal_year=PAST.start_year,
            dimension="age_band",
            category_en=category,
            category_fr=category.replace("to", "à"),
            value=count,
        )
    return {"done": done, "late": late, "dropped": dropped, "indicator": indicator}


@pytest.fixture
def report(year_data):
    return AnnualReportFactory()


# The size of one year's report at ten times a real partnership: about 1,400 items completed,
# delayed or cancelled (of 2,000), led by 400 organizations, each with a narrative.
LARGE_ITEMS = 2000
LARGE_OUTCOMES = 1400
LARGE_ORGANIZATIONS = 400
NARRATIVE = (
    "Item {n}: the partners met every month, welcomed newcomers at three new sites and "
    "**trained twelve volunteers**; the next step is a shared calendar with the libraries."
)


def bulk_year(*, plan, period, author, items=LARGE_ITEMS, outcomes=LARGE_OUTCOMES):
    """A year of items and their latest updates, inserted in bulk (a few seconds)."""
    from actionplans.models import ActionItem, ProgressUpdate, StrategicDirection
    from partners.models import Organization
    from pillars.models import Pillar
    from tests.actionplans.factories import StrategicDirectionFactory
    from tests.pillars.factories import GroupFactory

    directions = []
    for pillar in Pillar.objects.order_by("order"):
        for n in range(4):
            directions.append(
                StrategicDirectionFactory(
                    plan=plan.plan,
                    pillar=pillar,
                    code=f"{pillar.slug[:2].upper()}{n + 1}",
                    title_en=f"Direction {n + 1} of {pillar.slug}",
                    title_fr=f"Orientation {n + 1} de {pillar.slug}",
                )
            )
    assert StrategicDirection.objects.filter(plan=plan.plan).count() >= len(directions)
    organizations = Organization.objects.bulk_create(
        [
            Organization(name=f"Community Partner Organization {n}", slug=f"cpo-{n}")
            for n in range(LARGE_ORGANIZATIONS)
        ]
    )
    group = GroupFactory()
    fiscal_year = FiscalYear(plan.fiscal_year)
    outcome_statuses = [ItemStatus.COMPLETED, ItemStatus.DELAYED, ItemStatus.CANCELLED]
    other_statuses = [ItemStatus.ON_TRACK, ItemStatus.AT_RISK, ItemStatus.NOT_STARTED]
    rows = []
    for n in range(items):
        status = (outcome_statuses if n < outcomes else other_statuses)[n % 3]
        percent = 100 if status == ItemStatus.COMPLETED else (n * 7) % 100
        rows.append(
            ActionItem(
                annual_plan=plan,
                strategic_direction=directions[n % len(directions)],
                owning_group=group,
                lead_organization=organizations[n % len(organizations)],
                title_en=f"Frozen action item {n} for newcomers",
                title_fr=f"Action figée {n} pour les nouveaux arrivants",
                start_date=fiscal_year.starts_on,
                target_date=fiscal_year.ends_on,
                status=status,
                percent=percent,
                version=1,
            )
        )
    created = ActionItem.objects.bulk_create(rows)
    updates = ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                item=item,
                author=author,
                reporting_period=period,
                status=item.status,
                percent=item.percent,
                narrative=NARRATIVE.format(n=n),
            )
            for n, item in enumerate(created)
        ]
    )
    for item, update in zip(created, updates, strict=True):
        item.latest_update = update
    ActionItem.objects.bulk_update(created, ["latest_update"])
    return created


@pytest.fixture
def large_year(report, past_plan, past_period, staff):
    bulk_year(plan=past_plan, period=past_period, author=staff)
    return report
