"""Each process and outcome indicator, computed on hand-built records with the expected figure."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from actionplans.models import IndicatorValue, ItemStatus, ProgressUpdate, ReportingPeriod
from consultations.models import Consultation, Response
from evaluation.selectors import how_we_work, indicators_by_year
from partners.models import Organization
from pillars.models import Group, Membership, Pillar
from tests.actionplans.factories import (
    ActionItemFactory,
    AnnualActionPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
    StrategicDirectionFactory,
)
from tests.consultations.factories import ConsultationFactory, ResponseFactory
from tests.evaluation.conftest import YEAR
from tests.evaluation.factories import MeetingAttendanceFactory, SectorReferenceFactory, decision
from tests.partners.factories import OrganizationFactory, UserFactory
from tests.pillars.factories import GroupFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _year():
    return indicators_by_year()[YEAR.start_year]


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


# --- Breadth of membership -------------------------------------------------------------------


def _seat(
    group, *, sector=None, role=Membership.Role.MEMBER, start=datetime.date(2024, 1, 1), end=None
):
    organization = OrganizationFactory(sector=sector) if sector else None
    person = UserFactory(password=None, organization=organization)
    return MembershipFactory(
        group=group,
        person=person,
        organization=organization,
        role=role,
        term_start=start,
        term_end=end,
    )


def test_breadth_names_the_sectors_seated_at_the_council_and_the_gaps(no_reference_list):
    health = SectorReferenceFactory(name="Health", organization_sectors=["health"])
    housing = SectorReferenceFactory(name="Housing", organization_sectors=["housing"])
    residents = SectorReferenceFactory(name="Residents", lived_experience=True)
    council = GroupFactory(kind=Group.Kind.COUNCIL)
    _seat(council, sector=Organization.Sector.HEALTH)
    _seat(council)  # a resident, in their own name
    _seat(council, sector=Organization.Sector.HOUSING, end=datetime.date(2024, 3, 31))

    [table] = _year().breadth

    assert table.group == council
    assert table.present == [health, residents]
    assert table.gaps == [housing]
    assert table.percent == 67


def test_a_staff_liaison_seated_in_their_own_name_does_not_count_as_a_resident(
    no_reference_list,
):
    SectorReferenceFactory(name="Residents", lived_experience=True)
    steering = GroupFactory(kind=Group.Kind.STEERING, pillar=Pillar.objects.get(slug="work"))
    _seat(steering, role=Membership.Role.STAFF_LIAISON)
    _seat(steering, sector=Organization.Sector.HEALTH)

    [table] = _year().breadth

    assert table.present == []
    assert table.percent == 0


def test_an_action_group_is_not_measured_for_breadth(no_reference_list):
    SectorReferenceFactory(name="Health", organization_sectors=["health"])
    action = GroupFactory(kind=Group.Kind.ACTION, parent=GroupFactory())
    _seat(action, sector=Organization.Sector.HEALTH)

    assert YEAR.start_year not in indicators_by_year() or not _year().breadth


def test_the_seeded_reference_list_maps_education_to_school_boards_and_colleges(db):
    council = GroupFactory(kind=Group.Kind.COUNCIL)
    _seat(council, sector=Organization.Sector.POST_SECONDARY)

    [table] = _year().breadth

    assert [reference.name for reference in table.present] == ["Education"]
    assert table.total == 11


# --- Participation ---------------------------------------------------------------------------


def test_attendance_counts_who_was_present_at_the_group_meetings_of_the_year():
    group = GroupFactory()
    meeting = MeetingFactory(group=group, held_on=datetime.date(2024, 9, 10))
    later = MeetingFactory(group=group, held_on=datetime.date(2025, 2, 10))
    MeetingAttendanceFactory.create_batch(4, meeting=meeting, attended=True)
    MeetingAttendanceFactory.create_batch(2, meeting=later, attended=True)
    MeetingAttendanceFactory.create_batch(5, meeting=later, attended=False)
    # The next fiscal year's meeting counts in its own year.
    MeetingAttendanceFactory(meeting=MeetingFactory(group=group, held_on=datetime.date(2025, 4, 2)))

    attendance = _year().attendance

    [row] = attendance.groups
    assert (row.name, row.meetings) == (group.name, 2)
    assert (row.attended.value, row.absent.value) == (6, 5)
    assert row.percent == 55
    assert attendance.percent == 55


def test_action_groups_are_counted_together_in_one_row():
    council = GroupFactory()
    for n in range(2):
        action = GroupFactory(kind=Group.Kind.ACTION, parent=council)
        meeting = MeetingFactory(group=action, held_on=datetime.date(2024, 9, 10 + n))
        MeetingAttendanceFactory.create_batch(3, meeting=meeting, attended=True)
        MeetingAttendanceFactory.create_batch(3, meeting=meeting, attended=False)

    [row] = _year().attendance.groups

    assert (str(row.name), row.meetings) == ("Action groups", 2)
    assert (row.attended.value, row.absent.value, row.percent) == (6, 6, 50)


def test_attendance_under_the_threshold_is_suppressed_and_its_rate_hidden():
    meeting = MeetingFactory(held_on=datetime.date(2024, 9, 10))
    MeetingAttendanceFactory.create_batch(9, meeting=meeting, attended=True)
    MeetingAttendanceFactory.create_batch(2, meeting=meeting, attended=False)

    [row] = _year().attendance.groups

    assert row.absent.suppressed
    assert str(row.absent) == "fewer than 5"
    assert row.percent is None


def test_turnout_is_the_votes_cast_out_of_the_members_eligible_over_the_year():
    decision(decided_on=datetime.date(2024, 5, 1), votes=8, eligible=10)
    decision(decided_on=datetime.date(2025, 2, 1), votes=9, eligible=10)
    decision(decided_on=datetime.date(2025, 5, 1), votes=1, eligible=10)  # the next year

    turnout = _year().turnout

    assert (turnout.decisions, turnout.votes.value, turnout.eligible) == (2, 17, 20)
    assert turnout.percent == 85


def test_turnout_of_fewer_votes_than_the_threshold_hides_the_count():
    decision(decided_on=datetime.date(2024, 5, 1), votes=3, eligible=4)

    turnout = _year().turnout

    assert str(turnout.votes) == "fewer than 5"
    assert turnout.percent is None


def _update(item, period, day):
    return ProgressUpdate.objects.create(
        item=item,
        author=UserFactory(password=None),
        reporting_period=period,
        status=ItemStatus.ON_TRACK,
        percent=10,
        created_at=_aware(day),
    )


def test_reporting_rate_and_timeliness_per_period():
    plan = AnnualActionPlanFactory(fiscal_year=YEAR.start_year)
    on_time, late, silent = OrganizationFactory.create_batch(3)
    first = ActionItemFactory(annual_plan=plan, lead_organization=on_time)
    second = ActionItemFactory(annual_plan=plan, lead_organization=late)
    ActionItemFactory(annual_plan=plan, lead_organization=silent)
    period = ReportingPeriodFactory(
        fiscal_year=YEAR.start_year,
        quarter=1,
        due_date=datetime.date(2024, 7, 15),
        state=ReportingPeriod.State.LOCKED,
    )
    ReportingPeriodFactory(
        fiscal_year=YEAR.start_year, quarter=2, state=ReportingPeriod.State.SCHEDULED
    )
    _update(first, period, datetime.date(2024, 7, 10))
    _update(first, period, datetime.date(2024, 7, 20))
    _update(second, period, datetime.date(2024, 7, 20))

    reporting = _year().reporting

    [row] = reporting.periods  # a period not yet opened is not measured
    assert (row.expected, row.reported, row.on_time) == (3, 2, 1)
    assert (row.percent, row.on_time_percent) == (67, 33)
    assert (reporting.percent, reporting.on_time_percent) == (67, 33)


# --- Engagement ------------------------------------------------------------------------------


def _closed_consultation(**kwargs):
    return ConsultationFactory(
        status=Consultation.Status.CLOSED,
        opens_at=_aware(datetime.date(2024, 10, 1)),
        closes_at=_aware(datetime.date(2024, 11, 1)),
        **kwargs,
    )


def test_responses_are_counted_by_language_and_channel_with_small_cells_suppressed():
    consultation = _closed_consultation()
    ResponseFactory.create_batch(6, consultation=consultation, language="en")
    ResponseFactory.create_batch(5, consultation=consultation, language="fr")
    ResponseFactory.create_batch(
        2, consultation=consultation, language="ar", channel=Response.Channel.PAPER
    )
    ResponseFactory.create_batch(7, consultation=ConsultationFactory(), language="es")  # open

    engagement = _year().engagement

    assert [code for code, _name in engagement.languages] == ["en", "fr", "ar"]
    assert [code for code, _label in engagement.channels] == ["online", "paper"]
    rows = {
        str(name): ([str(c) for c in cells], str(total)) for name, cells, total in engagement.rows
    }
    assert rows["Arabic"] == (
        ["fewer than 5", "fewer than 5"],
        "not shown, to protect small counts",
    )
    assert "2" not in str(rows)
    # Nothing shown lets the two paper responses be worked out from the totals.
    assert engagement.channel_totals[1].suppressed
    assert engagement.table.total.suppressed or any(
        cell.suppressed for _name, cells, _total in engagement.rows[:2] for cell in cells[:1]
    )


def test_follow_through_is_the_share_of_closed_consultations_linked_to_action_items():
    linked = _closed_consultation()
    linked.action_items.add(
        ActionItemFactory(annual_plan=AnnualActionPlanFactory(fiscal_year=2024))
    )
    _closed_consultation()
    ConsultationFactory()  # still open: not counted

    engagement = _year().engagement

    assert (engagement.linked, engagement.consultations) == (1, 2)
    assert engagement.follow_through_percent == 50


# --- Linkages and delivery -------------------------------------------------------------------


def test_linkages_count_items_across_sectors_and_organizations_across_pillars():
    plan = AnnualActionPlanFactory(fiscal_year=YEAR.start_year)
    work = StrategicDirectionFactory(plan=plan.plan, pillar=Pillar.objects.get(slug="work"))
    settle = StrategicDirectionFactory(plan=plan.plan, pillar=Pillar.objects.get(slug="settle"))
    health = OrganizationFactory(sector=Organization.Sector.HEALTH)
    clinic = OrganizationFactory(sector=Organization.Sector.HEALTH)
    housing = OrganizationFactory(sector=Organization.Sector.HOUSING)
    ActionItemFactory(
        annual_plan=plan, strategic_direction=work, lead_organization=health, partners=[housing]
    )
    ActionItemFactory(
        annual_plan=plan, strategic_direction=work, lead_organization=health, partners=[clinic]
    )
    ActionItemFactory(annual_plan=plan, strategic_direction=settle, lead_organization=housing)

    linkages = _year().linkages

    assert (linkages.cross_sector_items, linkages.items) == (1, 3)
    assert (linkages.cross_pillar_organizations, linkages.organizations) == (1, 3)
    assert linkages.cross_sector_percent == linkages.cross_pillar_percent == 33


def test_delivery_shares_items_by_status_and_counts_indicators_moving_to_target():
    plan = AnnualActionPlanFactory(fiscal_year=YEAR.start_year)
    for status in (
        ItemStatus.COMPLETED,
        ItemStatus.COMPLETED,
        ItemStatus.ON_TRACK,
        ItemStatus.DELAYED,
    ):
        ActionItemFactory(annual_plan=plan, status=status)
    up = IndicatorFactory(baseline=10, target=50)
    IndicatorValueFactory(indicator=up, fiscal_year=2024, value=20)
    IndicatorValueFactory(
        indicator=IndicatorFactory(baseline=10, target=50), fiscal_year=2024, value=5
    )
    down = IndicatorFactory(baseline=10, target=5)
    IndicatorValueFactory(indicator=down, fiscal_year=2024, value=Decimal("8"))
    IndicatorValueFactory(
        indicator=down,
        fiscal_year=2024,
        value=20,
        dimension=IndicatorValue.Dimension.GENDER,
        category="women",
    )

    delivery = _year().delivery

    shares = {code: (count, percent) for code, _label, count, percent in delivery.shares}
    assert shares["completed"] == (2, 50)
    assert shares["on_track"] == (1, 25)
    assert shares["delayed"] == (1, 25)
    assert shares["at_risk"] == (0, 0)
    assert delivery.completed_percent == 50
    assert (delivery.indicators_moving, delivery.indicators) == (2, 3)


# --- Years -----------------------------------------------------------------------------------


def test_a_year_without_records_has_no_figures(no_reference_list):
    decision(decided_on=datetime.date(2024, 5, 1), votes=8, eligible=10)

    context = how_we_work(YEAR.previous())

    assert not context["year"].has_data
    assert context["year"].turnout is None
    assert context["next_year"] == YEAR


def test_the_default_year_is_the_latest_with_records_when_the_current_has_none(
    no_reference_list,
):
    decision(decided_on=datetime.date(2024, 5, 1), votes=8, eligible=10)

    assert how_we_work()["fiscal_year"] == YEAR


def test_the_trend_follows_each_headline_figure_over_the_years(no_reference_list):
    decision(decided_on=datetime.date(2023, 5, 1), votes=6, eligible=10)
    decision(decided_on=datetime.date(2024, 5, 1), votes=8, eligible=10)

    context = how_we_work(YEAR)

    turnout = next(series for series in context["trends"] if series.key == "turnout")
    assert [(fy.start_year, value) for fy, value in turnout.points] == [(2023, 60), (2024, 80)]
    assert len(turnout.chart.groups) == 2
