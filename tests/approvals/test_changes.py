"""The request page shows what changed since the version the Council last approved or returned."""

import pytest
from django.urls import reverse

from actionplans import services as actionplan_services
from approvals import services
from approvals.selectors import annual_plan_changes, direction_changes, word_diff
from tests.actionplans.factories import ActionItemFactory

from .conftest import open_request

pytestmark = pytest.mark.django_db


def test_word_diff_marks_removed_and_added_words():
    assert word_diff("Seniors meet others.", "Seniors meet others in French.") == [
        ("same", "Seniors meet"),
        ("removed", "others."),
        ("added", "others in French."),
    ]


def test_a_returned_direction_shows_what_was_revised(client, staff, council, members, direction):
    request = open_request(by=staff, body=council, directions=[direction])
    for member in members:
        services.vote_cast(request=request, voter=member, choice="object", comment="Be specific.")
    direction.refresh_from_db()
    direction.description_en = "Reach seniors through libraries."
    direction.save()

    changes = direction_changes(direction)
    again = open_request(by=staff, body=council, directions=[direction])
    client.force_login(members[0])
    response = client.get(reverse("approvals:request_detail", args=[again.pk]))

    assert changes.since_kind == "returned"
    assert [change.label for change in changes.fields] == ["Description (English)"]
    assert "<ins>" in response.text
    assert "Reach seniors through libraries." in response.text


def test_a_new_direction_was_never_before_the_council(direction):
    changes = direction_changes(direction)

    assert changes.since is None
    assert not changes.has_changes


def test_items_added_to_a_plan_after_its_approval_are_listed(draft_plan):
    actionplan_services.annual_plan_submit(plan=draft_plan)
    actionplan_services.annual_plan_mark_approved(plan=draft_plan, decision=None)
    item = ActionItemFactory(annual_plan=draft_plan, title="Seniors' tea at the library")

    changes = annual_plan_changes(draft_plan)

    assert changes.since_kind == "approved"
    assert [added.title for added in changes.items_added] == [item.title]
