from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import AnnualReport, ReportVersion


@register(AnnualReport)
class AnnualReportTranslationOptions(TranslationOptions):
    fields = ("chair_message", "highlights", "whats_next")


# After the translation, so the history records the _en and _fr columns.
register_history(AnnualReport)


@register(ReportVersion)
class ReportVersionTranslationOptions(TranslationOptions):
    # What a correction changed, said in English and in French (note_en, note_fr).
    fields = ("note",)
