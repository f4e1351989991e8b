from django import template
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from consultations.languages import ENGLISH_NAMES
from core import charts
from core.languages import self_name

register = template.Library()

BAR_MAX = 300


def _bar_text(count, shown):
    if shown is not None:
        return str(shown)
    if getattr(count, "is_small", False):
        return f"<{count.threshold}"
    return str(_("hidden"))


@register.inclusion_tag("core/charts/bar_chart.html")
def bar_chart(rows):
    """A horizontal bar chart drawn on the server; the table beside it carries the figures
    for screen readers, so the drawing itself is hidden from them. Each row's width is in
    percent of the longest bar."""
    groups = []
    for row in rows:
        count = row.count
        shown = getattr(count, "value", count)
        # Short, beside the bar: the table under the chart has the full label.
        groups.append(
            (Truncator(row.label).chars(60), [charts.Measure(row.width, _bar_text(count, shown))])
        )
    return {"chart": charts.bar_chart(groups, maximum=100, length=BAR_MAX)}


@register.filter
def consultation_title(consultation, language):
    return consultation.title_in(language)


@register.filter
def consultation_description(consultation, language):
    return consultation.description_in(language)


@register.filter
def language_self_name(code):
    return self_name(code)


@register.filter
def language_name(code):
    return ENGLISH_NAMES.get(code, code)


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key)
