from modeltranslation.translator import TranslationOptions, register

from .models import SectorReference


@register(SectorReference)
class SectorReferenceTranslationOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en", "fr")
