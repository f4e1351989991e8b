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


def test_decision_log_with_300_decisions_and_20_voters_each(
    client, staff, council, django_assert_max_num_queries
):
    council.votes_are_public = True
    council.save()
    voters = UserFactory.create_batch(20)
    members = Membership.objects.bulk_create(
        [Membership(person=p, group=council, term_start=datetime.date(2024, 1, 1)) for p in voters]
    )
    now = timezone.now()
    directions = StrategicDirectionFactory.create_batch(3)
    through = ApprovalRequest.directions.through
    requests = ApprovalRequest.objects.bulk_create(
        ApprovalRequest(
            body=council,
            submitted_by=staff,
            opens_at=now - datetime.timedelta(days=n + 10),
            closes_at=now - datetime.timedelta(days=n),
            status=ApprovalRequest.Status.DECIDED,
        )
        for n in range(300)
    )
    through.objects.bulk_create(
        through(approvalrequest_id=request.pk, strategicdirection_id=direction.pk)
        for request in requests
        for direction in directions
    )
    EligibleVoter.objects.bulk_create(
        EligibleVoter(request=request, person=voter, membership=member, role="member")
        for request in requests
        for voter, member in zip(voters, members, strict=True)
    )
    Vote.objects.bulk_create(
        Vote(request=request, voter=voter, choice="approve")
        for request in requests
        for voter in voters
    )
    Decision.objects.bulk_create(
        Decision(
            request=request,
            outcome="approved",
            approve_count=20,
            eligible_count=20,
            quorum_required=11,
            quorum_met=True,
            decided_on=(now - datetime.timedelta(days=n)).date(),
        )
        for n, request in enumerate(requests)
    )

    with django_assert_max_num_queries(5):
        response = client.get(reverse("approvals:decision_list"))
    with django_assert_max_num_queries(5):
        last_page = client.get(reverse("approvals:decision_list") + "?page=12")
    french = client.get("/fr/decisions/")

    assert response.status_code == last_page.status_code == french.status_code == 200
    assert response.text.count('class="outcome outcome-approved"') == 25
    assert last_page.text.count('class="outcome outcome-approved"') == 25
    assert "20 approve, 0 object, 0 abstain" in response.text
    assert str(voters[0]) not in response.text
    assert len(response.content) < 100 * 1024
    assert len(french.content) < 100 * 1024
