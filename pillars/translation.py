from modeltranslation.translator import TranslationOptions, register

from .models import Pillar


@register(Pillar)
class PillarTranslationOptions(TranslationOptions):
    fields = ("name", "summary")
    required_languages = ("en", "fr")
