"""core.charts: bars and lines as geometry, and the charts' stylesheet for the PDFs."""

import re

import pytest
from django.template.loader import render_to_string

from core import charts
from core.charts import Measure


def widths(chart):
    return [bar.width for group in chart.groups for bar in group.bars]


def test_bar_widths_are_proportional_to_their_amounts():
    chart = charts.bar_chart([("a", [Measure(25, "25")]), ("b", [Measure(50, "50")])], length=300)

    assert widths(chart) == [75.0, 150.0]


def test_a_full_bar_takes_the_whole_length_and_an_empty_one_none():
    chart = charts.bar_chart([("a", [Measure(100, "")]), ("b", [Measure(0, "")])], length=300)

    assert widths(chart) == [300.0, 0]


def test_a_missing_amount_draws_no_bar():
    chart = charts.bar_chart([("a", [Measure(None, "–")])])

    assert widths(chart) == [0]


def test_a_maximum_of_zero_draws_no_bar_and_raises_nothing():
    chart = charts.bar_chart([("a", [Measure(3, "3")])], maximum=0)

    assert widths(chart) == [0]


def test_an_amount_over_the_maximum_stops_at_the_full_length():
    assert charts.scaled(150, 100, 280) == 280


def test_a_negative_amount_draws_no_bar():
    assert charts.scaled(-5, 100, 280) == 0


def test_the_figure_stands_after_its_bar():
    chart = charts.bar_chart([("a", [Measure(50, "50")])], length=300)
    bar = chart.groups[0].bars[0]

    assert bar.text_x == bar.x + bar.width + charts.VALUE_OFFSET


def test_a_progress_bars_figure_stands_after_its_full_track():
    chart = charts.bar_chart(
        [("a", [Measure(10, "10%")])], length=280, label_width=150, progress=True
    )
    bar = chart.groups[0].bars[0]

    assert (bar.x, bar.width, bar.track_width) == (150, 28.0, 280)
    assert bar.text_x == 150 + 280 + charts.VALUE_OFFSET


def test_bars_of_one_label_stand_one_under_the_other_inside_the_chart():
    chart = charts.bar_chart(
        [("a", [Measure(1, ""), Measure(2, "")]), ("b", [Measure(3, ""), Measure(4, "")])]
    )
    tops = [bar.y for group in chart.groups for bar in group.bars]

    assert tops == sorted(tops)
    assert len(set(tops)) == 4
    assert all(bar.y + bar.height <= chart.height for g in chart.groups for bar in g.bars)


def test_labels_beside_the_bars_push_them_right_and_widen_the_chart():
    above = charts.bar_chart([("a", [Measure(1, "")])], length=280)
    beside = charts.bar_chart([("a", [Measure(1, "")])], length=280, label_width=150)

    assert above.groups[0].bars[0].x == 0
    assert beside.groups[0].bars[0].x == 150
    assert beside.width == above.width + 150


def test_no_groups_make_an_empty_chart():
    chart = charts.bar_chart([])

    assert (chart.groups, chart.height) == ((), 0)


def test_a_line_without_values_is_no_chart():
    assert charts.line_chart([], baseline=1, target=2) is None


def test_a_line_keeps_its_points_inside_the_box_and_draws_higher_values_higher():
    chart = charts.line_chart(
        [("2023-24", 10), ("2024-25", 20), ("2025-26", 40)], baseline=5, target=50
    )

    assert all(chart.left <= p.x <= chart.right for p in chart.points)
    assert all(chart.top <= p.y <= chart.bottom for p in chart.points)
    assert chart.points[0].y > chart.points[1].y > chart.points[2].y
    assert chart.target_y == chart.top  # the highest figure touches the top


def test_a_line_spreads_its_points_evenly_from_left_to_right():
    chart = charts.line_chart([("a", 1), ("b", 2), ("c", 3)], baseline=0, target=3)

    assert [p.x for p in chart.points] == [chart.left, (chart.left + chart.right) / 2, chart.right]
    assert [p.anchor for p in chart.points] == ["start", "middle", "end"]


def test_a_single_point_stands_in_the_middle():
    chart = charts.line_chart([("a", 7)], baseline=7, target=7)

    assert chart.points[0].x == (chart.left + chart.right) / 2
    assert chart.points[0].anchor == "middle"


def test_a_line_of_zeros_divides_by_nothing():
    chart = charts.line_chart([("a", 0), ("b", 0)], baseline=0, target=0)

    assert {p.y for p in chart.points} == {chart.bottom}


def test_a_line_below_zero_lowers_its_floor():
    chart = charts.line_chart([("a", -10), ("b", 10)], baseline=0, target=10)

    assert chart.points[0].y == chart.bottom
    assert chart.ticks[0].value == -10


def test_the_polyline_joins_the_points_in_order():
    chart = charts.line_chart([("a", 1), ("b", 2)], baseline=0, target=2)

    assert chart.polyline == " ".join(f"{p.x},{p.y}" for p in chart.points)


def test_the_print_stylesheet_writes_out_every_colour_of_the_sites_palette():
    css = charts.print_stylesheet()

    assert "var(" not in css
    assert ".chart-bar { fill: #1d4e89; }" in css  # --brand in site.css


@pytest.mark.parametrize("template", ["core/charts/bar_chart.html", "core/charts/line_chart.html"])
def test_chart_templates_carry_no_colour_of_their_own(template):
    chart = (
        charts.bar_chart([("a", [Measure(1, "1")])])
        if "bar" in template
        else charts.line_chart([("a", 1)], baseline=0, target=1)
    )

    html = render_to_string(template, {"chart": chart, "title": "t", "chart_id": "c"})

    assert not re.search(r"#[0-9a-fA-F]{3,6}\b|fill=|stroke=|style", html)


def test_a_printed_chart_carries_the_stylesheet_inside_its_svg():
    chart = charts.bar_chart([("a", [Measure(1, "1")])])

    html = render_to_string("core/charts/bar_chart.html", {"chart": chart, "print": True})

    assert "<style>" in html
    assert html.index("<svg") < html.index("<style>") < html.index("</svg>")


def _pdf_fill_colours(html):
    import zlib

    import weasyprint

    pdf = weasyprint.HTML(string=html).write_pdf()
    colours = set()
    for stream in re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        colours |= set(re.findall(rb"([\d.]+ [\d.]+ [\d.]+) rg", content))
    return colours


def test_a_pdfs_bars_take_the_colour_of_the_sites_stylesheet():
    chart = charts.bar_chart([("a", [Measure(50, "50")])])
    html = render_to_string("core/charts/bar_chart.html", {"chart": chart, "print": True})

    brand = b"0.113725 0.305882 0.537255"  # #1d4e89, --brand in site.css
    assert brand in _pdf_fill_colours(f"<html><body>{html}</body></html>")
