from django import template
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from consultations.languages import ENGLISH_NAMES
from core.languages import self_name

register = template.Library()

ROW_HEIGHT = 34
BAR_MAX = 300


def _bar_text(count, shown):
    if shown is not None:
        return str(shown)
    if getattr(count, "is_small", False):
        return f"<{count.threshold}"
    return str(_("hidden"))


@register.inclusion_tag("consultations/includes/bar_chart.html")
def bar_chart(rows):
    """A horizontal bar chart drawn on the server; the table beside it carries the figures
    for screen readers, so the drawing itself is hidden from them."""
    bars = []
    for index, row in enumerate(rows):
        count = row.count
        shown = getattr(count, "value", count)
        bars.append(
            {
                "y": index * ROW_HEIGHT,
                "label": Truncator(row.label).chars(60),
                "width": round(BAR_MAX * row.width / 100, 1),
                "value": "" if shown is None else str(shown),
                "suppressed": shown is None,
                # Short, beside the bar: the table under the chart has the full label.
                "text": _bar_text(count, shown),
                "text_x": round(BAR_MAX * row.width / 100, 1) + 6,
            }
        )
    return {"bars": bars, "height": len(rows) * ROW_HEIGHT + 4, "width": BAR_MAX + 60}


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
