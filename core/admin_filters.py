"""List filters of the back office shared by several apps."""

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .fiscal import FiscalYear


class FiscalYearListFilter(admin.SimpleListFilter):
    """A fiscal year stored as the calendar year it starts in (2025), named as the portal writes
    it everywhere else ("2025-26"). Offers the years the list holds, newest first."""

    title = _("fiscal year")
    parameter_name = "fiscal_year"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        years = (
            model_admin.get_queryset(request)
            .order_by(f"-{self.parameter_name}")
            .values_list(self.parameter_name, flat=True)
            .distinct()
        )
        return [(str(year), FiscalYear(year).label) for year in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        value = self.value()
        if value is None:
            return queryset
        # Only a year the list offers: anything else (hostile or stale) matches nothing.
        if value not in {year for year, _label in self.lookup_choices}:
            return queryset.none()
        return queryset.filter(**{self.parameter_name: int(value)})
