"""A Council decision shows at once on the cached decision log, in English and French."""

import pytest

from approvals import services

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def test_a_decision_shows_at_once_on_the_cached_log_in_both_languages(
    client, committed, request_for_direction, members
):
    subject = request_for_direction.subject
    assert subject not in client.get("/decisions/").text
    french_before = client.get("/fr/decisions/").text

    with committed():
        for member in members:
            services.vote_cast(request=request_for_direction, voter=member, choice="approve")

    assert subject in client.get("/decisions/").text
    french_after = client.get("/fr/decisions/").text
    assert french_after != french_before
    direction_title = request_for_direction.directions.get().title
    assert direction_title not in french_before
    assert direction_title in french_after
