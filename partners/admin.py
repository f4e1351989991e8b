import functools
from collections.abc import Callable
from typing import Any

from allauth.account import signals
from allauth.account.admin import EmailAddressAdmin as BaseEmailAddressAdmin
from allauth.account.decorators import reauthentication_required
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from core.admin_input import SafeAutocompleteMixin
from core.spreadsheets import csv_size_help
from core.typing import signed_in_user

from . import services
from .models import Organization, User
from .services import IMPORT_COLUMNS

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

    def save_model(self, request: HttpRequest, obj: Organization, form: Any, change: bool) -> None:
        services.organization_save(by=signed_in_user(request), organization=obj)

    def delete_model(self, request: HttpRequest, obj: Organization) -> None:
        services.organization_delete(by=signed_in_user(request), organization=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Organization]) -> None:
        for organization in queryset:
            services.organization_delete(by=signed_in_user(request), organization=organization)

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
                result = services.organization_import_csv(
                    by=signed_in_user(request), file=form.cleaned_data["file"]
                )
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

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        # The fields read only to this person are not in the form: they stay as they are.
        data = form.cleaned_data
        services.person_save(
            by=signed_in_user(request),
            person=obj,
            roles=data.get("groups"),
            permissions=data.get("user_permissions"),
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The roles and permissions were set by the service; there are no inlines.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        services.person_delete(by=signed_in_user(request), person=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for person in queryset:
            services.person_delete(by=signed_in_user(request), person=person)

    @reauthentication_before_changes
    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        """Django's page, its valid change written through the service (which emails the
        person at once); a page to show, a refused form or a refusal are Django's own."""
        if request.method == "POST":
            person = self.get_object(request, unquote(id))
            if person is not None and self.has_change_permission(request, person):
                form = self.change_password_form(person, request.POST)
                if form.is_valid() and (
                    form.cleaned_data["set_usable_password"] or "unset-password" in request.POST
                ):
                    return self._password_set(request, person, form)
        return super().user_change_password(request, id, form_url)

    def _password_set(self, request: HttpRequest, person: User, form: Any) -> HttpResponse:
        usable = form.cleaned_data["set_usable_password"]
        services.person_password_set(
            by=signed_in_user(request),
            person=person,
            password=form.cleaned_data["password1"] if usable else None,
        )
        self.log_change(request, person, self.construct_change_message(request, form, []))
        if person.has_usable_password():
            messages.success(request, gettext("Password changed successfully."))
        else:
            messages.success(request, gettext("Password-based authentication was disabled."))
        update_session_auth_hash(request, person)
        opts = self.opts
        return HttpResponseRedirect(
            reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                args=(person.pk,),
            )
        )

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
                services.person_invite(by=signed_in_user(request), person=person, base_url=base_url)
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

    def save_model(self, request: HttpRequest, obj: Group, form: Any, change: bool) -> None:
        services.role_save(
            by=signed_in_user(request), role=obj, permissions=form.cleaned_data.get("permissions")
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # The permissions were set by the service; there are no inlines.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request: HttpRequest, obj: Group) -> None:
        services.role_delete(by=signed_in_user(request), role=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Group]) -> None:
        for role in queryset:
            services.role_delete(by=signed_in_user(request), role=role)


admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(BaseEmailAddressAdmin):
    """allauth's page of people's email addresses, writing through the services: staff fix a
    person's address (a typo, an address confirmed by other means) for them."""

    actions = ["make_verified"]

    def save_model(self, request: HttpRequest, obj: EmailAddress, form: Any, change: bool) -> None:
        services.email_address_save(by=signed_in_user(request), address=obj)

    def delete_model(self, request: HttpRequest, obj: EmailAddress) -> None:
        services.email_address_delete(by=signed_in_user(request), address=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[EmailAddress]) -> None:
        for address in queryset:
            services.email_address_delete(by=signed_in_user(request), address=address)

    @admin.action(
        description=_("Mark selected email addresses as verified"), permissions=["change"]
    )
    def make_verified(self, request: HttpRequest, queryset: QuerySet[EmailAddress]) -> None:
        for address in queryset.filter(verified=False):
            if services.email_address_verify(by=signed_in_user(request), address=address):
                signals.email_confirmed.send(
                    sender=EmailAddress, request=request, email_address=address
                )
                self.message_user(
                    request,
                    gettext("Marked {email} as verified.").format(email=address.email),
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    gettext("Failed to mark {email} as verified.").format(email=address.email),
                    messages.ERROR,
                )


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

    def delete_model(self, request: HttpRequest, obj: Authenticator) -> None:
        services.authenticator_remove(authenticator=obj, by=signed_in_user(request))
