from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.admin_filters import FiscalYearListFilter
from core.admin_input import (
    ReadOnlyAdminMixin,
    SafeAutocompleteMixin,
    SafeDateHierarchyMixin,
)
from core.admin_writes import formset_save_through
from core.typing import signed_in_user

from . import selectors, services
from .models import (
    ActionItem,
    AnnualActionPlan,
    CommunityActionPlan,
    Indicator,
    IndicatorValue,
    ProgressUpdate,
    ReminderSent,
    ReportingPeriod,
    StrategicDirection,
)


class HistoryTranslationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """An admin with both the history view and the English and French fields."""


@admin.register(CommunityActionPlan)
class CommunityActionPlanAdmin(HistoryTranslationAdmin):
    list_display = ["title", "first_year", "last_year"]

    def save_model(
        self, request: HttpRequest, obj: CommunityActionPlan, form: Any, change: bool
    ) -> None:
        services.community_plan_save(plan=obj, by=signed_in_user(request))

    def delete_model(self, request: HttpRequest, obj: CommunityActionPlan) -> None:
        services.community_plan_delete(plan=obj, by=signed_in_user(request))

    def delete_queryset(
        self, request: HttpRequest, queryset: QuerySet[CommunityActionPlan]
    ) -> None:
        for plan in queryset:
            services.community_plan_delete(plan=plan, by=signed_in_user(request))


@admin.register(StrategicDirection)
class StrategicDirectionAdmin(HistoryTranslationAdmin):
    list_display = ["code", "title", "pillar", "plan", "status", "approved_on"]
    list_filter = ["plan", "pillar", "status"]
    search_fields = ["code", "title_en", "title_fr"]
    # Approval comes only from a recorded Council decision (services), never from this form.
    readonly_fields = ["status", "approved_on"]

    def save_model(self, request, obj, form, change):
        services.strategic_direction_save(direction=obj, by=request.user)

    def delete_model(self, request: HttpRequest, obj: StrategicDirection) -> None:
        services.strategic_direction_delete(direction=obj, by=signed_in_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[StrategicDirection]) -> None:
        for direction in queryset:
            services.strategic_direction_delete(direction=direction, by=signed_in_user(request))


@admin.register(AnnualActionPlan)
class AnnualActionPlanAdmin(HistoryTranslationAdmin):
    list_display = ["__str__", "plan", "status", "approved_on"]
    list_filter = ["status"]
    readonly_fields = ["status", "approved_on"]
    actions = ["rebuild_rollups"]

    def save_model(
        self, request: HttpRequest, obj: AnnualActionPlan, form: Any, change: bool
    ) -> None:
        services.annual_plan_save(plan=obj, by=signed_in_user(request))

    def delete_model(self, request: HttpRequest, obj: AnnualActionPlan) -> None:
        services.annual_plan_delete(plan=obj, by=signed_in_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AnnualActionPlan]) -> None:
        for plan in queryset:
            services.annual_plan_delete(plan=plan, by=signed_in_user(request))

    @admin.action(
        description=_("Recompute the progress figures of the selected plans"),
        permissions=["change"],
    )
    def rebuild_rollups(self, request: HttpRequest, queryset: QuerySet[AnnualActionPlan]) -> None:
        for plan in queryset:
            services.rollups_rebuild(annual_plan=plan, by=signed_in_user(request))
        self.message_user(request, _("Progress figures recomputed."), messages.SUCCESS)


class ProgressUpdateInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The item's updates, read only: they are never edited or deleted."""

    model = ProgressUpdate
    fk_name = "item"
    extra = 0
    fields = ("created_at", "author", "reporting_period", "status", "percent", "narrative")
    readonly_fields = fields
    ordering = ["-created_at"]
    show_change_link = True


@admin.register(ActionItem)
class ActionItemAdmin(SafeAutocompleteMixin, HistoryTranslationAdmin):
    list_display = [
        "title",
        "annual_plan",
        "strategic_direction",
        "lead_organization",
        "status",
        "percent",
        "weight",
    ]
    list_filter = ["annual_plan", "status", "strategic_direction__pillar", "strategic_direction"]
    list_select_related = ["annual_plan", "strategic_direction", "lead_organization"]
    search_fields = ["title_en", "title_fr", "lead_organization__name"]
    autocomplete_fields = ["lead_organization", "partner_organizations"]
    readonly_fields = ["status", "percent", "version", "public_page"]
    inlines = [ProgressUpdateInline]

    @admin.display(description=_("public page"))
    def public_page(self, obj):
        if not obj.pk:
            return "-"
        url = reverse("actionplans:item_detail", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, url)

    def save_model(self, request, obj, form, change):
        # Through the service, so that the plan's progress figures follow the item.
        services.action_item_save(item=obj, by=request.user)

    def delete_model(self, request, obj):
        services.action_item_delete(item=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for item in queryset:
            services.action_item_delete(item=item, by=request.user)

    def has_delete_permission(self, request, obj=None):
        # An item with progress reported keeps its record.
        if obj is not None and obj.updates.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(ReadOnlyAdminMixin, SafeDateHierarchyMixin, admin.ModelAdmin):
    """Progress updates are append-only: the back office reads them, nobody edits them."""

    list_display = ["item", "created_at", "author", "reporting_period", "status", "percent"]
    list_filter = ["reporting_period", "status", "source"]
    list_select_related = ["item", "author", "reporting_period"]
    search_fields = ["item__title_en", "narrative"]
    date_hierarchy = "created_at"


class ReminderSentInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ReminderSent
    extra = 0
    fields = ("kind", "sent_at", "recipient_count")
    readonly_fields = fields


def _run_on_each(modeladmin, request, queryset, service, done):
    for period in queryset:
        try:
            service(period=period, by=request.user)
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            modeladmin.message_user(request, done % {"period": period}, messages.SUCCESS)


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    list_display = ["__str__", "due_date", "state", "opened_at", "locked_at", "staff_page"]
    list_filter = ["state", FiscalYearListFilter]
    readonly_fields = ["state", "opened_at", "locked_at"]
    actions = ["open_periods", "lock_periods"]
    inlines = [ReminderSentInline]

    @admin.display(description=_("reporting page"))
    def staff_page(self, obj):
        url = reverse("actionplans:period_detail", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Who has not reported, CSV"))

    def has_run_reporting_permission(self, request):
        return request.user.has_perm("actionplans.run_reporting")

    @admin.action(
        description=_("Open the selected period for updates"), permissions=["run_reporting"]
    )
    def open_periods(self, request, queryset):
        _run_on_each(
            self, request, queryset, services.reporting_period_open, _("%(period)s is open.")
        )

    @admin.action(description=_("Lock the selected period"), permissions=["run_reporting"])
    def lock_periods(
        self, request: HttpRequest, queryset: QuerySet[ReportingPeriod]
    ) -> HttpResponse | None:
        """Locking asks for confirmation, here as on the reporting page: the same page, naming
        who has not reported, whose button locks the period (one is open at a time)."""
        period = queryset.filter(state=ReportingPeriod.State.OPEN).first()
        if period is None:
            self.message_user(request, _("Only an open period can be locked."), messages.ERROR)
            return None
        return render(
            request,
            "actionplans/reportingperiod_confirm_lock.html",
            {
                "period": period,
                "late": selectors.period_not_reported(user=signed_in_user(request), period=period),
            },
        )

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.updates.exists():
            return False
        return super().has_delete_permission(request, obj)

    def save_model(
        self, request: HttpRequest, obj: ReportingPeriod, form: Any, change: bool
    ) -> None:
        services.reporting_period_save(period=obj, by=signed_in_user(request))

    def delete_model(self, request: HttpRequest, obj: ReportingPeriod) -> None:
        services.reporting_period_delete(period=obj, by=signed_in_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[ReportingPeriod]) -> None:
        for period in queryset:
            services.reporting_period_delete(period=period, by=signed_in_user(request))


class IndicatorValueInline(TranslationTabularInline):
    model = IndicatorValue
    extra = 1


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["name", "code", "plan", "unit", "direction", "baseline", "target"]
    list_filter = ["plan"]
    inlines = [IndicatorValueInline]

    def save_model(self, request: HttpRequest, obj: Indicator, form: Any, change: bool) -> None:
        services.indicator_save(indicator=obj, by=signed_in_user(request))

    def delete_model(self, request: HttpRequest, obj: Indicator) -> None:
        services.indicator_delete(indicator=obj, by=signed_in_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Indicator]) -> None:
        for indicator in queryset:
            services.indicator_delete(indicator=indicator, by=signed_in_user(request))

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        formset_save_through(
            formset,
            save=lambda value: services.indicator_value_save(
                value=value, by=signed_in_user(request)
            ),
            delete=lambda value: services.indicator_value_delete(
                value=value, by=signed_in_user(request)
            ),
        )
