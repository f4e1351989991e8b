from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from core.admin_input import ReadOnlyAdminMixin

from . import services
from .models import Message


class StateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("waiting")),
            ("failed", _("given up")),
            ("done", _("done")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.pending()
        if self.value() == "failed":
            return queryset.failed()
        if self.value() == "done":
            return queryset.exclude(done_at=None)
        return queryset


# Listed, and shown (read only) on each message's page.
LISTED = ("task", "created_at", "attempts", "sent_count", "done_at", "last_error")
SHOWN = (*LISTED, "due_at", "started_at")


@admin.register(Message)
class MessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What the portal has committed to do in the background, and what became of it. Read only;
    the arguments stay hidden (an email's body may hold a password reset link)."""

    list_display = LISTED
    list_filter = [StateFilter, "task"]
    fields = SHOWN
    readonly_fields = SHOWN
    actions = ["try_again"]

    @admin.action(description=_("Try the selected tasks again now"))
    def try_again(self, request, queryset):
        count = services.messages_retry(
            message_ids=list(queryset.values_list("pk", flat=True)), by=request.user
        )
        self.message_user(
            request,
            _("%(count)s tasks not done are being tried again.") % {"count": count},
            level=messages.SUCCESS if count else messages.WARNING,
        )
