"""The back office of the self-evaluation.

The health check's answers and the participations are deliberately not registered: staff see
how many took part, never who answered what. Comments are listed for moderation only, with
nothing that tells who wrote them or when.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.typing import signed_in_user
from partners.models import Organization

from . import services
from .models import HealthCheck, HealthCheckComment, HealthCheckStatement, SectorReference
from .selectors import body_member_count

# --- The partnership health check ---------------------------------------------------------------


def _run_each(
    modeladmin: admin.ModelAdmin[Any], request: HttpRequest, queryset: Any, run: Any, done: Any
) -> None:
    for obj in queryset:
        try:
            run(obj)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            modeladmin.message_user(request, f"{obj}: {text}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{obj}: {done}", messages.SUCCESS)


@admin.register(HealthCheck)
class HealthCheckAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["fiscal_year", "status", "participation", "opened_at", "closed_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "participation", "results_link", "opened_at", "closed_at"]
    fields = [
        "fiscal_year",
        "status",
        "participation",
        "results_link",
        "introduction",
        "opened_at",
        "closed_at",
    ]
    actions = ["open_health_checks", "close_health_checks"]

    @admin.display(description=_("members who answered"), ordering="participant_count")
    def participation(self, health_check: HealthCheck) -> str:
        # How many took part, never who: the participations are not registered.
        count = getattr(health_check, "participant_count", None)
        if count is None:
            return "-"
        if health_check.status == HealthCheck.Status.OPEN:
            return str(
                _("%(participants)s of %(members)s members of a body")
                % {"participants": count, "members": body_member_count()}
            )
        return str(count)

    @admin.display(description=_("results"))
    def results_link(self, health_check: HealthCheck) -> str:
        if health_check.status != HealthCheck.Status.CLOSED:
            return str(_("Published when the health check closes."))
        url = reverse(
            "evaluation:health_check_results", kwargs={"fiscal_year": health_check.fiscal_year}
        )
        return format_html('<a href="{}">{}</a>', url, _("The published results"))

    def get_queryset(self, request: HttpRequest) -> QuerySet[HealthCheck]:
        return super().get_queryset(request).annotate(participant_count=Count("participations"))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status != HealthCheck.Status.DRAFT:
            readonly.append("fiscal_year")
        return readonly

    def save_model(self, request: HttpRequest, obj: HealthCheck, form: Any, change: bool) -> None:
        data = form.cleaned_data
        by = signed_in_user(request)
        texts = {
            field: data[field] or ""
            for field in ("introduction_en", "introduction_fr")
            if field in data
        }
        fiscal_year = data.get("fiscal_year", obj.fiscal_year)
        if change:
            services.health_check_update(health_check=obj, fiscal_year=fiscal_year, by=by, **texts)
        else:
            obj.pk = services.health_check_create(fiscal_year=fiscal_year, by=by, **texts).pk

    def delete_model(self, request: HttpRequest, obj: HealthCheck) -> None:
        services.health_check_delete(health_check=obj, by=signed_in_user(request))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.status != HealthCheck.Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def has_manage_health_check_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("evaluation.manage_health_check")

    @admin.action(
        description=_("Open the health check to the members of every body"),
        permissions=["manage_health_check"],
    )
    def open_health_checks(self, request: HttpRequest, queryset: QuerySet[HealthCheck]) -> None:
        by = signed_in_user(request)
        _run_each(
            self,
            request,
            queryset,
            lambda hc: services.health_check_open(health_check=hc, by=by),
            _("opened"),
        )

    @admin.action(
        description=_("Close the health check and publish its results"),
        permissions=["manage_health_check"],
    )
    def close_health_checks(self, request: HttpRequest, queryset: QuerySet[HealthCheck]) -> None:
        by = signed_in_user(request)
        _run_each(
            self,
            request,
            queryset,
            lambda hc: services.health_check_close(health_check=hc, by=by),
            _("closed, results published"),
        )

    def get_actions(
        self, request: HttpRequest, action_location: Any = ActionLocation.CHANGE_LIST
    ) -> Any:
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)  # a bulk deletion would sidestep the rule above
        return actions


@admin.register(HealthCheckStatement)
class HealthCheckStatementAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["text", "order", "is_active"]
    list_filter = ["is_active"]
    fields = ["text", "order", "is_active"]

    def save_model(
        self, request: HttpRequest, obj: HealthCheckStatement, form: Any, change: bool
    ) -> None:
        services.statement_save(statement=obj, by=signed_in_user(request))

    def delete_model(self, request: HttpRequest, obj: HealthCheckStatement) -> None:
        services.statement_delete(statement=obj, by=signed_in_user(request))

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A statement asked stays in the results: untick "asked" instead.
        if obj is not None and obj.health_checks.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(
        self, request: HttpRequest, action_location: Any = ActionLocation.CHANGE_LIST
    ) -> Any:
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions


@admin.register(HealthCheckComment)
class HealthCheckCommentAdmin(admin.ModelAdmin[HealthCheckComment]):
    """Moderation: approve a comment for quoting, or reject it. Nothing else is editable."""

    list_display = ["text", "health_check", "status"]
    list_filter = ["status", "health_check"]
    readonly_fields = ["health_check", "text", "status"]
    fields = ["health_check", "text", "status"]
    actions = ["approve_comments", "reject_comments"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # moderation is the two actions below, through the service

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_moderate_comment_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("evaluation.moderate_comment")

    def _moderate(
        self, request: HttpRequest, queryset: QuerySet[HealthCheckComment], status: str, done: Any
    ) -> None:
        by = signed_in_user(request)
        _run_each(
            self,
            request,
            queryset,
            lambda comment: services.comment_moderate(comment=comment, status=status, by=by),
            done,
        )

    @admin.action(
        description=_("Approve the selected comments for quoting"),
        permissions=["moderate_comment"],
    )
    def approve_comments(
        self, request: HttpRequest, queryset: QuerySet[HealthCheckComment]
    ) -> None:
        self._moderate(request, queryset, HealthCheckComment.Status.APPROVED, _("approved"))

    @admin.action(
        description=_("Reject the selected comments (never shown)"),
        permissions=["moderate_comment"],
    )
    def reject_comments(self, request: HttpRequest, queryset: QuerySet[HealthCheckComment]) -> None:
        self._moderate(request, queryset, HealthCheckComment.Status.REJECTED, _("rejected"))


# --- Process and outcome indicators ----------------------------------------------------------


class SectorReferenceForm(forms.ModelForm):
    organization_sectors = forms.MultipleChoiceField(
        label=_("organization sectors"),
        choices=Organization.Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The sectors of partner organizations that count as this sector."),
    )

    class Meta:
        model = SectorReference
        fields = ["name", "organization_sectors", "lived_experience", "order"]

    def clean(self):
        cleaned = super().clean()
        try:
            services.sector_reference_validate(
                organization_sectors=cleaned.get("organization_sectors") or [],
                lived_experience=bool(cleaned.get("lived_experience")),
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


@admin.register(SectorReference)
class SectorReferenceAdmin(TranslationAdmin):
    form = SectorReferenceForm
    list_display = ["name", "lived_experience", "order"]

    def save_model(self, request, obj, form, change):
        services.sector_reference_save(by=signed_in_user(request), reference=obj)

    def delete_model(self, request, obj):
        services.sector_reference_delete(by=signed_in_user(request), reference=obj)

    def delete_queryset(self, request, queryset):
        for reference in queryset:
            services.sector_reference_delete(by=signed_in_user(request), reference=reference)
