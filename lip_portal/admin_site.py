"""The back office's site: Django's own, except its "view on site" shortcut."""

from django.contrib import admin
from django.http import Http404
from django.urls import path


class PortalAdminSite(admin.AdminSite):
    def get_urls(self):
        urls = super().get_urls()
        for index, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "view_on_site":
                urls[index] = path(
                    "r/<path:content_type_id>/<path:object_id>/",
                    self.admin_view(self.view_on_site),
                    name="view_on_site",
                )
        return urls

    def view_on_site(self, request, content_type_id, object_id):
        """Django's shortcut to an object's own page, for the objects of a model the person
        may see in the back office. Django's answers any staff member for any object with an
        address, registered or not: a council member's personal equity questionnaire link
        among them."""
        from django.contrib.contenttypes.models import ContentType
        from django.contrib.contenttypes.views import shortcut

        try:
            model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
        except (ContentType.DoesNotExist, ValueError):
            raise Http404 from None
        model_admin = self._registry.get(model)
        if model_admin is None or not model_admin.has_view_or_change_permission(request):
            raise Http404
        return shortcut(request, content_type_id, object_id)
