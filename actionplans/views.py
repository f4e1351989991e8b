from __future__ import annotations

from typing import Any, Protocol

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.downloads import attachment
from core.fiscal import FiscalYear
from core.typing import signed_in_user
from partners.models import User

from . import csv_io, selectors, services
from .filters import ActionItemFilter
from .forms import ConfirmForm, ProgressImportForm, ProgressUpdateForm
from .models import (
    ActionItem,
    AnnualActionPlan,
    CommunityActionPlan,
    ItemStatus,
    ReportingPeriod,
    StrategicDirection,
)


class PlanView(FilterView):
    """/plan/ and /plan/<fiscal-year>/: the Community Action Plan and the year's tracker."""

    template_name = "actionplans/plan_detail.html"
    filterset_class = ActionItemFilter
    paginate_by = 50

    fiscal_year: FiscalYear
    is_current_year: bool
    community_plan: CommunityActionPlan | None
    annual_plan: AnnualActionPlan | None
    directions: QuerySet[StrategicDirection] | None
    rollups: selectors.PlanRollups

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.fiscal_year = kwargs.get("fiscal_year") or FiscalYear.current()
        self.is_current_year = "fiscal_year" not in kwargs
        self.community_plan = selectors.community_plan_for_year(self.fiscal_year)
        self.annual_plan = selectors.annual_plan_for_year(
            user=request.user, fiscal_year=self.fiscal_year
        )
        if not self.is_current_year and self.annual_plan is None and self.community_plan is None:
            raise Http404
        self.directions = (
            selectors.directions_for_plan(user=request.user, plan=self.community_plan)
            if self.community_plan
            else None
        )
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[ActionItem]:
        if self.annual_plan is None:
            return selectors.visible_items(user=self.request.user).none()
        return selectors.plan_items(user=self.request.user, annual_plan=self.annual_plan)

    def get_filterset_kwargs(self, filterset_class: type[ActionItemFilter]) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["annual_plan"] = self.annual_plan
        kwargs["directions"] = self.directions
        return kwargs

    def get_paginator(
        self, queryset: QuerySet[ActionItem], per_page: int, **kwargs: Any
    ) -> Paginator[ActionItem]:
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.annual_plan is not None and not self.filterset.is_narrowed():
            # The whole year's list: its length is in the stored roll-up, no COUNT needed.
            paginator.count = self.rollups.plan.status_total
        return paginator

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.rollups = selectors.plan_rollups(self.annual_plan)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rollups = self.rollups
        if self.annual_plan is None:
            counts = []
        elif self.filterset.is_narrowed():
            counts = selectors.status_counts(self.object_list)
        else:
            counts = rollups.plan.status_counts()
        context.update(
            {
                "fiscal_year": self.fiscal_year,
                "is_current_year": self.is_current_year,
                "community_plan": self.community_plan,
                "annual_plan": self.annual_plan,
                # Every approved direction and plan points to the Council decision that
                # approved it: the template asks the approvals app (its template tags).
                "directions": self.directions or [],
                "pillars": selectors.pillars_with_directions(
                    self.directions or [], rollups.by_direction, rollups.by_pillar
                ),
                "status_counts": counts,
                "status_labels": dict(ItemStatus.choices),
                "item_url_prefix": item_url_prefix(),
                "indicators": selectors.indicators_for_plan(
                    self.community_plan, fiscal_year=self.fiscal_year
                )
                if self.community_plan
                else [],
                "other_years": selectors.plan_years_visible(user=self.request.user),
            }
        )
        return context


def item_url_prefix() -> str:
    """The address of item pages without the id, in the active language: one reverse for a
    whole list instead of one per row."""
    return reverse("actionplans:item_detail", args=[0]).removesuffix("0/")


class ActionItemDetailView(DetailView):
    template_name = "actionplans/actionitem_detail.html"
    context_object_name = "item"

    def get_object(self, queryset: QuerySet[ActionItem] | None = None) -> ActionItem:
        return selectors.action_item_get_for_view(user=self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["can_report"] = self.request.user.has_perm(
            "actionplans.report_on_item", self.object
        )
        # The practice library (practices/rules.py) says who may share the item as a practice.
        context["can_share"] = self.request.user.has_perm("practices.share_item", self.object)
        # A long-running item gathers years of updates: show them a page at a time.
        paginator = Paginator(selectors.item_updates(self.object), selectors.ITEM_UPDATES_PER_PAGE)
        context["updates_page"] = paginator.get_page(self.request.GET.get("page"))
        return context


@login_required
def action_item_update(request: HttpRequest, pk: int) -> HttpResponse:
    """The update form: status, percent and narrative, refused if someone updated meanwhile."""
    item = selectors.action_item_get_for_update(user=request.user, pk=pk)
    period = selectors.open_reporting_period()
    conflict = None
    if request.method == "POST":
        form = ProgressUpdateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            form_period = ReportingPeriod.objects.filter(pk=data["period"]).first()
            try:
                services.progress_update_create(
                    item=item,
                    author=signed_in_user(request),
                    status=data["status"],
                    percent=data["percent"],
                    narrative=data["narrative"],
                    seen_version=data["version"],
                    period=form_period,
                )
            except services.StaleItemError as error:
                conflict = error.latest_update
                item = error.item
                # Keep what was typed; the next save is made knowing the other update.
                form = ProgressUpdateForm(
                    {**request.POST.dict(), "version": item.version, "period": data["period"]}
                )
                form.is_valid()
                form.add_error(None, error)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your update is saved and shows on the item's page."))
                return redirect("actionplans:item_detail", pk=item.pk)
    else:
        form = ProgressUpdateForm(
            initial={
                "status": item.status,
                "percent": item.percent,
                "version": item.version,
                "period": period.pk if period else None,
            }
        )
    return render(
        request,
        "actionplans/actionitem_update.html",
        {"item": item, "form": form, "period": period, "conflict": conflict},
        status=409 if conflict else 200,
    )


# --- Staff: reporting cycle -------------------------------------------------------------------


@login_required
def reporting_period_list(request: HttpRequest) -> HttpResponse:
    periods = selectors.reporting_period_list_for_staff(user=request.user)
    return render(request, "actionplans/reportingperiod_list.html", {"periods": periods})


def _period_page(
    request: HttpRequest,
    period: ReportingPeriod,
    *,
    import_form: ProgressImportForm | None = None,
    import_errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    late = selectors.period_not_reported(user=request.user, period=period)
    return render(
        request,
        "actionplans/reportingperiod_detail.html",
        {
            "period": period,
            "late": late,
            "late_item_count": sum(len(entry.items) for entry in late),
            "reminders": period.reminders.all(),
            "schedule": selectors.reminder_schedule(period=period),
            "task_interval": selectors.reminder_task_interval(),
            "to_remind_count": selectors.people_to_remind(period=period).count(),
            "import_form": import_form or ProgressImportForm(),
            "import_errors": import_errors or [],
        },
        status=status,
    )


@login_required
def reporting_period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.reporting_period_get_for_staff(user=request.user, pk=pk)
    return _period_page(request, period)


@login_required
def reporting_period_export(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.reporting_period_get_for_staff(user=request.user, pk=pk)
    text = csv_io.export_period_items(selectors.period_items_for_export(period=period))
    return attachment(
        text,
        filename=f"progress-FY{period.fiscal_year_label}-Q{period.quarter}.csv",
        content_type="text/csv; charset=utf-8",
    )


@require_POST
@login_required
def reporting_period_import(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.reporting_period_get_for_staff(user=request.user, pk=pk)
    form = ProgressImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _period_page(request, period, import_form=form, status=400)
    try:
        rows = csv_io.parse_import(form.cleaned_data["file"])
        created = services.progress_updates_import(
            period=period, author=signed_in_user(request), rows=rows
        )
    except csv_io.MalformedFile as error:
        form.add_error("file", str(error))
        return _period_page(request, period, import_form=form, status=400)
    except services.ImportRejected as error:
        return _period_page(request, period, import_errors=error.messages, status=400)
    except ValidationError as error:
        return _period_page(request, period, import_errors=error.messages, status=400)
    if created:
        messages.success(
            request, _("Recorded %(count)s progress updates.") % {"count": len(created)}
        )
    else:
        messages.warning(request, _("The file had no filled-in rows: nothing was recorded."))
    return redirect("actionplans:period_detail", pk=period.pk)


class _PeriodTransition(Protocol):
    def __call__(self, *, period: ReportingPeriod, by: User) -> ReportingPeriod: ...


def _period_transition(
    request: HttpRequest, pk: int, service: _PeriodTransition, done_message: str
) -> HttpResponse:
    period = selectors.reporting_period_get_for_staff(user=request.user, pk=pk)
    try:
        service(period=period, by=signed_in_user(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done_message % {"period": period})
    return redirect("actionplans:period_detail", pk=period.pk)


def _confirmed(request: HttpRequest) -> bool:
    form = ConfirmForm(request.POST)
    return bool(form.is_valid() and form.cleaned_data["confirm"])


@require_POST
@login_required
def reporting_period_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the period; when it starts later or another period is open, first a page that says
    so and asks to confirm."""
    period = selectors.reporting_period_get_for_staff(user=request.user, pk=pk)
    try:
        services.reporting_period_open(
            period=period, by=signed_in_user(request), confirmed=_confirmed(request)
        )
    except services.OpeningNeedsConfirmation as error:
        other = selectors.open_reporting_period()
        return render(
            request,
            "actionplans/reportingperiod_confirm_open.html",
            {
                "period": period,
                "warnings": error.warnings,
                "other": other,
                "other_late": selectors.period_not_reported(user=request.user, period=other)
                if other
                else [],
                "to_remind_count": selectors.people_to_remind(period=period).count(),
            },
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        count = selectors.people_to_remind(period=period).count()
        messages.success(
            request,
            ngettext(
                "%(period)s is open for updates; %(count)s person was told by email.",
                "%(period)s is open for updates; %(count)s people were told by email.",
                count,
            )
            % {"period": period, "count": count},
        )
    return redirect("actionplans:period_detail", pk=period.pk)


@require_POST
@login_required
def reporting_period_lock(request: HttpRequest, pk: int) -> HttpResponse:
    """Lock the period once staff confirm, on a page that names who has not reported."""
    period = selectors.reporting_period_get_for_staff(user=request.user, pk=pk)
    if period.is_open and not _confirmed(request):
        return render(
            request,
            "actionplans/reportingperiod_confirm_lock.html",
            {
                "period": period,
                "late": selectors.period_not_reported(user=request.user, period=period),
            },
        )
    return _period_transition(
        request, pk, services.reporting_period_lock, _("%(period)s is locked.")
    )


@require_POST
@login_required
def reporting_period_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """Email a reminder now to those who have not reported (one a day each)."""
    period = selectors.reporting_period_get_for_staff(user=request.user, pk=pk)
    try:
        result = services.reporting_reminder_send_now(period=period, by=signed_in_user(request))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("actionplans:period_detail", pk=period.pk)
    if result.sent:
        messages.success(
            request,
            ngettext(
                "A reminder went to %(count)s person.",
                "A reminder went to %(count)s people.",
                len(result.sent),
            )
            % {"count": len(result.sent)},
        )
    if result.skipped:
        messages.info(
            request,
            ngettext(
                "%(count)s person was reminded today already and gets no second reminder today.",
                "%(count)s people were reminded today already and get no second reminder today.",
                len(result.skipped),
            )
            % {"count": len(result.skipped)},
        )
    if not result.sent and not result.skipped:
        messages.info(request, _("Nobody has items still to report: no reminder was sent."))
    return redirect("actionplans:period_detail", pk=period.pk)
