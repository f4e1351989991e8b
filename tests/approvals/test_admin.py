"""Staff open requests in the back office, through the same service as everywhere."""

import datetime

import pytest
from django.utils import timezone

from actionplans.models import ApprovalStatus
from approvals.models import ApprovalRequest
from tests.partners.factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return StaffFactory(is_superuser=True)


def admin_form(council, direction, **overrides):
    opens = timezone.localtime()
    closes = opens + datetime.timedelta(days=7)
    data = {
        "body": council.pk,
        "directions": [direction.pk],
        "question_en": "Do you approve?",
        "question_fr": "L'approuvez-vous?",
        "opens_at_0": opens.strftime("%Y-%m-%d"),
        "opens_at_1": opens.strftime("%H:%M:%S"),
        "closes_at_0": closes.strftime("%Y-%m-%d"),
        "closes_at_1": closes.strftime("%H:%M:%S"),
        "rule": "majority",
        "quorum_fraction": "0.50",
        # No steering group endorsed the direction: the Council votes with a recorded reason.
        "endorsement_override_en": "The steering group has not met since it was formed.",
    }
    data.update(overrides)
    return data


def test_staff_open_a_request_in_the_admin_with_its_eligibility_snapshot(
    client, superuser, council, members, direction
):
    client.force_login(superuser)

    response = client.post("/admin/approvals/approvalrequest/add/", admin_form(council, direction))

    assert response.status_code == 302
    request = ApprovalRequest.objects.get()
    assert request.submitted_by == superuser
    assert request.eligible_voters.count() == len(members)
    direction.refresh_from_db()
    assert direction.status == ApprovalStatus.SUBMITTED


def test_the_admin_form_explains_a_request_that_cannot_open(
    client, superuser, council, members, direction
):
    client.force_login(superuser)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()

    response = client.post(
        "/admin/approvals/approvalrequest/add/",
        admin_form(council, direction, closes_at_0=yesterday),
    )

    assert response.status_code == 200
    assert "The vote must close after it opens." in response.text
    assert not ApprovalRequest.objects.exists()


def test_partner_staff_cannot_open_a_request(client, partner_staff, council, members, direction):
    client.force_login(partner_staff)

    response = client.post("/admin/approvals/approvalrequest/add/", admin_form(council, direction))

    assert response.status_code in (302, 403)
    assert not ApprovalRequest.objects.exists()
