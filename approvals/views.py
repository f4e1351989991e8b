from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from core.typing import signed_in_user

from . import selectors, services
from .forms import ConflictForm, MeetingVoteForm, VoteForm
from .models import ApprovalRequest


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def _render_request(
    request: HttpRequest,
    approval: ApprovalRequest,
    *,
    vote_form: VoteForm | None = None,
    conflict_form: ConflictForm | None = None,
    status: int = 200,
) -> HttpResponse:
    record = selectors.request_record(request=approval, user=signed_in_user(request))
    if vote_form is None:
        initial = {}
        if record.my_vote:
            initial = {"choice": record.my_vote.choice, "comment": record.my_vote.comment}
        vote_form = VoteForm(initial=initial)
    context = {
        "approval": approval,
        "record": record,
        "changes": selectors.request_changes(approval),
        "plan_items": selectors.annual_plan_items(approval.annual_plan)
        if approval.annual_plan is not None
        else [],
        "vote_form": vote_form,
        "conflict_form": conflict_form or ConflictForm(),
        "may_vote": request.user.has_perm("approvals.vote", approval),
        "may_declare": request.user.has_perm("approvals.declare_conflict", approval)
        and not record.my_conflict,
        "may_record_meeting": request.user.has_perm("approvals.record_meeting_vote", approval),
    }
    return render(request, "approvals/approvalrequest_detail.html", context, status=status)


@login_required
@require_safe
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    approval = selectors.request_get_for_view(user=request.user, pk=pk)
    return _render_request(request, approval)


@login_required
@require_POST
def request_vote(request: HttpRequest, pk: int) -> HttpResponse:
    approval = selectors.request_get_for_view(user=request.user, pk=pk)
    form = VoteForm(request.POST)
    if form.is_valid():
        try:
            services.vote_cast(
                request=approval,
                voter=signed_in_user(request),
                choice=form.cleaned_data["choice"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request, _("Your vote is recorded. You may change it until the vote closes.")
            )
            return redirect("approvals:request_detail", pk=approval.pk)
    approval = selectors.request_get_for_view(user=request.user, pk=pk)
    return _render_request(request, approval, vote_form=form, status=400)


@login_required
@require_POST
def request_declare_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    approval = selectors.request_get_for_view(user=request.user, pk=pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            services.conflict_declare(
                request=approval, person=signed_in_user(request), note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your conflict of interest is recorded: you do not vote on this request."),
            )
            return redirect("approvals:request_detail", pk=approval.pk)
    approval = selectors.request_get_for_view(user=request.user, pk=pk)
    return _render_request(request, approval, conflict_form=form, status=400)


@login_required
def request_meeting_vote(request: HttpRequest, pk: int) -> HttpResponse:
    approval = selectors.request_get_for_meeting_vote(user=request.user, pk=pk)
    voters = (
        approval.eligible_voters.exclude(person_id__in=approval.conflicts.values("person_id"))
        .select_related("person")
        .order_by("person__display_name", "person__email")
    )
    meetings = approval.body.meetings.order_by("-held_on")
    form = MeetingVoteForm(request.POST or None, meetings=meetings, voters=voters)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.meeting_vote_record(
                request=approval,
                by=signed_in_user(request),
                meeting=form.cleaned_data["meeting"],
                mover=form.cleaned_data["mover"],
                seconder=form.cleaned_data["seconder"],
                tally=form.cleaned_data["tally"],
                votes=form.cleaned_data["votes"],
                comments=form.cleaned_data["comments"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("The meeting vote is recorded: %(outcome)s.")
                % {"outcome": decision.get_outcome_display().lower()},
            )
            return redirect("approvals:decision_detail", pk=decision.pk)
    return render(
        request,
        "approvals/approvalrequest_meeting_vote.html",
        {"approval": approval, "form": form},
        status=400 if request.method == "POST" else 200,
    )


DECISIONS_PER_PAGE = 25


@require_safe
def decision_list(request: HttpRequest) -> HttpResponse:
    """The decision log: the tallies are stored on each decision; how each member voted (when
    published) is on the decision's own page."""
    paginator = Paginator(selectors.decision_log(), DECISIONS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "approvals/decision_list.html",
        {
            "page_obj": page,
            "decisions": list(page.object_list),
            # Published with the log's first page, at once: a vote opened without the
            # steering group's endorsement shows before it is decided.
            "overrides": selectors.endorsement_overrides() if page.number == 1 else [],
            "decision_url_prefix": reverse("approvals:decision_detail", args=[0]).removesuffix(
                "0/"
            ),
        },
    )


@require_safe
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.decision_get_for_view(pk=pk)
    return render(
        request,
        "approvals/decision_detail.html",
        {"decision": decision, **selectors.decision_record(decision)},
    )
