from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EquityConfig(AppConfig):
    name = "equity"
    verbose_name = _("Equity review")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system check)
