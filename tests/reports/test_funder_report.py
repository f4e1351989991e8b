"""The funder progress report shows each item as it stood at the end of the chosen period."""

from reports.selectors import funder_report_rows
from tests.actionplans.factories import ActionItemFactory, ReportingPeriodFactory

from .conftest import report_on
from .factories import PAST


def test_each_item_as_reported_up_to_the_end_of_the_period(past_plan, staff):
    q1 = ReportingPeriodFactory(fiscal_year=PAST.start_year, quarter=1)
    item = ActionItemFactory(annual_plan=past_plan, title="Job fair")
    quiet = ActionItemFactory(annual_plan=past_plan, title="Not reported yet")
    report_on(item, by=staff, period=q1, status="on_track", percent=30, narrative="Venue booked.")
    q1.state = "locked"
    q1.save()
    q2 = ReportingPeriodFactory(fiscal_year=PAST.start_year, quarter=2)
    report_on(item, by=staff, period=q2, status="completed", percent=100, narrative="Held.")

    at_q1 = {row["title"]: row for row in funder_report_rows(period=q1)}
    assert at_q1["Job fair"]["status"] == "on_track"
    assert at_q1["Job fair"]["latest_narrative"] == "Venue booked."
    assert at_q1["Not reported yet"]["status"] == "not_started"
    assert at_q1["Not reported yet"]["percent"] == 0
    at_q2 = {row["title"]: row for row in funder_report_rows(period=q2)}
    assert at_q2["Job fair"]["percent"] == 100
    assert at_q2["Job fair"]["lead_organization"] == item.lead_organization.name
    assert at_q2["Not reported yet"]["item_id"] == quiet.pk
