from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import AnnualReport


@register(AnnualReport)
class AnnualReportTranslationOptions(TranslationOptions):
    fields = ("chair_message", "highlights", "whats_next")


# After the translation, so the history records the _en and _fr columns.
register_history(AnnualReport)
