"""The public plan points to the Council decisions that approved its directions and plan."""

import pytest
from django.urls import reverse

from actionplans.models import ApprovalStatus
from approvals import services
from approvals.models import VoteChoice
from tests.actionplans.factories import ActionItemFactory

from .conftest import open_request

pytestmark = pytest.mark.django_db


def approve(request, members):
    for member in members:
        services.vote_cast(request=request, voter=member, choice=VoteChoice.APPROVE)
    request.refresh_from_db()
    return request.decision


def test_plan_page_links_an_approved_direction_to_its_decision(
    client, request_for_direction, members, direction
):
    decision = approve(request_for_direction, members)
    ActionItemFactory(strategic_direction=direction, annual_plan__plan=direction.plan)

    html = client.get(reverse("actionplans:plan")).text

    assert reverse("approvals:decision_detail", args=[decision.pk]) in html


def test_plan_page_says_which_decision_approved_the_annual_plan(
    client, staff, council, members, draft_plan
):
    decision = approve(open_request(by=staff, body=council, annual_plan=draft_plan), members)
    draft_plan.refresh_from_db()
    assert draft_plan.status == ApprovalStatus.APPROVED

    html = client.get(reverse("actionplans:plan")).text

    assert "Approved by the Council on" in html
    assert reverse("approvals:decision_detail", args=[decision.pk]) in html
