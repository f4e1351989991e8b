from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Population, Practice


@register(Population)
class PopulationTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr")


@register(Practice)
class PracticeTranslationOptions(TranslationOptions):
    fields = ("title", "problem", "what_was_done", "results")


# History after the translations, so it records the _en and _fr columns.
register_history(Practice, app="practices")
