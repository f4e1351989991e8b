"""/about/how-we-work/: the indicators with their methods and their trend, public, cached, in
English and French, at a query count that does not grow with the data."""

import datetime

import pytest
from django.utils import timezone

from actionplans.models import ItemStatus, ProgressUpdate, ReportingPeriod
from consultations.models import Consultation, Response
from pillars import services as pillar_services
from pillars.models import Group, Membership, Pillar
from tests.actionplans.factories import (
    ActionItemFactory,
    AnnualActionPlanFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
)
from tests.consultations.factories import ConsultationFactory
from tests.evaluation.conftest import YEAR
from tests.evaluation.factories import MeetingAttendanceFactory, decision
from tests.partners.factories import OrganizationFactory, UserFactory
from tests.pillars.factories import GroupFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db

URL = f"/about/how-we-work/{YEAR.label}/"


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def build_partnership(size):
    """Records of every kind the page reads, `size` times over, in FY 2024-25 and the year
    before."""
    sectors = ["health", "housing", "settlement", "employment"]
    organizations = [OrganizationFactory(sector=sectors[n % len(sectors)]) for n in range(size * 2)]
    council = GroupFactory(kind=Group.Kind.COUNCIL, name="Council", name_fr="Conseil")
    steering = GroupFactory(
        kind=Group.Kind.STEERING, pillar=Pillar.objects.get(slug="settle"), name="Settle group"
    )
    users = UserFactory.create_batch(size * 2, password=None)
    Membership.objects.bulk_create(
        Membership(
            person=person,
            group=council if n % 2 else steering,
            organization=organizations[n] if n % 3 else None,
            term_start=datetime.date(2023, 1, 1),
        )
        for n, person in enumerate(users)
    )
    for year in (2023, 2024):
        for n in range(size):
            meeting = MeetingFactory(group=council, held_on=datetime.date(year, 5 + n % 6, 1))
            MeetingAttendanceFactory.create_batch(6, meeting=meeting, attended=True)
            MeetingAttendanceFactory.create_batch(5, meeting=meeting, attended=False)
            decision(
                decided_on=datetime.date(year, 6, 1),
                votes=8,
                eligible=10,
                body=council,
                submitted_by=users[0],
            )
        plan = AnnualActionPlanFactory(fiscal_year=year)
        period = ReportingPeriodFactory(
            fiscal_year=year, quarter=1, state=ReportingPeriod.State.LOCKED
        )
        for n in range(size):
            item = ActionItemFactory(
                annual_plan=plan,
                lead_organization=organizations[n],
                partners=[organizations[n + 1]],
                status=ItemStatus.COMPLETED if n % 2 else ItemStatus.ON_TRACK,
            )
            ProgressUpdate.objects.create(
                item=item,
                author=users[0],
                reporting_period=period,
                status=ItemStatus.ON_TRACK,
                percent=50,
                created_at=_aware(period.due_date),
            )
        consultation = ConsultationFactory(
            status=Consultation.Status.CLOSED,
            opens_at=_aware(datetime.date(year, 9, 1)),
            closes_at=_aware(datetime.date(year, 10, 1)),
        )
        consultation.action_items.add(item)
        Response.objects.bulk_create(
            Response(consultation=consultation, language=language, channel=channel)
            for language in ("en", "fr", "ar")
            for channel in (Response.Channel.ONLINE, Response.Channel.PAPER)
            for _n in range(size * 3)
        )
        IndicatorValueFactory(fiscal_year=year, value=20)
    return council


@pytest.mark.parametrize("size", [2, 12])
def test_the_page_costs_the_same_queries_whatever_the_size_of_the_records(
    client, size, django_assert_max_num_queries
):
    build_partnership(size)

    with django_assert_max_num_queries(17):
        response = client.get(URL)
    with django_assert_max_num_queries(17):
        french = client.get(f"/fr{URL}")

    assert response.status_code == french.status_code == 200
    assert response.text.count("<svg") == 7
    assert f"<td>{size * 6}</td>" in response.text  # present at the year's meetings


def test_the_page_shows_each_figure_with_its_method(client):
    build_partnership(2)

    html = client.get(URL).text

    assert "<h1>How well the partnership works, FY 2024-25</h1>" in html
    assert html.count('class="method"') == 8
    assert "Votes cast (approve, object or abstain) out of the members eligible" in html
    assert "2 decisions: 16 votes cast out of 20 members eligible." in html
    assert "Turnout: 80%" in html
    assert '<th scope="row">Council</th>' in html
    assert "12 (fewer than 5)" not in html


def test_the_french_page_is_in_french(client):
    build_partnership(2)

    html = client.get(f"/fr{URL}").text

    assert "<h1>Comment fonctionne le partenariat, exercice 2024-2025</h1>" in html
    assert "Comment c’est calculé\u00a0:" in html
    assert "Votes exprimés" in html
    assert "Participation\u00a0: 80" in html


def test_a_year_without_records_says_so(client):
    build_partnership(2)

    html = client.get("/about/how-we-work/2019-20/").text

    assert "The portal holds no records for FY 2019-20 yet." in html
    assert "No records for FY 2019-20." in html


def test_counts_of_people_under_the_threshold_read_fewer_than_5(client):
    meeting = MeetingFactory(held_on=datetime.date(2024, 9, 10))
    MeetingAttendanceFactory.create_batch(9, meeting=meeting, attended=True)
    MeetingAttendanceFactory.create_batch(2, meeting=meeting, attended=False)

    html = client.get(URL).text

    assert "<td>fewer than 5</td>" in html
    assert "<td>2</td>" not in html


def test_a_future_year_is_not_found(client):
    assert client.get("/about/how-we-work/2099-00/").status_code == 404


def test_the_about_page_links_to_the_page(client):
    html = client.get("/about/").text

    assert 'href="/about/how-we-work/"' in html


def test_the_default_page_shows_the_latest_year_with_records(client):
    decision(decided_on=datetime.date(2024, 5, 1), votes=8, eligible=10)

    response = client.get("/about/how-we-work/")

    assert response.status_code == 200
    assert "How well the partnership works, FY 2024-25" in response.text


@pytest.mark.page_cache
def test_recorded_attendance_shows_at_once_on_the_cached_page(client, committed, staff):
    group = GroupFactory(name="Council")
    meeting = MeetingFactory(group=group, held_on=datetime.date(2024, 9, 10))
    members = [MembershipFactory(group=group).person for _n in range(10)]
    with committed():
        pass
    assert "Attendance recorded at each group" not in client.get(URL).text
    assert client.get(URL).headers.get("ETag")  # served from the page cache

    with committed():
        pillar_services.meeting_attendance_record(
            by=staff, meeting=meeting, attended=[person.pk for person in members[:7]]
        )

    html = client.get(URL).text
    assert "Attendance recorded at each group" in html
    assert "<td>fewer than 5</td>" in html  # the 3 absent
    assert "<td>3</td>" not in html
