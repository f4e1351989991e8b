"""Charts drawn on the server as SVG: figures in, geometry out.

`bar_chart` lays out horizontal bars (several per label if need be; as progress bars, each on
its full-length track, with `progress=True`); `line_chart` lays out a line of values by period
with a baseline and a target. The templates in templates/core/charts/ draw that geometry; every
colour, stroke and font size comes from the classes in static/css/charts.css. The page carries
the figures in a table beside each chart.

WeasyPrint draws an SVG apart from the page: it reads neither the page's stylesheets nor CSS
custom properties. A PDF's charts therefore carry `print_stylesheet()`, charts.css with the
custom properties of site.css written out, in a <style> of their own.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.staticfiles import finders

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A figure to draw: a count, a share or a value; None is nothing.
type Amount = Decimal | float | None

# Bars: the gap under each bar, the room for a label above the bars, the room for the figure
# after the longest bar.
BAR_GAP = 4
LABEL_ROOM = 16
VALUE_ROOM = 60
VALUE_OFFSET = 6

# Lines: the drawing's box and its padding (SVG user units).
LINE_WIDTH = 480
LINE_HEIGHT = 200
LINE_PADDING = {"top": 16, "right": 16, "bottom": 32, "left": 48}
LINE_TICKS = 4


def scaled(amount: Amount, maximum: Amount, length: float) -> float:
    """`amount` out of `maximum` as a length out of `length`, kept between 0 and `length`.

    Nothing (None or 0) and a maximum of zero draw nothing."""
    if not amount or not maximum or maximum <= 0:
        return 0
    return round(min(max(float(amount) * length / float(maximum), 0.0), float(length)), 1)


@dataclass(frozen=True)
class Measure:
    """One bar to draw: its amount, the text beside it and the class that colours it."""

    amount: Amount
    text: str
    css_class: str = "chart-bar"


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: int
    css_class: str
    text: str
    text_x: float
    text_y: float
    track_width: float | None = None  # a progress bar's full length, drawn behind it


@dataclass(frozen=True)
class BarGroup:
    label: str
    label_x: float
    label_y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    width: int
    height: int
    groups: tuple[BarGroup, ...]


def bar_chart(
    groups: Iterable[tuple[StrOrPromise, Sequence[Measure]]],
    *,
    maximum: Amount = 100,
    length: int = 300,
    bar_height: int = 14,
    label_width: int = 0,
    value_room: int = VALUE_ROOM,
    progress: bool = False,
) -> BarChart:
    """Horizontal bars from [(label, [Measure])], each amount out of `maximum` as a share of
    `length`. With `label_width` 0 each label stands above its bars; otherwise the labels take
    a column of that width and the bars start after it."""
    laid_out = []
    y = 0
    label_above = not label_width
    for label, measures in groups:
        bar_y = y + (LABEL_ROOM if label_above else 0)
        text_dy = round(bar_height / 2 + 4)
        bars = []
        for measure in measures:
            width = scaled(measure.amount, maximum, length)
            bars.append(
                Bar(
                    x=label_width,
                    y=bar_y,
                    width=width,
                    height=bar_height,
                    css_class=measure.css_class,
                    text=str(measure.text),
                    text_x=label_width + (length if progress else width) + VALUE_OFFSET,
                    text_y=bar_y + text_dy,
                    track_width=length if progress else None,
                )
            )
            bar_y += bar_height + BAR_GAP
        laid_out.append(
            BarGroup(
                label=str(label),
                label_x=0,
                label_y=y + 12 if label_above else y + text_dy,
                bars=tuple(bars),
            )
        )
        y = bar_y + BAR_GAP
    return BarChart(width=label_width + length + value_room, height=y, groups=tuple(laid_out))


@dataclass(frozen=True)
class LinePoint:
    label: str
    value: float
    x: float
    y: float
    anchor: str  # of its label under the axis: the first and last keep inside the box


@dataclass(frozen=True)
class Tick:
    value: float
    y: float


@dataclass(frozen=True)
class LineChart:
    points: tuple[LinePoint, ...]
    baseline_y: float
    target_y: float
    ticks: tuple[Tick, ...]
    width: int = LINE_WIDTH
    height: int = LINE_HEIGHT
    left: int = LINE_PADDING["left"]
    right: int = LINE_WIDTH - LINE_PADDING["right"]
    top: int = LINE_PADDING["top"]
    bottom: int = LINE_HEIGHT - LINE_PADDING["bottom"]

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


def line_chart(
    values: Iterable[tuple[StrOrPromise, Decimal | float]],
    *,
    baseline: Decimal | float,
    target: Decimal | float,
) -> LineChart | None:
    """A line through [(label, value)] in order, with the baseline and the target, scaled into
    the box from zero (or the lowest figure, if below) to the highest figure. None without
    values."""
    floats = [(label, float(value)) for label, value in values]
    if not floats:
        return None
    baseline, target = float(baseline), float(target)
    figures = [value for _label, value in floats]
    low = min([*figures, baseline, target, 0.0])
    high = max([*figures, baseline, target]) or 1.0
    span = (high - low) or 1.0
    left, right = LINE_PADDING["left"], LINE_WIDTH - LINE_PADDING["right"]
    top, bottom = LINE_PADDING["top"], LINE_HEIGHT - LINE_PADDING["bottom"]

    def y_of(value: float) -> float:
        return round(bottom - (value - low) / span * (bottom - top), 1)

    last = len(floats) - 1
    step = (right - left) / max(last, 1)

    def anchor(index: int) -> str:
        if last and index == 0:
            return "start"
        if last and index == last:
            return "end"
        return "middle"

    points = tuple(
        LinePoint(
            label=str(label),
            value=value,
            x=round(left + index * step if last else (left + right) / 2, 1),
            y=y_of(value),
            anchor=anchor(index),
        )
        for index, (label, value) in enumerate(floats)
    )
    ticks = tuple(
        Tick(value=round(low + span * k / LINE_TICKS, 1), y=y_of(low + span * k / LINE_TICKS))
        for k in range(LINE_TICKS + 1)
    )
    return LineChart(points=points, baseline_y=y_of(baseline), target_y=y_of(target), ticks=ticks)


def _static_text(path: str) -> str:
    found: str | Path | None = finders.find(path)
    if found is None:  # collected only
        found = Path(settings.STATIC_ROOT) / path
    return Path(found).read_text(encoding="utf-8")


def _custom_properties(css: str) -> dict[str, str]:
    root = re.search(r":root\s*\{(.*?)\}", css, re.S)
    return dict(re.findall(r"--([\w-]+)\s*:\s*([^;]+);", root.group(1) if root else ""))


@functools.cache
def print_stylesheet() -> str:
    """static/css/charts.css with every var(--name) of site.css written out, for the charts of a
    PDF."""
    palette = _custom_properties(_static_text("css/site.css"))
    css = _static_text("css/charts.css")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return re.sub(r"var\(--([\w-]+)\)", lambda match: palette[match.group(1)].strip(), css)
