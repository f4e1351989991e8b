"""The back office of the equity review.

Only the review, its benchmarks and its follow-ups are here. The confidential answers and the
invitations are deliberately not registered: there is no admin page, list, filter, export or
history of anyone's answers, for anyone, staff and superusers included.
"""

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from core.admin_writes import formset_save_through
from core.fiscal import FiscalYear
from core.typing import signed_in_user

from . import services
from .models import Benchmark, EquityReview, FollowUpLink

REVIEW_TEXT_FIELDS = [
    f"{field}_{language}"
    for field in ("introduction", "findings", "actions", "progress")
    for language in ("en", "fr")
]


class BenchmarkInline(TranslationTabularInline):
    model = Benchmark
    extra = 0


class FollowUpLinkInline(TranslationTabularInline):
    model = FollowUpLink
    extra = 0


def _run(modeladmin, request, queryset, service, done):
    for review in queryset:
        try:
            service(review=review, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            text = " ".join(getattr(error, "messages", [str(error)]))
            modeladmin.message_user(request, f"{review}: {text}", messages.ERROR)
        else:
            modeladmin.message_user(request, f"{review}: {done}", messages.SUCCESS)


@admin.register(EquityReview)
class EquityReviewAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["fiscal_year", "status", "opens_on", "closes_on", "published_at"]
    list_filter = ["status"]
    filter_horizontal = ["bodies"]
    inlines = [BenchmarkInline, FollowUpLinkInline]
    readonly_fields = ["status", "figures", "opened_at", "closed_at", "published_at"]
    fieldsets = [
        (
            None,
            {"fields": ["fiscal_year", "status", "figures", "opens_on", "closes_on", "bodies"]},
        ),
        (
            _("What the public reads"),
            {"fields": ["introduction", "findings", "actions", "progress"]},
        ),
        (_("Dates"), {"fields": ["opened_at", "closed_at", "published_at"]}),
    ]
    actions = ["open_reviews", "invite_new_members", "close_reviews", "publish_reviews"]

    @admin.display(description=_("figures"))
    def figures(self, review):
        if not review.pk:
            return "-"
        try:
            FiscalYear.from_label(review.fiscal_year)
        except ValueError:
            return "-"  # a refused form shows again holding what was typed
        url = reverse("equity:manage_detail", kwargs={"fiscal_year": review.fiscal_year})
        return format_html('<a href="{}">{}</a>', url, _("Response rate and suppressed figures"))

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        fields = {
            "by": request.user,
            "fiscal_year": data["fiscal_year"],
            "opens_on": data["opens_on"],
            "closes_on": data["closes_on"],
            "bodies": data.get("bodies"),
            **{field: data[field] for field in REVIEW_TEXT_FIELDS if field in data},
        }
        if change:
            services.review_update(review=obj, **fields)
        else:
            obj.pk = services.review_create(**fields).pk

    def save_related(self, request, form, formsets, change):
        # The bodies reviewed were set by the service; the benchmarks and follow-ups remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        by = signed_in_user(request)
        if formset.model is Benchmark:
            formset_save_through(
                formset,
                save=lambda row: services.benchmark_save(benchmark=row, by=by),
                delete=lambda row: services.benchmark_delete(benchmark=row, by=by),
            )
        else:
            formset_save_through(
                formset,
                save=lambda row: services.follow_up_save(follow_up=row, by=by),
                delete=lambda row: services.follow_up_delete(follow_up=row, by=by),
            )

    def delete_model(self, request: HttpRequest, obj: EquityReview) -> None:
        services.review_delete(review=obj, by=signed_in_user(request))

    def has_manage_review_permission(self, request):
        return request.user.has_perm("equity.manage_review")

    @admin.action(
        description=_("Open the questionnaire and email the invitations"),
        permissions=["manage_review"],
    )
    def open_reviews(self, request, queryset):
        _run(self, request, queryset, services.review_open, _("opened"))

    @admin.action(
        description=_("Invite members who joined since the review opened"),
        permissions=["manage_review"],
    )
    def invite_new_members(self, request, queryset):
        _run(self, request, queryset, services.review_invite_members, _("invitations sent"))

    @admin.action(description=_("Close the questionnaire"), permissions=["manage_review"])
    def close_reviews(self, request, queryset):
        _run(self, request, queryset, services.review_close, _("closed"))

    @admin.action(
        description=_("Publish the findings, actions and figures"), permissions=["manage_review"]
    )
    def publish_reviews(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            services.review_publish,
            pgettext_lazy("equity review", "published"),
        )

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        # Bulk deletion would sidestep the rule below.
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        # A review that collected answers is part of the record; a draft may go.
        if obj is not None and obj.status != EquityReview.Status.DRAFT:
            return False
        return super().has_delete_permission(request, obj)
