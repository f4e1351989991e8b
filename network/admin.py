"""The back office of the network: staff register, edit and remove peer portals (through
network/services.py) and see each one's last fetch; the fetching itself is a task's."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from core.typing import signed_in_user

from . import services
from .models import Peer


class PeerForm(forms.ModelForm):
    class Meta:
        model = Peer
        fields = ["name", "package_url"]

    def clean_package_url(self) -> str:
        try:
            return services.package_url_validate(self.cleaned_data.get("package_url") or "")
        except ValidationError as error:
            raise forms.ValidationError(error.message_dict["package_url"]) from error


@admin.register(Peer)
class PeerAdmin(admin.ModelAdmin[Peer]):
    form = PeerForm
    list_display = [
        "name",
        "package_url",
        "is_demo",
        "last_success_at",
        "unavailable_since",
        "error_kind",
    ]
    list_filter = ["is_demo"]
    readonly_fields = [
        "is_demo",
        "registered_by",
        "registered_at",
        "last_attempt_at",
        "last_success_at",
        "unavailable_since",
        "error_kind",
        "error_message",
    ]
    actions = ["fetch_now"]

    def get_fields(self, request: HttpRequest, obj: Peer | None = None) -> Any:
        # A new peer has no fetch state yet: its form asks the name and the address only.
        if obj is None:
            return ["name", "package_url"]
        return ["name", "package_url", *self.readonly_fields]

    def save_model(self, request: HttpRequest, obj: Peer, form: Any, change: bool) -> None:
        by = signed_in_user(request)
        data = form.cleaned_data
        if change:
            services.peer_update(
                by=by, peer=obj, name=data["name"], package_url=data["package_url"]
            )
        else:
            obj.pk = services.peer_register(
                by=by, name=data["name"], package_url=data["package_url"]
            ).pk

    def delete_model(self, request: HttpRequest, obj: Peer) -> None:
        services.peer_remove(by=signed_in_user(request), peer=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Peer]) -> None:
        for peer in queryset:
            services.peer_remove(by=signed_in_user(request), peer=peer)

    def has_fetch_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("network.edit_peer")

    @admin.action(description=_("Fetch the selected peers' packages now"), permissions=["fetch"])
    def fetch_now(self, request: HttpRequest, queryset: QuerySet[Peer]) -> None:
        for peer in queryset:
            try:
                services.peer_fetch_request(by=signed_in_user(request), peer=peer)
            except PermissionDenied:
                self.message_user(request, f"{peer}: {_('not allowed')}", messages.ERROR)
        self.message_user(request, _("The fetches are queued; the page shows them once done."))
