"""The federal fiscal year, April 1 to March 31: "FY 2025-26" runs from April 2025 to March 2026.

Every date that belongs to a fiscal year or a quarter goes through these helpers, so the portal
never disagrees with itself about which year or quarter a day falls in.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Self

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

FIRST_MONTH = 4  # April
LABEL_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True)
class FiscalYear:
    """A fiscal year, named by the calendar year it starts in."""

    start_year: int

    @classmethod
    def of(cls, day: datetime.date) -> Self:
        """The fiscal year a date (or datetime) falls in."""
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @classmethod
    def current(cls) -> Self:
        return cls.of(timezone.localdate())

    @classmethod
    def from_label(cls, label: str | None) -> Self:
        """Parse "2025-26"; raise ValueError for anything else, including "2025-27"."""
        match = LABEL_PATTERN.match(label or "")
        if not match:
            raise ValueError(f"Not a fiscal year: {label!r}")
        start = int(match.group(1))
        if (start + 1) % 100 != int(match.group(2)):
            raise ValueError(f"Not a fiscal year: {label!r}")
        return cls(start)

    @property
    def label(self) -> str:
        """ "2025-26": the year in URLs, stored values and open data, whatever the language."""
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def display(self) -> str:
        """The year as the page's language writes it: "2025-26" in English, "2025-2026" in
        French (as the Government of Canada writes an exercice)."""
        if (get_language() or "").startswith("fr"):
            return f"{self.start_year}-{self.start_year + 1}"
        return self.label

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.start_year, FIRST_MONTH, 1)

    @property
    def ends_on(self) -> datetime.date:
        return datetime.date(self.start_year + 1, FIRST_MONTH, 1) - datetime.timedelta(days=1)

    def quarter_starts_on(self, quarter: int) -> datetime.date:
        month = FIRST_MONTH + 3 * (quarter - 1)
        return datetime.date(self.start_year + (month - 1) // 12, (month - 1) % 12 + 1, 1)

    def quarter_ends_on(self, quarter: int) -> datetime.date:
        if quarter == 4:
            return self.ends_on
        return self.quarter_starts_on(quarter + 1) - datetime.timedelta(days=1)

    def next(self) -> FiscalYear:
        return FiscalYear(self.start_year + 1)

    def previous(self) -> FiscalYear:
        return FiscalYear(self.start_year - 1)

    def __str__(self) -> str:
        return f"FY {self.label}"


def fiscal_quarter_of(day: datetime.date) -> tuple[FiscalYear, int]:
    """(FiscalYear, quarter 1-4) of a date: Q1 is April to June."""
    year = FiscalYear.of(day)
    months_in = (day.month - FIRST_MONTH) % 12
    return year, months_in // 3 + 1


def fiscal_year_label(start_year: int) -> str:
    return FiscalYear(start_year).label


def fiscal_year_display(value: FiscalYear | int | str) -> str:
    """A fiscal year (a FiscalYear, its start year or its label "2025-26") as the page's
    language writes it; anything else is given back as it is."""
    if isinstance(value, FiscalYear):
        return value.display
    if isinstance(value, int):
        return FiscalYear(value).display
    try:
        return FiscalYear.from_label(value).display
    except ValueError:
        return value


class FiscalYearConverter:
    """URL converter for /plan/2025-26/: gives the view a FiscalYear."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> FiscalYear:
        return FiscalYear.from_label(value)

    def to_url(self, value: FiscalYear | int | str) -> str:
        if isinstance(value, FiscalYear):
            return value.label
        if isinstance(value, int):
            return FiscalYear(value).label
        return FiscalYear.from_label(value).label


def validate_fiscal_year_label(value: str | None) -> None:
    """A model field's validator: the value is a fiscal year's label, "2025-26"."""
    try:
        FiscalYear.from_label(value)
    except ValueError:
        raise ValidationError(
            _("Write the fiscal year as its two calendar years, for example 2025-26."),
            code="invalid_fiscal_year",
        ) from None
