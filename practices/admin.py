"""The back office of the practice library: staff who publish see every practice, edit it and
approve it through the services; practices are drafted from an action item on the site."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.typing import signed_in_user

from . import services
from .models import Population, Practice


@admin.register(Practice)
class PracticeAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["title", "lead_organization", "pillar", "outcome", "status", "published_at"]
    list_filter = ["status", "outcome", "pillar"]
    search_fields = ["title_en", "title_fr"]
    fields = [
        "item",
        "status",
        "review_note",
        "title",
        "problem",
        "what_was_done",
        "results",
        "populations",
        "outcome",
        "indicators",
        "contact_name",
        "contact_email",
        "contact_consent",
        "pillar",
        "lead_organization",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "published_at",
    ]
    readonly_fields = [
        "item",
        "status",
        "review_note",
        "pillar",
        "lead_organization",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "published_at",
    ]
    filter_horizontal = ["populations", "indicators"]
    actions = ["publish_practices"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Practice]:
        return super().get_queryset(request).select_related("lead_organization", "pillar")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # drawn from an action item, on its page ("Share as a practice")

    def save_model(self, request: HttpRequest, obj: Practice, form: Any, change: bool) -> None:
        self._m2m = (form.cleaned_data["populations"], form.cleaned_data["indicators"])

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        populations, indicators = self._m2m
        services.practice_save(
            practice=form.instance,
            populations=populations,
            indicators=indicators,
            by=signed_in_user(request),
        )

    def delete_model(self, request: HttpRequest, obj: Practice) -> None:
        services.practice_delete(practice=obj, by=signed_in_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Practice]) -> None:
        for practice in queryset:
            services.practice_delete(practice=practice, by=signed_in_user(request))

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("practices.publish")

    @admin.action(description=_("Publish the selected practices"), permissions=["publish"])
    def publish_practices(self, request: HttpRequest, queryset: QuerySet[Practice]) -> None:
        by = signed_in_user(request)
        for practice in queryset:
            try:
                services.practice_publish(practice=practice, by=by)
            except (ValidationError, PermissionDenied) as error:
                text = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{practice}: {text}", messages.ERROR)
            else:
                self.message_user(request, f"{practice}: {_('published')}", messages.SUCCESS)

    def get_actions(
        self, request: HttpRequest, action_location: Any = ActionLocation.CHANGE_LIST
    ) -> Any:
        return super().get_actions(request, action_location=action_location)


@admin.register(Population)
class PopulationAdmin(TranslationAdmin):
    list_display = ["name", "code", "order"]

    def save_model(self, request: HttpRequest, obj: Population, form: Any, change: bool) -> None:
        services.population_save(population=obj, by=signed_in_user(request))

    def delete_model(self, request: HttpRequest, obj: Population) -> None:
        services.population_delete(population=obj, by=signed_in_user(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Population]) -> None:
        for population in queryset:
            services.population_delete(population=population, by=signed_in_user(request))
