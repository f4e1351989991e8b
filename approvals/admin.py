"""The back office: staff open requests (through the service), watch them, cancel them. Votes,
conflicts and decisions are part of the record: read only here."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.admin_input import ReadOnlyAdminMixin

from . import services
from .models import ApprovalRequest, ConflictDeclaration, Decision, EligibleVoter, Vote


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0


class EligibleVoterInline(ReadOnlyInline):
    model = EligibleVoter
    fields = readonly_fields = ("person", "role", "membership")


class ConflictInline(ReadOnlyInline):
    model = ConflictDeclaration
    fields = readonly_fields = ("person", "note", "declared_at")


class VoteInline(ReadOnlyInline):
    model = Vote
    fields = readonly_fields = (
        "voter",
        "choice",
        "comment",
        "cast_at",
        "changed_at",
        "recorded_by",
    )


class ApprovalRequestForm(forms.ModelForm):
    class Meta:
        model = ApprovalRequest
        fields = [
            "body",
            "directions",
            "annual_plan",
            "question_en",
            "question_fr",
            "opens_at",
            "closes_at",
            "rule",
            "quorum_count",
            "quorum_fraction",
            "endorsement",
            "endorsement_override_en",
            "endorsement_override_fr",
        ]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None and not self.errors:
            try:
                services.approval_request_validate(
                    body=cleaned["body"],
                    directions=cleaned.get("directions") or [],
                    annual_plan=cleaned.get("annual_plan"),
                    endorsement=cleaned.get("endorsement"),
                    opens_at=cleaned["opens_at"],
                    closes_at=cleaned["closes_at"],
                    rule=cleaned["rule"],
                    quorum_fraction=cleaned.get("quorum_fraction"),
                    endorsement_override=cleaned.get("endorsement_override_en") or "",
                )
            except ValidationError as error:
                raise forms.ValidationError(error.messages) from error
        return cleaned


@admin.register(ApprovalRequest)
class ApprovalRequestAdmin(admin.ModelAdmin):
    form = ApprovalRequestForm
    list_display = ["__str__", "body", "status", "opens_at", "closes_at", "page_link"]
    list_filter = ["status", "body"]
    filter_horizontal = ["directions"]
    inlines = [EligibleVoterInline, ConflictInline, VoteInline]
    actions = ["cancel_requests", "decide_closed_requests"]

    def get_inlines(self, request, obj):
        # Who could vote, conflicts and votes exist once the request is open.
        return self.inlines if obj is not None else []

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["status"]
        # Once open, a request is part of the record: it is cancelled, never edited.
        return [*ApprovalRequestForm.Meta.fields, "submitted_by", "status", "created_at"]

    @admin.display(description=_("page"))
    def page_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("approvals:request_detail", args=[obj.pk]),
            pgettext_lazy("link", "Open"),
        )

    def save_model(self, request, obj, form, change):
        if change:
            return
        data = form.cleaned_data
        created = services.approval_request_open(
            by=request.user,
            body=data["body"],
            directions=data.get("directions") or [],
            annual_plan=data.get("annual_plan"),
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            rule=data["rule"],
            quorum_count=data.get("quorum_count"),
            quorum_fraction=data.get("quorum_fraction"),
            endorsement=data.get("endorsement"),
            question_en=data.get("question_en") or "",
            question_fr=data.get("question_fr") or "",
            endorsement_override_en=data.get("endorsement_override_en") or "",
            endorsement_override_fr=data.get("endorsement_override_fr") or "",
        )
        obj.pk = created.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        # The service already linked the directions and took the eligibility snapshot.
        return

    def has_delete_permission(self, request, obj=None):
        return False

    def has_manage_requests_permission(self, request):
        return request.user.has_perm("approvals.manage_requests")

    @admin.action(
        description=_("Cancel the selected open requests"), permissions=["manage_requests"]
    )
    def cancel_requests(self, request, queryset):
        for approval in queryset:
            try:
                services.approval_request_cancel(request=approval, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{approval}: {' '.join(error.messages)}", messages.ERROR
                )

    @admin.action(
        description=_("Decide the selected requests whose vote has closed"),
        permissions=["manage_requests"],
    )
    def decide_closed_requests(self, request, queryset):
        for approval in queryset:
            try:
                services.approval_request_decide(request=approval, by=request.user)
            except ValidationError as error:
                self.message_user(
                    request, f"{approval}: {' '.join(error.messages)}", messages.ERROR
                )


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "request",
        "outcome",
        "method",
        "approve_count",
        "object_count",
        "abstain_count",
        "eligible_count",
        "quorum_met",
        "decided_on",
    ]
    list_filter = ["outcome", "method", "request__body"]
    list_select_related = ["request__body", "request__annual_plan"]
