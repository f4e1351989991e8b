from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.generic import ListView

from core.fiscal import FiscalYear
from core.typing import signed_in_user
from partners.models import User

from . import services
from .aggregates import aggregates_present, response_rate_present
from .forms import QuestionnaireForm
from .models import EquityReview
from .questions import DIMENSIONS
from .selectors import (
    invitation_get_for_person,
    published_review_get,
    published_review_list,
    response_get_own,
    review_figures_for_management,
    review_get_for_management,
    review_list_for_management,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class ReviewListView(ListView):
    template_name = "equity/review_list.html"
    context_object_name = "reviews"

    def get_queryset(self) -> QuerySet[EquityReview]:
        return published_review_list()


@require_safe
def review_detail(request: HttpRequest, fiscal_year: FiscalYear) -> HttpResponse:
    review = published_review_get(fiscal_year=fiscal_year.label)
    aggregates = review.aggregates
    assert aggregates is not None  # a review is published with the figures stored at closing
    return render(
        request,
        "equity/review_detail.html",
        {
            "review": review,
            "aggregates": aggregates,
            "rates": response_rate_present(aggregates),
            "dimensions": aggregates_present(aggregates, review.benchmarks.all()),
        },
    )


# --- The person's own questionnaire ---------------------------------------------------------


def _own_answers_display(own: dict[str, str] | None) -> list[dict[str, Any]] | None:
    if own is None:
        return None
    return [
        {"question": d.short_label, "answer": d.category_label(own[d.code])}
        for d in DIMENSIONS
        if d.code in own
    ]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def questionnaire(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_get_for_person(user=signed_in_user(request), token=token)
    own = response_get_own(invitation=invitation, person=signed_in_user(request))
    if request.method == "POST":
        form = QuestionnaireForm(request.POST)
        if form.is_valid():
            try:
                services.response_submit(
                    invitation=invitation,
                    person=signed_in_user(request),
                    answers=form.answers(),
                    consent=form.cleaned_data["consent"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Thank you. Your answers are saved."))
                return redirect(invitation.get_absolute_url())
    else:
        form = QuestionnaireForm(initial=own or {})
    review = invitation.review
    return render(
        request,
        "equity/questionnaire.html",
        {
            "invitation": invitation,
            "review": review,
            "form": form,
            "own_answers": _own_answers_display(own),
            "accepting": review.accepts_answers_on(timezone.localdate()),
            "opens_later": timezone.localdate() < review.opens_on,
            "retention_years": settings.EQUITY_RETENTION_YEARS,
        },
    )


@require_POST
@login_required
def decline(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_get_for_person(user=signed_in_user(request), token=token)
    try:
        services.invitation_decline(invitation=invitation, person=signed_in_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("You declined the questionnaire. Only your decline is recorded.")
        )
    return redirect(invitation.get_absolute_url())


@require_POST
@login_required
def withdraw(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_get_for_person(user=signed_in_user(request), token=token)
    try:
        services.response_withdraw(invitation=invitation, person=signed_in_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answers are deleted. They are in no figure any more."))
    return redirect(invitation.get_absolute_url())


# --- Backbone staff -------------------------------------------------------------------------


@login_required
@require_safe
def manage_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "equity/manage_list.html",
        {"reviews": review_list_for_management(user=signed_in_user(request))},
    )


@never_cache
@login_required
@require_safe
def manage_detail(request: HttpRequest, fiscal_year: FiscalYear) -> HttpResponse:
    review = review_get_for_management(user=signed_in_user(request), fiscal_year=fiscal_year.label)
    return render(
        request,
        "equity/manage_detail.html",
        {"review": review, **review_figures_for_management(review=review)},
    )


class _Transition(Protocol):
    def __call__(self, *, review: EquityReview, by: User) -> object: ...


TRANSITIONS: dict[str, tuple[_Transition, StrPromise]] = {
    "open": (services.review_open, _("The review is open and the invitations are on their way.")),
    "invite": (services.review_invite_members, _("New members of the bodies are invited.")),
    "close": (services.review_close, _("The review is closed: write the findings and actions.")),
    "publish": (services.review_publish, _("The review is published.")),
}


@require_POST
@login_required
def manage_transition(
    request: HttpRequest, fiscal_year: FiscalYear, transition: str
) -> HttpResponse:
    review = review_get_for_management(user=signed_in_user(request), fiscal_year=fiscal_year.label)
    if transition not in TRANSITIONS:
        raise Http404
    service, done = TRANSITIONS[transition]
    try:
        service(review=review, by=signed_in_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("equity:manage_detail", fiscal_year=review.fiscal_year)
