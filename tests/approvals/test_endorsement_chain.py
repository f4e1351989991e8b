"""The Council votes on a strategic direction once the steering group of its pillar endorsed it,
unless staff record why it goes ahead without: a reason published in the decision log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from approvals import services
from approvals.models import ApprovalRequest
from lip_portal.roles import ADMINISTRATION, REPORTING
from pillars.models import Group, Pillar
from tests.actionplans.factories import StrategicDirectionFactory
from tests.partners.factories import StaffFactory

from .conftest import add_member
from .test_admin import admin_form

pytestmark = pytest.mark.django_db

REASON = "The Work steering group has not met since its chair left."


def _open(*, by, body, directions, **options):
    now = timezone.now()
    return services.approval_request_open(
        by=by,
        body=body,
        directions=directions,
        opens_at=now - datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(days=3),
        **options,
    )


def _endorse(steering, direction, staff, *, choice="approve"):
    """The steering group votes on the direction (one member) and decides at once."""
    member = add_member(steering)
    request = _open(by=staff, body=steering, directions=[direction])
    services.vote_cast(request=request, voter=member, choice=choice)
    return request


@pytest.fixture
def direction(db):
    return StrategicDirectionFactory(status="draft")


def test_a_council_vote_is_refused_before_the_steering_group_endorses_the_direction(
    staff, council, members, steering, direction
):
    with pytest.raises(ValidationError) as raised:
        _open(by=staff, body=council, directions=[direction])

    assert raised.value.code == "not_endorsed"
    assert direction.code in str(raised.value)
    assert not ApprovalRequest.objects.filter(body=council).exists()


def test_a_council_vote_opens_once_the_steering_group_endorsed_the_direction(
    staff, council, members, steering, direction
):
    endorsement = _endorse(steering, direction, staff)

    request = _open(by=staff, body=council, directions=[direction])

    assert request.endorsement == endorsement
    assert request.endorsement_override == ""


def test_an_endorsement_the_steering_group_turned_down_does_not_count(
    staff, council, members, steering, direction
):
    _endorse(steering, direction, staff, choice="object")

    with pytest.raises(ValidationError):
        _open(by=staff, body=council, directions=[direction])


def test_the_steering_group_of_another_pillar_does_not_endorse(staff, council, members, direction):
    settle = Group.objects.create(
        kind=Group.Kind.STEERING,
        name="Settle Steering Group",
        slug="settle-steering",
        pillar=Pillar.objects.get(slug="settle"),
    )
    _endorse(settle, direction, staff)

    with pytest.raises(ValidationError):
        _open(by=staff, body=council, directions=[direction])


def test_a_direction_the_council_sent_back_needs_a_new_endorsement(
    staff, council, members, steering, direction
):
    _endorse(steering, direction, staff)
    first = _open(by=staff, body=council, directions=[direction])
    for member in members:
        services.vote_cast(request=first, voter=member, choice="object")

    with pytest.raises(ValidationError):
        _open(by=staff, body=council, directions=[direction])


def test_a_council_vote_without_the_endorsement_opens_with_a_recorded_reason(
    staff, council, members, direction
):
    request = _open(
        by=staff,
        body=council,
        directions=[direction],
        endorsement_override_en=REASON,
        endorsement_override_fr="Le groupe ne s'est pas réuni.",
    )

    assert request.endorsement_override_en == REASON
    assert request.endorsement_override_fr == "Le groupe ne s'est pas réuni."


def test_an_override_needs_staff_who_may_put_requests_to_the_council(council, members, direction):
    reporting = StaffFactory(roles=[REPORTING])

    with pytest.raises(PermissionDenied):
        _open(by=reporting, body=council, directions=[direction], endorsement_override_en=REASON)


def test_no_override_is_recorded_when_every_direction_is_endorsed(
    staff, council, members, steering, direction
):
    _endorse(steering, direction, staff)

    with pytest.raises(ValidationError) as raised:
        _open(by=staff, body=council, directions=[direction], endorsement_override_en=REASON)

    assert raised.value.code == "override_not_needed"


def test_an_annual_plan_goes_to_the_council_without_an_endorsement(
    staff, council, members, draft_plan
):
    now = timezone.now()

    request = services.approval_request_open(
        by=staff, body=council, annual_plan=draft_plan, closes_at=now + datetime.timedelta(days=3)
    )

    assert request.endorsement is None


# --- The override in the decision log ----------------------------------------------------------


def test_the_override_and_its_reason_show_in_the_decision_log_while_the_vote_is_open(
    client, staff, council, members, direction
):
    request = _open(by=staff, body=council, directions=[direction], endorsement_override_en=REASON)

    html = client.get("/decisions/").text

    assert request.subject in html
    assert REASON in html


def test_the_decision_log_gives_the_reason_in_french(client, staff, council, members, direction):
    _open(
        by=staff,
        body=council,
        directions=[direction],
        endorsement_override_en=REASON,
        endorsement_override_fr="Le groupe directeur ne s'est pas réuni.",
    )

    html = client.get("/fr/decisions/").text

    assert "Le groupe directeur ne s&#x27;est pas réuni." in html


def test_the_decision_page_gives_the_reason(client, staff, council, members, direction):
    request = _open(by=staff, body=council, directions=[direction], endorsement_override_en=REASON)
    for member in members:
        services.vote_cast(request=request, voter=member, choice="approve")

    html = client.get(f"/decisions/{request.decision.pk}/").text

    assert REASON in html


# --- In the back office ------------------------------------------------------------------------


def test_administration_staff_record_an_override_in_the_back_office(
    client, council, members, direction
):
    administration = StaffFactory(roles=[ADMINISTRATION])
    client.force_login(administration)

    response = client.post(
        "/admin/approvals/approvalrequest/add/",
        admin_form(council, direction, endorsement_override_en=REASON),
    )

    assert response.status_code == 302
    assert ApprovalRequest.objects.get().endorsement_override_en == REASON


def test_reporting_staff_cannot_record_an_override_in_the_back_office(
    client, council, members, direction
):
    client.force_login(StaffFactory(roles=[REPORTING]))

    response = client.post(
        "/admin/approvals/approvalrequest/add/",
        admin_form(council, direction, endorsement_override_en=REASON),
    )

    assert response.status_code == 403
    assert not ApprovalRequest.objects.exists()


def test_the_back_office_explains_a_vote_the_steering_group_has_not_endorsed(
    client, council, members, direction
):
    client.force_login(StaffFactory(roles=[ADMINISTRATION]))

    response = client.post(
        "/admin/approvals/approvalrequest/add/",
        admin_form(council, direction, endorsement_override_en=""),
    )

    assert response.status_code == 200
    assert "once the steering group of its" in response.text
    assert not ApprovalRequest.objects.exists()
