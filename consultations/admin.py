from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.admin_input import ReadOnlyAdminMixin, SafeAutocompleteMixin
from core.admin_writes import formset_save_through
from core.languages import self_name
from core.typing import signed_in_user

from . import form_strings, services
from .forms import (
    ConsultationAdminForm,
    QuestionAdminForm,
    configured_languages,
    language_fieldnames,
)
from .languages import ENGLISH_NAMES
from .models import REQUIRED_LANGUAGES, Answer, Consultation, Question, Response

OTHER_LANGUAGES = [code for code in configured_languages() if code not in REQUIRED_LANGUAGES]


class QuestionInline(admin.StackedInline):
    model = Question
    form = QuestionAdminForm
    extra = 0
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("order", "kind", "required"),
                    *language_fieldnames("text", REQUIRED_LANGUAGES),
                    *language_fieldnames("choices", REQUIRED_LANGUAGES),
                ]
            },
        ),
        (
            _("Other languages"),
            {
                "classes": ["collapse"],
                "fields": [
                    field
                    for code in OTHER_LANGUAGES
                    for field in (f"text_{code}", f"choices_{code}")
                ],
            },
        ),
    ]

    # Read-only (people have answered): the texts and choices per language, as they are stored.
    # The form's per-language fields exist only on the form, so the admin cannot show them.
    readonly_fields = ["texts", "choice_labels"]
    readonly_fieldsets = [(None, {"fields": [("order", "kind", "required"), *readonly_fields]})]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if self.has_change_permission(request, obj):
            return super().get_fieldsets(request, obj)
        return self.readonly_fieldsets

    @staticmethod
    def _by_language(values: dict[str, str]) -> SafeString:
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li>{}: <span lang="{}">{}</span></li>',
                (
                    (ENGLISH_NAMES.get(code, code), code, value)
                    for code, value in values.items()
                    if value
                ),
            ),
        )

    @admin.display(description=_("Question"))
    def texts(self, obj: Question) -> SafeString:
        return self._by_language(obj.text or {})

    @admin.display(description=_("Choices"))
    def choice_labels(self, obj: Question) -> SafeString:
        if not obj.choices:
            return self.get_empty_value_display()
        return self._by_language({code: " · ".join(labels) for code, labels in obj.choices.items()})

    # Once people have answered, changing a question would change what their answers mean.
    def _unanswered(self, obj):
        return obj is None or not obj.responses.exists()

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._unanswered(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._unanswered(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._unanswered(obj)


def _status_action(status, description):
    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        for consultation in queryset:
            try:
                services.consultation_set_status(
                    by=request.user, consultation=consultation, status=status
                )
            except ValidationError as error:
                modeladmin.message_user(
                    request, f"{consultation}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                modeladmin.message_user(
                    request,
                    gettext("%(consultation)s is now “%(status)s”.")
                    % {"consultation": consultation, "status": Consultation.Status(status).label},
                    messages.SUCCESS,
                )

    action.__name__ = f"make_{status}"
    return action


@admin.register(Consultation)
class ConsultationAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    form = ConsultationAdminForm
    inlines = [QuestionInline]
    list_display = ["__str__", "status", "opens_at", "closes_at", "pillar", "results_link"]
    list_filter = ["status", "pillar"]
    search_fields = ["slug", "title"]
    readonly_fields = ["status", "links"]
    actions = [
        _status_action(Consultation.Status.OPEN, _("Open the selected consultations")),
        _status_action(Consultation.Status.CLOSED, _("Close the selected consultations")),
        _status_action(
            Consultation.Status.PUBLISHED, _("Publish the results of the selected consultations")
        ),
        _status_action(Consultation.Status.DRAFT, _("Return the selected consultations to draft")),
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "status",
                    "pillar",
                    ("opens_at", "closes_at"),
                    "extra_languages",
                    "links",
                ]
            },
        ),
        (_("Title"), {"fields": language_fieldnames("title")}),
        (_("Description"), {"fields": language_fieldnames("description")}),
        (
            _("What we did (shown with the published results)"),
            {
                "classes": ["collapse"],
                "fields": [*language_fieldnames("what_we_did"), "action_items"],
            },
        ),
    ]
    autocomplete_fields = ["action_items"]

    def save_model(self, request: HttpRequest, obj: Consultation, form: Any, change: bool) -> None:
        # The form packed the texts and languages into the consultation as it checked them.
        services.consultation_save(
            by=signed_in_user(request),
            consultation=obj,
            action_items=form.cleaned_data.get("action_items"),
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The action items were set by the service; the questions remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        by = signed_in_user(request)
        formset_save_through(
            formset,
            save=lambda question: services.question_save(by=by, question=question),
            delete=lambda question: services.question_delete(by=by, question=question),
        )

    def delete_model(self, request: HttpRequest, obj: Consultation) -> None:
        services.consultation_delete(by=signed_in_user(request), consultation=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Consultation]) -> None:
        for consultation in queryset:
            services.consultation_delete(by=signed_in_user(request), consultation=consultation)

    @admin.display(description=_("Results"))
    def results_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("consultations:staff_results", kwargs={"slug": obj.slug}),
            gettext("Results"),
        )

    @staticmethod
    def _awaiting_review(code: str) -> str:
        """How many of the form's strings in `code` await a native speaker's review."""
        count = len(form_strings.awaiting_review_keys(code))
        if not count:
            return ""
        return " " + ngettext(
            "(%(count)s string awaiting review)", "(%(count)s strings awaiting review)", count
        ) % {"count": count}

    @admin.display(description=_("Preview and results"))
    def links(self, obj):
        if not obj.pk:
            return gettext("Save the consultation to preview it.")
        preview = reverse("consultations:preview", kwargs={"slug": obj.slug})
        previews = format_html_join(
            " · ",
            '<a href="{}?lang={}" lang="{}">{}</a>{}',
            (
                (preview, code, code, self_name(code), self._awaiting_review(code))
                for code in obj.languages
            ),
        )
        return format_html(
            "{}: {}<br><a href='{}'>{}</a> · <a href='{}'>{}</a>",
            gettext("Preview"),
            previews,
            reverse("consultations:staff_results", kwargs={"slug": obj.slug}),
            gettext("Results"),
            reverse("consultations:staff_entry", kwargs={"slug": obj.slug}),
            gettext("Enter paper or session responses"),
        )


class AnswerInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Answer
    fields = ["question", "value", "quote_approved"]
    readonly_fields = ["question", "value", "quote_approved"]
    extra = 0


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Responses are read here; staff enter paper ones on the consultation's entry page."""

    list_display = ["__str__", "language", "channel", "submitted_at"]
    list_filter = ["consultation", "language", "channel"]
    list_select_related = ["consultation"]
    inlines = [AnswerInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    # Deleting goes through the service, so a deleted quote leaves the published results.
    def delete_model(self, request, obj):
        services.responses_delete(by=request.user, responses=[obj])

    def delete_queryset(self, request, queryset):
        services.responses_delete(by=request.user, responses=queryset)
