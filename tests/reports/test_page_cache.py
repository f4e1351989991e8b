"""A publication shows at once on the cached pages; the frozen report does not move when the
live data does."""

import pytest
from django.urls import reverse

from actionplans.models import ItemStatus
from reports.services import annual_report_publish

from .conftest import report_on
from .factories import PAST

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def test_a_publication_shows_at_once_on_the_report_list_in_both_languages(
    client, committed, report, staff
):
    pages = ["/reports/", "/fr/reports/"]
    before = {url: client.get(url).text for url in pages}

    with committed():
        annual_report_publish(report=report, by=staff)

    for url in pages:
        after = client.get(url).text
        assert after != before[url], url
        assert PAST.label in after, url


def test_the_frozen_report_stays_as_published_when_the_live_data_changes(
    client, committed, report, staff, year_data, past_period
):
    with committed():
        annual_report_publish(report=report, by=staff)
    page_url = reverse("reports:detail", args=[PAST.label])
    item = year_data["late"]
    frozen = {url: client.get(url).content for url in (page_url, f"/fr{page_url}")}
    live_before = client.get(f"/actions/{item.pk}/").text

    with committed():
        report_on(
            item,
            by=staff,
            period=past_period,
            status=ItemStatus.COMPLETED,
            percent=100,
            narrative="Finished after all.",
        )

    for url, content in frozen.items():
        assert client.get(url).content == content, url
    live_after = client.get(f"/actions/{item.pk}/").text
    assert live_after != live_before
    assert "Finished after all." in live_after


def test_a_progress_update_shows_at_once_in_the_live_open_data(
    client, committed, staff, year_data, past_period
):
    item = year_data["late"]
    url = reverse("reports:data_download", args=[PAST.label, "action-items", "csv"])
    assert client.get("/data/").status_code == 200
    before = client.get(url)
    assert before.status_code == 200

    with committed():
        report_on(
            item,
            by=staff,
            period=past_period,
            status=ItemStatus.COMPLETED,
            percent=100,
            narrative="Finished after all.",
        )

    assert client.get(url).content != before.content


def test_the_data_package_is_kept_for_anonymous_readers_until_the_data_changes(
    client, committed, year_data, staff, past_period, django_assert_num_queries
):
    first = client.get("/data/datapackage.json").content
    with django_assert_num_queries(0):
        assert client.get("/data/datapackage.json").content == first

    with committed():
        report_on(
            year_data["late"],
            by=staff,
            period=past_period,
            status=ItemStatus.COMPLETED,
            percent=100,
            narrative="Finished after all.",
        )

    assert client.get("/data/datapackage.json").content != first  # lastModified moved
