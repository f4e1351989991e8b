"""A request made at a given time (`now=`) records that time: the demo's past decisions."""

import datetime

import pytest
from django.utils import timezone

from approvals import services

pytestmark = pytest.mark.django_db


def test_a_request_made_at_a_given_time_records_that_time(staff, council, members, direction):
    made = timezone.now() - datetime.timedelta(days=400)

    request = services.approval_request_open(
        by=staff,
        body=council,
        directions=[direction],
        closes_at=made + datetime.timedelta(days=14),
        endorsement_override_en="Put to the Council directly for this test.",
        now=made,
    )

    assert request.created_at == made
    assert request.opens_at == made
