"""A new or changed indicator value shows at once on the cached plan page."""

import pytest

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = [pytest.mark.django_db, pytest.mark.page_cache]


def test_an_indicator_value_shows_at_once_on_the_cached_plan_page(client, committed, annual_plan):
    year = annual_plan.fiscal_year
    with committed():
        indicator = IndicatorFactory(plan=annual_plan.plan, name="Newcomers placed in jobs")
        value = IndicatorValueFactory(indicator=indicator, fiscal_year=year, value=150)
    assert "150 people" in client.get("/plan/").text
    assert "150 people" in client.get("/plan/").text  # the cached page

    with committed():
        value.value = 181
        value.save()

    html = client.get("/plan/").text
    assert "181 people" in html
    assert "150 people" not in html
