"""Indicators: yearly values as an SVG chart with a table, breakdowns through suppression."""

import pytest
from django.urls import reverse

from actionplans import selectors
from core.fiscal import FiscalYear

from .factories import IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(annual_plan):
    indicator = IndicatorFactory(plan=annual_plan.plan, name="Newcomers placed in jobs")
    for offset, value in enumerate([120, 150, 181]):
        IndicatorValueFactory(
            indicator=indicator, fiscal_year=annual_plan.fiscal_year - 3 + offset, value=value
        )
    return indicator


def _breakdown(indicator, year, counts, dimension="gender"):
    for category, count in counts.items():
        IndicatorValueFactory(
            indicator=indicator,
            fiscal_year=year,
            dimension=dimension,
            category=category,
            value=count,
        )


def test_plan_page_draws_each_indicator_as_svg_with_the_same_figures_in_a_table(client, indicator):
    html = client.get(reverse("actionplans:plan")).text

    assert '<svg class="chart"' in html
    assert html.count('class="chart-point"') == 3
    assert "<caption>Newcomers placed in jobs (people) by fiscal year</caption>" in html
    for figure in ("120", "150", "181"):
        assert f"<td>{figure}</td>" in html
    assert "style=" not in html


def test_a_small_cell_reads_fewer_than_5_and_the_cell_hidden_to_protect_it_says_so(
    client, indicator
):
    year = indicator.values.first().fiscal_year + 2
    _breakdown(indicator, year, {"Women": 95, "Men": 83, "Another gender": 3})

    html = client.get(reverse("actionplans:plan")).text

    assert '<th scope="row">Another gender</th><td class="suppressed">fewer than 5</td>' in html
    # A single hidden cell could be recovered from the total: a second cell is hidden too, and
    # it holds 83 people, not "fewer than 5".
    hidden = '<td class="suppressed">not shown, to protect small counts</td>'
    assert f'<th scope="row">Men</th>{hidden}' in html
    assert '<th scope="row">Women</th><td>95</td>' in html
    # The total is safe now: 181 - 95 leaves 86 shared by two hidden cells.
    assert '<th scope="row">Total</th><td>181</td>' in html
    assert "a count under 5 reads “fewer than 5”" in html


def test_the_total_is_hidden_when_it_would_reveal_a_lone_small_cell(client, indicator):
    year = indicator.values.first().fiscal_year + 2
    _breakdown(indicator, year, {"Women": 3, "Men": 1})

    html = client.get(reverse("actionplans:plan")).text

    assert '<th scope="row">Men</th><td class="suppressed">fewer than 5</td>' in html
    hidden = '<td class="suppressed">not shown, to protect small counts</td>'
    assert f'<th scope="row">Total</th>{hidden}' in html


def test_breakdowns_go_through_the_shared_suppression_code(indicator, monkeypatch):
    calls = []
    original = selectors.suppress_series
    monkeypatch.setattr(
        selectors, "suppress_series", lambda counts, **kw: calls.append(counts) or original(counts)
    )
    _breakdown(indicator, indicator.values.first().fiscal_year, {"18 to 24": 2, "25 to 44": 40})

    selectors.indicators_for_plan(indicator.plan)

    assert calls == [{"18 to 24": 2, "25 to 44": 40}]


def test_breakdown_with_no_small_cell_shows_every_figure_and_the_total(client, indicator):
    _breakdown(indicator, indicator.values.first().fiscal_year, {"Women": 60, "Men": 55})

    html = client.get(reverse("actionplans:plan")).text

    assert '<th scope="row">Women</th><td>60</td>' in html
    assert '<th scope="row">Total</th><td>115</td>' in html
    assert 'class="suppressed"' not in html


def test_chart_scales_values_inside_its_box(indicator):
    values = list(indicator.values.filter(dimension=""))

    chart = selectors.indicator_chart(indicator, values)

    assert all(chart.top <= point.y <= chart.bottom for point in chart.points)
    assert all(chart.left <= point.x <= chart.right for point in chart.points)
    assert chart.points[0].y > chart.points[-1].y  # a rising value is drawn higher


def test_chart_coordinates_keep_a_decimal_point_in_french(client, item):
    indicator = IndicatorFactory(plan=item.annual_plan.plan, baseline=10.5)
    for year in range(item.annual_plan.fiscal_year - 3, item.annual_plan.fiscal_year):
        IndicatorValueFactory(indicator=indicator, fiscal_year=year, value=12.25)

    html = client.get("/fr/plan/").text

    assert 'y1="168.0"' in html
    assert 'y1="168,0"' not in html
    assert "12,2" in html  # the figures people read stay in French


def _summary(html):
    table = html.split('<table class="indicator-summary">')[1].split("</table>")[0]
    return " ".join(table.split())


def test_plan_page_sets_the_current_year_s_figure_against_baseline_and_target(client, annual_plan):
    year = annual_plan.fiscal_year
    indicator = IndicatorFactory(
        plan=annual_plan.plan,
        name="Newcomers placed in jobs",
        baseline=100,
        baseline_year=year - 3,
        target=250,
        target_year=year + 2,
    )
    IndicatorValueFactory(indicator=indicator, fiscal_year=year - 1, value=150)
    IndicatorValueFactory(indicator=indicator, fiscal_year=year, value=181)

    summary = _summary(client.get(reverse("actionplans:plan")).text)

    label = FiscalYear(year).label
    assert f"<caption>Indicators in fiscal year {label}:" in summary
    assert '<th scope="col">Latest figure</th>' in summary
    assert f'<a href="#indicator-{indicator.pk}">Newcomers placed in jobs</a>' in summary
    assert f"<td>181 people (FY {label})</td>" in summary
    assert f"<td>100 people (FY {FiscalYear(year - 3).label})</td>" in summary
    assert f"<td>250 people by FY {FiscalYear(year + 2).label}</td>" in summary


def test_without_a_figure_this_year_the_plan_page_shows_the_latest_with_its_year(client, indicator):
    latest = indicator.values.order_by("fiscal_year").last()

    summary = _summary(client.get(reverse("actionplans:plan")).text)

    assert f"<td>181 people (FY {latest.fiscal_year_label})</td>" in summary


def test_an_indicator_without_figures_says_so_in_the_summary(client, annual_plan):
    IndicatorFactory(plan=annual_plan.plan)

    summary = _summary(client.get(reverse("actionplans:plan")).text)

    assert "<td>No figures yet.</td>" in summary


def test_a_past_year_s_plan_page_shows_the_figure_of_that_year_not_a_later_one(
    client, indicator, annual_plan
):
    past = FiscalYear(annual_plan.fiscal_year - 2)

    summary = _summary(client.get(reverse("actionplans:plan_year", args=[past.label])).text)

    assert f"<td>150 people (FY {past.label})</td>" in summary


def test_the_indicator_summary_is_in_french_on_the_french_plan_page(client, indicator):
    indicator.unit_fr = "personnes"
    indicator.save()
    latest = indicator.values.order_by("fiscal_year").last()

    summary = _summary(client.get("/fr/plan/").text)

    assert "<caption>Indicateurs de l’exercice" in summary
    assert f"181 personnes (exercice {latest.fiscal_year}-{latest.fiscal_year + 1})" in summary
