"""Figures written the way the page's language writes them: `{{ share|percent }}` is "45%" in
English and "45 %" (a non-breaking space) in French; `{{ year|fiscal_year }}` is "2025-26" in
English and "2025-2026" in French. URLs keep the year's label ("2025-26")."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString

from core.fiscal import FiscalYear, fiscal_year_display
from core.languages import percent_text

register = template.Library()


@register.filter
def percent(value: object) -> SafeString | str:
    if value is None or value == "":
        return ""
    return conditional_escape(percent_text(value))


@register.filter
def fiscal_year(value: FiscalYear | int | str | None) -> str:
    if value is None or value == "":
        return ""
    return fiscal_year_display(value)
