from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LipPortalConfig(AppConfig):
    name = "lip_portal"
    verbose_name = _("LIP Portal")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .page_cache import connect_signals

        connect_signals()
