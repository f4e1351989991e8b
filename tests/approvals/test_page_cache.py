"""A Council decision, or a vote opened without the steering group's endorsement, shows at once
on the cached decision log, in English and French."""

import datetime

import pytest
from django.utils import timezone

from approvals import services

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]

DECIDED = 'class="outcome outcome-approved"'


def test_a_decision_shows_at_once_on_the_cached_log_in_both_languages(
    client, committed, request_for_direction, members
):
    # The request went to the Council without an endorsement: the log names it already, but
    # shows no decision yet.
    assert DECIDED not in client.get("/decisions/").text
    assert DECIDED not in client.get("/fr/decisions/").text

    with committed():
        for member in members:
            services.vote_cast(request=request_for_direction, voter=member, choice="approve")

    english = client.get("/decisions/").text
    french = client.get("/fr/decisions/").text
    assert DECIDED in english
    assert DECIDED in french
    assert f"decision-{request_for_direction.decision.pk}" in french
    assert request_for_direction.directions.get().title in french


def test_a_vote_opened_without_the_endorsement_shows_at_once_on_the_cached_log(
    client, committed, staff, council, members, direction
):
    reason = "The steering group has not met since it was formed."
    assert reason not in client.get("/decisions/").text
    assert "pas réuni" not in client.get("/fr/decisions/").text

    with committed():
        now = timezone.now()
        services.approval_request_open(
            by=staff,
            body=council,
            directions=[direction],
            closes_at=now + datetime.timedelta(days=3),
            endorsement_override_en=reason,
            endorsement_override_fr="Le groupe directeur ne s'est pas réuni depuis sa création.",
        )

    assert reason in client.get("/decisions/").text
    assert "pas réuni" in client.get("/fr/decisions/").text
