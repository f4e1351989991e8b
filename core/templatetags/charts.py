from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.charts import print_stylesheet

register = template.Library()


@register.simple_tag
def chart_print_style() -> SafeString:
    """The charts' stylesheet inside an SVG of a PDF, where WeasyPrint reads no other."""
    # A file of the portal's own, not user input.
    return format_html("<style>{}</style>", mark_safe(print_stylesheet()))  # noqa: S308
