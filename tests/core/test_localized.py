"""Figures, fiscal years and dates as each language writes them: "45%" and "2025-26" in English,
"45 %" (a non-breaking space) and "2025-2026" in French, and Canada's numeric dates in French."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format

from core.fiscal import FiscalYear, fiscal_year_display

NBSP = "\u00a0"


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load localized %}" + source).render(Context(context))


def test_a_percentage_in_english_has_no_space():
    assert render("{{ share|percent }}", "en", share=45) == "45%"


def test_a_percentage_in_french_has_a_non_breaking_space_before_the_sign():
    assert render("{{ share|percent }}", "fr", share=45) == f"45{NBSP}%"


def test_a_decimal_percentage_takes_the_language_decimal_separator():
    assert render("{{ share|percent }}", "en", share=Decimal("27.3")) == "27.3%"
    assert render("{{ share|percent }}", "fr", share=Decimal("27.3")) == f"27,3{NBSP}%"


def test_no_figure_gives_no_percent_sign():
    assert render("{{ share|percent }}", "fr", share=None) == ""


def test_a_percentage_is_escaped():
    assert render("{{ share|percent }}", "en", share="<b>") == "&lt;b&gt;%"


@pytest.mark.parametrize("value", [FiscalYear(2025), 2025, "2025-26"], ids=type)
def test_a_fiscal_year_reads_2025_26_in_english_and_2025_2026_in_french(value):
    assert render("{{ year|fiscal_year }}", "en", year=value) == "2025-26"
    assert render("{{ year|fiscal_year }}", "fr", year=value) == "2025-2026"


def test_a_fiscal_year_across_a_century_is_written_out_in_french():
    with translation.override("fr"):
        assert FiscalYear(2099).display == "2099-2100"
    assert FiscalYear(2099).label == "2099-00"


def test_the_label_of_urls_and_stored_values_does_not_change_with_the_language():
    with translation.override("fr"):
        assert FiscalYear(2025).label == "2025-26"


def test_what_is_not_a_fiscal_year_is_shown_as_it_is():
    assert fiscal_year_display("next year") == "next year"


def test_a_short_date_in_french_is_written_year_first():
    day = datetime.date(2026, 11, 29)
    with translation.override("fr"):
        assert date_format(day, "SHORT_DATE_FORMAT") == "2026-11-29"
        assert date_format(day, "DATE_FORMAT") == "29 novembre 2026"


def test_a_short_date_in_english_is_unchanged():
    with translation.override("en"):
        assert date_format(datetime.date(2026, 11, 29), "SHORT_DATE_FORMAT") == "Nov. 29, 2026"


class DateForm(forms.Form):
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_a_french_date_field_offers_and_reads_the_canadian_date():
    with translation.override("fr"):
        shown = str(DateForm(initial={"day": datetime.date(2026, 11, 29)})["day"])
        form = DateForm({"day": "2026-11-29"})
        assert form.is_valid()
    assert 'value="2026-11-29"' in shown
    assert form.cleaned_data["day"] == datetime.date(2026, 11, 29)


def test_a_french_date_field_still_reads_a_day_first_date():
    with translation.override("fr"):
        form = DateForm({"day": "29/11/2026"})
        assert form.is_valid()
    assert form.cleaned_data["day"] == datetime.date(2026, 11, 29)
