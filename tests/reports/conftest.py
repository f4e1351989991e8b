import pytest

from actionplans.models import ItemStatus
from actionplans.services import progress_update_create
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
