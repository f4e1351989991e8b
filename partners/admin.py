import functools
from collections.abc import Callable
from typing import Any

from allauth.account.decorators import reauthentication_required
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_input import SafeAutocompleteMixin
from core.spreadsheets import csv_size_help

from .models import Organization, User
from .services import (
    IMPORT_COLUMNS,
    authenticator_remove,
    organization_import_csv,
    person_invite,
    person_password_set_by_staff_notify,
)

View = Callable[..., HttpResponseBase]


def _reauthentication_before_writes(view: View) -> View:
    """allauth's reauthentication for anything but reading: it lets GET through, and HEAD (a
    GET without the body, which the admin answers the same way) goes through too."""
    guarded = reauthentication_required(allow_get=True)(view)

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return (view if request.method == "HEAD" else guarded)(request, *args, **kwargs)

    return wrapper


# Changing who holds which powers, a password or a second factor asks for the password again
# first (allauth's reauthentication, then the same form goes on); looking does not.
reauthentication_before_changes = method_decorator(_reauthentication_before_writes)


class OrganizationImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = " ".join(
            [
                gettext(
                    "UTF-8, with a header row. Columns: %(columns)s. Only name_en is required; "
                    "a row whose slug already exists updates that organization."
                )
                % {"columns": ", ".join(IMPORT_COLUMNS)},
                csv_size_help(),
            ]
        )


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin, TranslationAdmin):
    list_display = ["name", "sector", "city", "member_since", "member_until"]
    list_filter = ["sector", "city"]
    search_fields = ["name_en", "name_fr", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    change_list_template = "admin/partners/organization/change_list.html"

    def get_urls(self):
        return [
            path(
                "import-csv/",
                self.admin_site.admin_view(self.import_csv_view),
                name="partners_organization_import_csv",
            ),
            *super().get_urls(),
        ]

    def import_csv_view(self, request):
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        form = OrganizationImportForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            try:
                result = organization_import_csv(file=form.cleaned_data["file"])
            except ValidationError as error:
                problems = error.messages
            else:
                messages.success(
                    request,
                    _("Imported: %(created)s new organizations, %(updated)s updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("admin:partners_organization_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import organizations from a CSV file"),
            "form": form,
            "problems": problems,
        }
        return TemplateResponse(request, "admin/partners/organization/import_csv.html", context)


@admin.register(User)
class UserAdmin(SafeAutocompleteMixin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "display_name", "organization", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_active", "preferred_language", "organization__sector"]
    list_select_related = ["organization"]
    search_fields = ["email", "display_name"]
    autocomplete_fields = ["organization"]
    actions = ["invite"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            _("Profile"),
            {"fields": ["display_name", "preferred_language", "organization"]},
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "description": _(
                    "To let the person choose their own password, turn password-based "
                    "authentication off here, then use the “Invite” action in the list of people."
                ),
                "fields": [
                    "email",
                    "display_name",
                    "preferred_language",
                    "organization",
                    "usable_password",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]
    filter_horizontal = ["groups", "user_permissions"]

    @reauthentication_before_changes
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    @reauthentication_before_changes
    def delete_view(self, request, object_id, extra_context=None):
        return super().delete_view(request, object_id, extra_context)

    @reauthentication_before_changes
    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            # Saved (a refused form answers 200): the person hears of it at once.
            person = self.get_object(request, unquote(id))
            person_password_set_by_staff_notify(person=person, by=request.user)
        return response

    # Who is staff, and with which roles, is for those who may give roles; superuser status
    # and permissions one by one are for superusers only.
    ROLE_FIELDS = ["is_staff", "groups"]
    SUPERUSER_FIELDS = ["is_superuser", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += self.SUPERUSER_FIELDS
            if not request.user.has_perm("partners.assign_roles"):
                fields += self.ROLE_FIELDS
        return fields

    # A superuser's account (its password above all) is changed by superusers only.
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(
        description=_("Invite: email a link to set a password and sign in"),
        permissions=["change"],
    )
    def invite(self, request, queryset):
        base_url = request.build_absolute_uri("/")
        sent = 0
        for person in queryset:
            try:
                person_invite(person=person, base_url=base_url)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                sent += 1
        if sent:
            self.message_user(
                request,
                ngettext(
                    "%(count)s invitation is on its way.",
                    "%(count)s invitations are on their way.",
                    sent,
                )
                % {"count": sent},
                messages.SUCCESS,
            )


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(BaseGroupAdmin):
    """Groups carry the staff's powers: changing one asks for the password again."""

    @reauthentication_before_changes
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    @reauthentication_before_changes
    def delete_view(self, request, object_id, extra_context=None):
        return super().delete_view(request, object_id, extra_context)


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """People's second factors: who has which, never their secrets. Staff can only remove one
    (a lost phone), which emails the person at once."""

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    list_select_related = ["user"]
    search_fields = ["user__email", "user__display_name"]
    # `data` holds the secrets: it is neither shown nor editable.
    fields = readonly_fields = ("user", "type", "created_at", "last_used_at")
    actions = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Recovery codes go with the authenticator app they stand in for.
        if obj is not None and obj.type == Authenticator.Type.RECOVERY_CODES:
            return False
        return super().has_delete_permission(request, obj)

    @reauthentication_before_changes
    def delete_view(self, request, object_id, extra_context=None):
        return super().delete_view(request, object_id, extra_context)

    def delete_model(self, request, obj):
        authenticator_remove(authenticator=obj, by=request.user)
