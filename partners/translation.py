from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Organization


@register(Organization)
class OrganizationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"default": ("name",)}


# History is registered after the translation so that it records the _en and _fr columns.
register_history(Organization, app="partners")
