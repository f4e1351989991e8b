from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import HealthCheck, HealthCheckStatement, SectorReference

# --- The partnership health check ---------------------------------------------------------------


@register(HealthCheckStatement)
class HealthCheckStatementTranslationOptions(TranslationOptions):
    fields = ("text",)
    required_languages = ("en", "fr")


@register(HealthCheck)
class HealthCheckTranslationOptions(TranslationOptions):
    fields = ("introduction",)


# History after the translations, so it records the _en and _fr columns. The health check and
# its statements have history (who opened, closed, reworded); the answers and comments never
# do: a history row carries the time it was written.
register_history(HealthCheck, app="evaluation", excluded_fields=["results"])
register_history(HealthCheckStatement, app="evaluation")


@register(SectorReference)
class SectorReferenceTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr")
