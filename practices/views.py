from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actionplans.models import ActionItem
from core.typing import signed_in_user

from . import selectors, services
from .forms import PracticeForm, ReviewForm, SearchForm
from .models import Practice

PRACTICES_PER_PAGE = 12


@require_safe
def practice_list(request: HttpRequest) -> HttpResponse:
    """The library: published practices, searched and filtered, a page at a time."""
    form = SearchForm(request.GET or None, choices=selectors.filter_choices())
    filters = {"query": "", "pillar": "", "population": "", "outcome": ""}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "query": data["q"],
            "pillar": data["pillar"],
            "population": data["population"],
            "outcome": data["outcome"],
        }
    paginator = Paginator(selectors.practice_list(**filters), PRACTICES_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "practices/practice_list.html",
        {
            "form": form,
            "page_obj": page,
            "practices": list(page.object_list),
            "filtered": any(filters.values()),
        },
    )


@require_safe
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = selectors.practice_get_for_view(user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "practices/practice_detail.html",
        {
            "practice": practice,
            "can_edit": user.has_perm("practices.edit_practice", practice),
            "can_submit": user.has_perm("practices.submit_practice", practice)
            and practice.status != Practice.Status.SUBMITTED,
            "can_review": user.has_perm("practices.publish"),
            "review_form": ReviewForm() if user.has_perm("practices.publish") else None,
        },
    )


def _save(
    request: HttpRequest, form: PracticeForm, practice: Practice, item: ActionItem
) -> HttpResponse | None:
    """Save the valid form through the services, then submit or publish if asked; None when
    the service refused (its errors are on the form)."""
    user = signed_in_user(request)
    try:
        practice = services.practice_save(
            practice=form.apply(practice),
            populations=form.cleaned_data["populations"],
            indicators=form.cleaned_data["indicators"],
            by=user,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    action = request.POST.get("action", "save")
    try:
        if action == "submit":
            services.practice_submit(practice=practice, by=user)
            messages.success(request, _("The practice is sent to staff for approval."))
        elif action == "publish":
            services.practice_publish(practice=practice, by=user)
            messages.success(request, _("The practice is published."))
        else:
            messages.success(request, _("The practice is saved."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("practices:detail", pk=practice.pk)


def _form_page(
    request: HttpRequest, form: PracticeForm, item: ActionItem, practice: Practice | None
) -> HttpResponse:
    user = signed_in_user(request)
    return render(
        request,
        "practices/practice_form.html",
        {
            "form": form,
            "item": item,
            "practice": practice,
            "can_publish": user.has_perm("practices.publish"),
            "can_submit": practice is None
            and bool(user.organization_id)
            and user.organization_id == item.lead_organization_id
            or practice is not None
            and user.has_perm("practices.submit_practice", practice),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice_create(request: HttpRequest, item_pk: int) -> HttpResponse:
    """Share an action item as a practice: a draft, submitted for approval or published."""
    item = selectors.item_get_for_practice(user=signed_in_user(request), pk=item_pk)
    practice = Practice(item=item)
    form = PracticeForm(request.POST or None, instance=practice, item=item)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, practice, item)
        if response is not None:
            return response
    return _form_page(request, form, item, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = selectors.practice_get_for_edit(user=signed_in_user(request), pk=pk)
    item = practice.item
    form = PracticeForm(request.POST or None, instance=practice, item=item)
    if request.method == "POST" and form.is_valid():
        response = _save(request, form, practice, item)
        if response is not None:
            return response
    return _form_page(request, form, item, practice)


@login_required
@require_POST
def practice_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff who may publish approve a practice, or return it with a note."""
    user = signed_in_user(request)
    practice = selectors.practice_get_for_view(user=user, pk=pk)
    if not user.has_perm("practices.publish"):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to publish or to return the practice."))
        return redirect("practices:detail", pk=practice.pk)
    try:
        if form.cleaned_data["decision"] == "publish":
            services.practice_publish(practice=practice, by=user)
            messages.success(request, _("The practice is published."))
        else:
            services.practice_return(practice=practice, note=form.cleaned_data["note"], by=user)
            messages.success(request, _("The practice is returned to its organization."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("practices:detail", pk=practice.pk)
