from __future__ import annotations

from typing import Any

from allauth.account.decorators import reauthentication_required
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_input import ReadOnlyAdminMixin
from core.fiscal import FiscalYear
from core.typing import signed_in_user
from outbox import services as outbox
from partners.models import User

from . import services
from .models import AnnualReport, ReportVersion
from .tasks import build_report_pdfs


class ReportVersionInline(admin.TabularInline):
    """The published versions, read only: a version never changes once published."""

    model = ReportVersion
    extra = 0
    # Tuples, so that the same names type as readonly_fields too (the stubs read a list here as
    # a list of field groups).
    fields = ("number", "published_at", "published_by", "note_en", "note_fr", "pdf_en", "pdf_fr")
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: AnnualReport | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReportVersion]:
        # A snapshot weighs megabytes at scale, and the back office shows none of it.
        return super().get_queryset(request).defer("snapshot")


@admin.register(AnnualReport)
class AnnualReportAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["__str__", "published_versions", "preview_link", "updated_at"]
    fields = ["fiscal_year", "chair_message", "highlights", "whats_next"]
    inlines = [ReportVersionInline]
    actions = ["publish_first_version"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: AnnualReport | None = None
    ) -> list[str]:
        # A published report's year is part of its address and of its frozen versions.
        if obj is not None and obj.versions.exists():
            return ["fiscal_year"]
        return []

    @admin.display(description=_("published versions"))
    def published_versions(self, obj: AnnualReport) -> int:
        return obj.versions.count()

    @admin.display(description=_("preview"))
    def preview_link(self, obj: AnnualReport) -> SafeString:
        url = reverse("reports:preview", kwargs={"fiscal_year": FiscalYear(obj.fiscal_year)})
        return format_html('<a href="{}">{}</a>', url, _("Preview and publish"))

    def save_model(
        self, request: HttpRequest, obj: AnnualReport, form: ModelForm[AnnualReport], change: bool
    ) -> None:
        year = form.cleaned_data.get("fiscal_year")
        fields: dict[str, Any] = {
            "by": request.user,
            "fiscal_year": FiscalYear(year) if year is not None else None,
            **{
                field: form.cleaned_data[field]
                for field in services.REPORT_TEXT_FIELDS
                if field in form.cleaned_data
            },
        }
        if change:
            services.annual_report_update(report=obj, **fields)
        else:
            obj.pk = services.annual_report_create(**fields).pk

    def delete_model(self, request: HttpRequest, obj: AnnualReport) -> None:
        services.annual_report_delete(by=signed_in_user(request), report=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AnnualReport]) -> None:
        for report in queryset:
            services.annual_report_delete(by=signed_in_user(request), report=report)

    def has_publish_report_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("reports.publish_report")

    @admin.action(
        description=_("Publish the selected reports (first version)"),
        permissions=["publish_report"],
    )
    @method_decorator(reauthentication_required)  # asks for the password again, then goes on
    def publish_first_version(self, request: HttpRequest, queryset: QuerySet[AnnualReport]) -> None:
        user = request.user
        assert isinstance(user, User)  # the admin site lets in only signed-in staff
        for report in queryset:
            try:
                version = services.annual_report_publish(report=report, by=user)
            except ValidationError as error:
                self.message_user(
                    request, f"{report}: {' '.join(error.messages)}", level=messages.ERROR
                )
            else:
                self.message_user(
                    request,
                    _("%(report)s: version %(number)s published.")
                    % {"report": report, "number": version.number},
                )


@admin.register(ReportVersion)
class ReportVersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Published versions can be read, not changed or deleted."""

    list_display = ["__str__", "published_at", "published_by", "note", "pdfs_built"]
    list_select_related = ["report", "published_by"]
    actions = ["build_missing_pdfs"]
    fields = (
        "report",
        "number",
        "published_at",
        "published_by",
        "note_en",
        "note_fr",
        "pdf_en",
        "pdf_fr",
    )
    readonly_fields = fields

    @admin.display(description=_("PDFs built"), boolean=True)
    def pdfs_built(self, obj: ReportVersion) -> bool:
        return bool(obj.pdf_en and obj.pdf_fr)

    def has_publish_report_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("reports.publish_report")

    @admin.action(
        description=_("Build the missing PDFs of the selected versions"),
        permissions=["publish_report"],
    )
    def build_missing_pdfs(self, request: HttpRequest, queryset: QuerySet[ReportVersion]) -> None:
        # The same task as at publication; a PDF already built is kept as it is.
        for version in queryset:
            outbox.task_enqueue(
                task=build_report_pdfs, kwargs={"version_id": version.pk}, unique=True
            )
        self.message_user(
            request,
            _("The missing PDFs of %(count)s versions are being built.")
            % {"count": queryset.count()},
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet[ReportVersion]:
        return super().get_queryset(request).defer("snapshot")
