from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares, at the bottom of the import chain: fiscal years, suppression of
    small counts, spreadsheets, mail, charts, the page cache. It imports no other app."""

    name = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import languages
        from .page_cache import connect_signals

        languages.add_to_django()
        connect_signals()
