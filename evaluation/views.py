from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.fiscal import FiscalYear
from core.typing import signed_in_user

from . import selectors, services
from .forms import HealthCheckForm
from .rules import may_answer
from .selectors import (
    has_answered,
    health_check_results,
    health_check_trend,
    open_health_check,
    person_bodies,
)

# --- The partnership health check ---------------------------------------------------------------


@require_safe
def health_check_results_page(request: HttpRequest, fiscal_year: FiscalYear) -> HttpResponse:
    """The year's results and the trend, public (the include the how-we-work page takes)."""
    results = health_check_results(fiscal_year)
    if results is None:
        raise Http404
    return render(
        request,
        "evaluation/health_check_results.html",
        {"health_check_results": results, "health_check_trend": health_check_trend()},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def health_check_answer(request: HttpRequest) -> HttpResponse:
    """The signed-in member's questionnaire; a clear message to anyone else, and after."""
    user = signed_in_user(request)
    health_check = open_health_check()
    context: dict[str, object] = {"health_check": health_check}
    if health_check is None:
        return render(request, "evaluation/health_check_answer.html", {**context, "state": "none"})
    if not may_answer(user):
        # Refused (403), with a page that says why.
        return render(
            request,
            "evaluation/health_check_answer.html",
            {**context, "state": "not_member"},
            status=403,
        )
    if has_answered(health_check=health_check, user=user):
        return render(
            request, "evaluation/health_check_answer.html", {**context, "state": "answered"}
        )
    bodies = list(person_bodies(user=user))
    statements = health_check.statements.order_by("order", "id")
    form = HealthCheckForm(
        request.POST if request.method == "POST" else None, statements=statements, bodies=bodies
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.health_check_answer(
                health_check=health_check,
                person=user,
                body=next(body for body in bodies if body.pk == form.cleaned_data["body"]),
                ratings=form.ratings(),
                comment=form.cleaned_data["comment"],
            )
        except PermissionDenied:
            return render(
                request,
                "evaluation/health_check_answer.html",
                {**context, "state": "not_member"},
                status=403,
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            messages.success(request, _("Thank you. Your answers are saved, without your name."))
            return redirect("evaluation:health_check_answer")
    return render(
        request,
        "evaluation/health_check_answer.html",
        {**context, "state": "form", "form": form},
    )


# --- Process and outcome indicators ----------------------------------------------------------


@require_safe
def how_we_work(request: HttpRequest, fiscal_year: FiscalYear | None = None) -> HttpResponse:
    """How well the partnership works, from its own records: a fiscal year's indicators, their
    methods and their trend (public, cached per language)."""
    if fiscal_year is not None and fiscal_year > FiscalYear.current():
        raise Http404
    return render(request, "evaluation/how_we_work.html", selectors.how_we_work(fiscal_year))
