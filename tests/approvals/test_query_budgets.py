"""Pages run a fixed number of queries, however many voters or decisions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from approvals.models import ApprovalRequest, Decision, EligibleVoter, Vote
from pillars.models import Membership
from tests.actionplans.factories import StrategicDirectionFactory
from tests.partners.factories import UserFactory

from .conftest import open_request

pytestmark = pytest.mark.django_db


def test_request_page_with_40_voters(
    client, staff, council, direction, django_assert_max_num_queries
):
    people = UserFactory.create_batch(40)
    Membership.objects.bulk_create(
        [Membership(person=p, group=council, term_start=datetime.date(2024, 1, 1)) for p in people]
    )
    request = open_request(by=staff, body=council, directions=[direction])
    Vote.objects.bulk_create(
        [
            Vote(request=request, voter=p, choice="approve", comment=f"Comment {n}")
            for n, p in enumerate(people[:30])
        ]
    )
    client.force_login(staff)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("approvals:request_detail", args=[request.pk]))

    assert response.status_code == 200
    assert response.text.count('<th scope="row">') >= 40


def test_decision_log_with_300_decisions(client, staff, council, django_assert_max_num_queries):
    council.votes_are_public = True
    council.save()
    voter = UserFactory()
    member = Membership.objects.create(
        person=voter, group=council, term_start=datetime.date(2024, 1, 1)
    )
    now = timezone.now()
    directions = StrategicDirectionFactory.create_batch(3)
    for n in range(300):
        request = ApprovalRequest.objects.create(
            body=council,
            submitted_by=staff,
            opens_at=now - datetime.timedelta(days=n + 10),
            closes_at=now - datetime.timedelta(days=n),
            status=ApprovalRequest.Status.DECIDED,
        )
        request.directions.set(directions)
        EligibleVoter.objects.create(
            request=request, person=voter, membership=member, role="member"
        )
        Vote.objects.create(request=request, voter=voter, choice="approve")
        Decision.objects.create(
            request=request,
            outcome="approved",
            approve_count=1,
            eligible_count=1,
            quorum_required=1,
            quorum_met=True,
            decided_on=(now - datetime.timedelta(days=n)).date(),
        )

    with django_assert_max_num_queries(6):
        response = client.get(reverse("approvals:decision_list"))
    with django_assert_max_num_queries(6):
        last_page = client.get(reverse("approvals:decision_list") + "?page=6")

    assert response.status_code == last_page.status_code == 200
    assert response.text.count('class="outcome outcome-approved"') == 50
    assert f"{voter} (approve)" in response.text
