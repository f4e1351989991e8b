from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.fiscal import FiscalYear

from . import selectors

# --- Process and outcome indicators ----------------------------------------------------------


@require_safe
def how_we_work(request: HttpRequest, fiscal_year: FiscalYear | None = None) -> HttpResponse:
    """How well the partnership works, from its own records: a fiscal year's indicators, their
    methods and their trend (public, cached per language)."""
    if fiscal_year is not None and fiscal_year > FiscalYear.current():
        raise Http404
    return render(request, "evaluation/how_we_work.html", selectors.how_we_work(fiscal_year))
