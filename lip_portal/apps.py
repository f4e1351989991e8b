from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class LipPortalConfig(AppConfig):
    name = "lip_portal"
    verbose_name = _("LIP Portal")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)


class PortalAdminConfig(admin_apps.AdminConfig):
    """The admin, on the portal's own site (lip_portal/admin_site.py)."""

    default = False  # "lip_portal" in INSTALLED_APPS still means LipPortalConfig
    default_site = "lip_portal.admin_site.PortalAdminSite"
