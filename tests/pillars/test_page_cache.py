"""A new version of a group's terms of reference shows at once on the cached group page."""

import datetime

import pytest

from tests.pillars.factories import TermsOfReferenceFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def test_a_new_version_of_the_terms_shows_at_once_on_the_cached_group_page(
    client, committed, group
):
    TermsOfReferenceFactory(group=group, version=1, text_en="Old rules.")
    with committed():
        pass
    url = f"/groups/{group.slug}/"
    assert "Old rules." in client.get(url).text
    assert client.get(url).headers.get("ETag")  # served from the page cache

    with committed():
        TermsOfReferenceFactory(
            group=group, version=2, adopted_on=datetime.date(2026, 6, 1), text_en="New rules."
        )

    html = client.get(url).text
    assert "Version 2, adopted on June 1, 2026" in html
    assert "New rules." in html
