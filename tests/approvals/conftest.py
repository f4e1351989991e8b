import datetime

import pytest
from django.utils import timezone

from actionplans.models import ApprovalStatus
from approvals import services
from pillars.models import Group, Membership
from tests.actionplans.factories import AnnualActionPlanFactory, StrategicDirectionFactory
from tests.partners.factories import UserFactory, add_second_factor

TERM_START = datetime.date(2024, 1, 1)


def add_member(
    group,
    *,
    role=Membership.Role.MEMBER,
    term_start=TERM_START,
    term_end=None,
    second_factor=True,
    **user_fields,
):
    person = UserFactory(**user_fields)
    if second_factor:
        add_second_factor(person)
    Membership.objects.create(
        person=person, group=group, role=role, term_start=term_start, term_end=term_end
    )
    return person


@pytest.fixture
def council(db):
    return Group.objects.create(kind=Group.Kind.COUNCIL, name="Council", slug="council")


@pytest.fixture
def steering(db):
    from pillars.models import Pillar

    return Group.objects.create(
        kind=Group.Kind.STEERING,
        name="Work Steering Group",
        slug="work-steering",
        pillar=Pillar.objects.get(slug="work"),
    )


@pytest.fixture
def members(council):
    """Five voting Council members, each with a second factor."""
    return [add_member(council, email=f"member{n}@example.org") for n in range(5)]


@pytest.fixture
def direction(db):
    return StrategicDirectionFactory(status=ApprovalStatus.DRAFT)


@pytest.fixture
def draft_plan(db):
    return AnnualActionPlanFactory(status=ApprovalStatus.DRAFT)


# The reason recorded when a test about something else puts a direction to the Council without
# the steering group's endorsement (tests/approvals/test_endorsement_chain.py tests the chain).
OVERRIDE_REASON = "Put to the Council directly for this test."


def open_request(*, by, body, directions=(), annual_plan=None, hours=72, **options):
    """A request opened through the service. A Council vote on directions no steering group
    endorsed goes ahead with a recorded override, unless the test gives an endorsement or its
    own override."""
    now = timezone.now()
    if (
        body.kind == Group.Kind.COUNCIL
        and directions
        and "endorsement" not in options
        and "endorsement_override_en" not in options
        and services.directions_not_endorsed(directions)
    ):
        options["endorsement_override_en"] = OVERRIDE_REASON
    return services.approval_request_open(
        by=by,
        body=body,
        directions=directions,
        annual_plan=annual_plan,
        opens_at=options.pop("opens_at", now - datetime.timedelta(minutes=1)),
        closes_at=options.pop("closes_at", now + datetime.timedelta(hours=hours)),
        **options,
    )


@pytest.fixture
def request_for_direction(staff, council, members, direction):
    return open_request(by=staff, body=council, directions=[direction])
