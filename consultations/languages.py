"""The languages a consultation may be offered in, named for staff in the back office's
language. Their names in their own words and their direction come from Django
(core.languages)."""

from django.utils.translation import gettext_lazy as _

ENGLISH_NAMES = {
    "en": _("English"),
    "fr": _("French"),
    "ar": _("Arabic"),
    "zh-hans": _("Simplified Chinese"),
    "es": _("Spanish"),
    "pa": _("Punjabi"),
    "tl": _("Tagalog"),
    "uk": _("Ukrainian"),
    "fa": _("Farsi"),
    "so": _("Somali"),
    "ur": _("Urdu"),
}
