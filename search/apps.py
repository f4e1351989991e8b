from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search: one index row per public record and language, kept current when the records
    change (search/hooks.py), read by the /search/ page."""

    name = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from .hooks import connect_signals

        connect_signals()
