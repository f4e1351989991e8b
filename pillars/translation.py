from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Group, Meeting, Membership, Pillar, TermsOfReference


@register(Pillar)
class PillarTranslationOptions(TranslationOptions):
    fields = ("name", "summary")
    required_languages = ("en", "fr")


@register(Group)
class GroupTranslationOptions(TranslationOptions):
    fields = ("name", "mandate")
    required_languages = {"default": ("name",)}


@register(TermsOfReference)
class TermsOfReferenceTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("agenda", "minutes", "decisions")


# History is registered after the translations so that it records the _en and _fr columns.
register_history(Group, app="pillars")
register_history(Membership, app="pillars")
register_history(Meeting, app="pillars")
register_history(TermsOfReference, app="pillars")
