"""At ten times a real partnership a report lists about 1,400 items: its page stays a light
summary, read from stored HTML in a fixed number of queries, and its items are on frozen pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.pages import ITEMS_PER_PAGE
from reports.services import annual_report_publish

from .conftest import LARGE_OUTCOMES
from .factories import PAST

MAX_PAGE_BYTES = 100_000


@pytest.fixture
def published_large(large_year, staff, django_capture_on_commit_callbacks):
    # The PDFs are built by a worker: not here (see the timing test below).
    with django_capture_on_commit_callbacks(execute=False):
        return annual_report_publish(report=large_year, by=staff)


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_a_large_report_page_weighs_under_100_kb_in_two_queries(
    client, published_large, prefix, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get(prefix + reverse("reports:detail", args=[PAST.label]))
    assert response.status_code == 200
    assert len(response.content) < MAX_PAGE_BYTES
    assert response.content.decode().count("Frozen action item") <= 3 * 3  # highlights only


def test_every_item_of_a_large_report_is_on_a_light_page_of_its_frozen_list(
    client, published_large, django_assert_max_num_queries
):
    url = reverse("reports:version_items", args=[PAST.label, published_large.number])
    # The year's three other outcomes (see year_data) are listed too.
    pages = -(-(LARGE_OUTCOMES + 3) // ITEMS_PER_PAGE)
    listed = 0
    for number in range(1, pages + 1):
        with django_assert_max_num_queries(2):
            response = client.get(url, {"page": number})
        assert response.status_code == 200
        assert len(response.content) < MAX_PAGE_BYTES
        listed += response.content.decode().count("Frozen action item")
    assert listed == LARGE_OUTCOMES
    assert client.get(url, {"page": pages + 1}).status_code == 404


def test_no_public_page_loads_a_version_snapshot(client, published_large):
    urls = [
        reverse("reports:report_list"),
        reverse("reports:detail", args=[PAST.label]),
        reverse("reports:items", args=[PAST.label]) + "?page=2",
        reverse("reports:open_data"),
        reverse("reports:data_download", args=[PAST.label, "action-items", "csv"]),
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        assert not [q["sql"] for q in queries if "snapshot" in q["sql"]], url
