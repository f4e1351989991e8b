"""The public decision log, and where approved items point to their decision."""

import pytest
from django.urls import reverse

from approvals import services
from approvals.selectors import approving_decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(request_for_direction, members):
    for member, choice in zip(
        members, ["approve", "approve", "object", "abstain", "approve"], strict=True
    ):
        services.vote_cast(request=request_for_direction, voter=member, choice=choice)
    request_for_direction.refresh_from_db()
    return request_for_direction.decision


def test_the_log_shows_what_was_decided_by_whom_with_tally_and_quorum(client, decided):
    response = client.get(reverse("approvals:decision_list"))

    assert response.status_code == 200
    html = response.text
    assert decided.request.subject in html
    assert "Council" in html
    assert "3 approve, 1 object, 1 abstain;" in html
    assert "quorum met (5 of 5 members took part; 3 needed)" in html


def test_the_log_reads_in_french(client, decided):
    response = client.get("/fr/decisions/")

    assert response.status_code == 200
    assert '<html lang="fr"' in response.text
    # The semicolon belongs to the sentence, spaced as French spaces it.
    assert "3 pour, 1 contre, 1 abstentions\u202f;" in response.text


def test_a_link_names_its_decision_for_screen_readers_in_french(client, decided):
    body = decided.request.body
    body.votes_are_public = True
    body.save()

    html = client.get("/fr/decisions/").text

    expected = (
        f'Le vote de chaque membre<span class="visually-hidden">\u00a0: {decided.request.subject}'
    )
    assert expected in html


def test_individual_votes_stay_confidential_unless_the_body_publishes_them(
    client, decided, members
):
    detail_url = reverse("approvals:decision_detail", args=[decided.pk])
    hidden = client.get(reverse("approvals:decision_list")).text
    detail_hidden = client.get(detail_url).text

    body = decided.request.body
    body.votes_are_public = True
    body.save()
    shown = client.get(reverse("approvals:decision_list")).text
    detail_shown = client.get(detail_url).text

    assert "#votes" not in hidden
    assert "keep individual votes confidential" in detail_hidden
    assert "<td>Object</td>" not in detail_hidden
    assert f'href="{detail_url}#votes">How each member voted' in shown
    assert "<td>Object</td>" in detail_shown
    assert "keep individual votes confidential" not in detail_shown


def test_the_log_summarises_votes_and_leaves_names_to_the_decision_page(client, decided, members):
    body = decided.request.body
    body.votes_are_public = True
    body.save()

    html = client.get(reverse("approvals:decision_list")).text

    assert "3 approve, 1 object, 1 abstain" in html
    assert str(members[2]) not in html


def test_an_approved_direction_points_to_its_decision(decided, direction):
    direction.refresh_from_db()

    assert approving_decision(direction) == decided


def test_the_include_for_plan_pages_links_to_the_decision(decided, direction):
    from django.template import Context, Template

    direction.refresh_from_db()
    html = Template(
        "{% load approvals %}{% approving_decision obj as decision %}"
        '{% include "approvals/includes/approving_decision.html" %}'
    ).render(Context({"obj": direction}))

    assert reverse("approvals:decision_detail", args=[decided.pk]) in html
    assert "Approved by the Council" in html


def test_the_decision_page_shows_who_could_vote(client, decided, members):
    response = client.get(reverse("approvals:decision_detail", args=[decided.pk]))

    assert response.status_code == 200
    for member in members:
        assert str(member) in response.text


def test_many_directions_find_their_decisions_in_two_queries(
    decided, direction, django_assert_num_queries
):
    from actionplans.models import StrategicDirection
    from approvals.selectors import approving_decisions_for_directions
    from tests.actionplans.factories import StrategicDirectionFactory

    StrategicDirectionFactory.create_batch(5)  # approved without a decision: none found
    directions = list(StrategicDirection.objects.all())

    with django_assert_num_queries(2):
        found = approving_decisions_for_directions(directions)

    assert found == {direction.pk: decided}
