"""A direction's or plan's approval status changes only through a recorded decision."""

import pytest

from actionplans.models import ApprovalStatus, StrategicDirection
from approvals.admin import ApprovalRequestAdmin
from approvals.models import ApprovalRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    from tests.partners.factories import StaffFactory

    return StaffFactory(is_superuser=True)


def test_the_admin_form_of_a_direction_has_no_status_field(client, superuser, direction):
    client.force_login(superuser)

    response = client.get(f"/admin/actionplans/strategicdirection/{direction.pk}/change/")

    assert response.status_code == 200
    assert 'name="status"' not in response.text


def test_posting_a_status_to_the_admin_changes_nothing(client, superuser, direction):
    client.force_login(superuser)

    client.post(
        f"/admin/actionplans/strategicdirection/{direction.pk}/change/",
        {
            "plan": direction.plan_id,
            "pillar": direction.pillar_id,
            "code": direction.code,
            "title_en": direction.title,
            "status": "approved",
        },
    )

    direction.refresh_from_db()
    assert direction.status == ApprovalStatus.DRAFT


def test_opening_a_council_request_submits_and_only_a_decision_approves(
    request_for_direction, direction
):
    direction.refresh_from_db()
    assert direction.status == ApprovalStatus.SUBMITTED
    assert "status" not in {f.name for f in StrategicDirection._meta.get_fields() if f.editable}


def test_an_open_request_is_read_only_in_the_admin(rf, staff, request_for_direction):
    admin = ApprovalRequestAdmin(ApprovalRequest, None)

    readonly = admin.get_readonly_fields(rf.get("/"), request_for_direction)

    assert {"body", "directions", "closes_at", "status"} <= set(readonly)
