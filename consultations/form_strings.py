"""The words around a consultation form (buttons, messages, the "about you" questions).

Their translations are in the gettext catalogues like the rest of the portal's: French in
locale/fr/, and each other language a consultation may be offered in has a catalogue of its own,
locale/<code>/LC_MESSAGES/django.po, holding these strings only (README, "Translations"). A
string a catalogue lacks shows in English. Question texts come from the consultation.
"""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.translation_review import awaiting_review, mark_awaiting_review

CHROME = {
    "form_language": _("Language of this form"),
    "intro": _(
        "Your answers are anonymous: no account is needed, and we do not keep your name or "
        "your internet address."
    ),
    "required_note": _("Questions marked “required” need an answer."),
    "required": _("required"),
    "open_until": _("Open until %(date)s"),
    "submit": _("Send my answers"),
    "choose_all": _("Choose all that apply."),
    "choose_one": _("Choose an answer"),
    "scale_hint": _("From 1 (not at all) to 5 (very much)."),
    "characters_max": _("Up to %(limit)s characters."),
    "prefer_not": _("Prefer not to say"),
    "problem": _("There is a problem with your answers"),
    "err_required": _("Please answer this question."),
    "err_choice": _("Please choose one of the answers offered."),
    "err_too_long": _("Please keep your answer under %(limit)s characters."),
    "err_nul": _(
        "Your answer holds an invisible character that cannot be stored. Please type it again."
    ),
    "err_tampered": _(
        "This form was changed and cannot be accepted. Please reload the page and answer again."
    ),
    "err_expired": _("This form has expired. Please reload the page and answer again."),
    "err_replayed": _("We have already received these answers. Thank you."),
    "err_rejected": _("Your answers could not be accepted."),
    "err_rate": _(
        "Many answers came from your connection in a short time. Please try again in an hour."
    ),
    "closed": _("This consultation is closed and no longer accepts answers. Thank you."),
    "thanks_title": _("Thank you for your answers"),
    "thanks_body": _(
        "We received your answers. We will publish what we heard, and what we do about it, "
        "on this site."
    ),
    "honeypot": _("Leave this field empty"),
    "about_title": _("About you (optional)"),
    "about_intro": _(
        "These questions help us check that we hear from everyone. Each one is optional and "
        "has a “prefer not to say” answer. We only publish totals, never a group of fewer "
        "than five people."
    ),
    "newcomer_status": _("What is your immigration status?"),
    "newcomer_status.born_in_canada": _("Born in Canada"),
    "newcomer_status.citizen": _("Became a Canadian citizen"),
    "newcomer_status.permanent_resident": _("Permanent resident"),
    "newcomer_status.refugee": _("Refugee or refugee claimant"),
    "newcomer_status.temporary": _("International student or temporary worker"),
    "newcomer_status.other": _("Another status"),
    "years_in_canada": _("How long have you lived in Canada?"),
    "years_in_canada.lt1": _("Less than 1 year"),
    "years_in_canada.1_5": _("1 to 5 years"),
    "years_in_canada.6_10": _("6 to 10 years"),
    "years_in_canada.gt10": _("More than 10 years"),
    "years_in_canada.all_my_life": _("All my life"),
    "age_band": _("How old are you?"),
    "age_band.under_18": _("Under 18"),
    "age_band.18_24": _("18 to 24"),
    "age_band.25_34": _("25 to 34"),
    "age_band.35_44": _("35 to 44"),
    "age_band.45_64": _("45 to 64"),
    "age_band.65_plus": _("65 or older"),
    "gender": _("What is your gender?"),
    "gender.woman": _("Woman"),
    "gender.man": _("Man"),
    "gender.another": _("Another gender"),
    "racialized_identity": _("Which population group do you identify with?"),
    "racialized_identity.black": _("Black"),
    "racialized_identity.east_asian": _("East Asian"),
    "racialized_identity.south_asian": _("South Asian"),
    "racialized_identity.southeast_asian": _("Southeast Asian"),
    "racialized_identity.mena": _("Middle Eastern or North African"),
    "racialized_identity.latin_american": _("Latin American"),
    "racialized_identity.white": _("White"),
    "racialized_identity.another": _("Another group, or more than one group"),
    "first_language": _("What is your first language?"),
    "first_language.other": _("Another language"),
}


def text(key: str, language: str, **values: object) -> str:
    """The form chrome `key` in `language`, with %(name)s values filled in."""
    template = _template(key, language)
    return template % values if values else template


@functools.cache
def _template(key: str, language: str) -> str:
    # A form draws some seventy of these; the catalogues do not change while the process
    # runs, so each is looked up once rather than switching the active language every time.
    with translation.override(language):
        return str(CHROME[key])


@receiver(setting_changed)
def _forget_templates(*, setting: str, **kwargs: object) -> None:
    if setting in ("LANGUAGES", "LANGUAGE_CODE", "LOCALE_PATHS"):
        _template.cache_clear()
        msgid.cache_clear()


@functools.cache
def msgid(key: str) -> str:
    """The chrome string `key` as written in the code, the catalogues' msgid."""
    with translation.override(None):
        return str(CHROME[key])


def awaiting_review_keys(language: str) -> list[str]:
    """The chrome keys whose translation into `language` awaits a native speaker's review
    (none in English and French, whose strings the partnership's staff write and check)."""
    if language not in settings.CONSULTATION_LANGUAGES:
        return []
    pending = awaiting_review(language)
    return [key for key in CHROME if msgid(key) in pending] if pending else []


class Chrome:
    """Template access to the chrome of one language: {{ chrome.submit }}.

    In a staff preview (`review`: the keys awaiting review) those strings come marked; an
    attribute takes the plain text: {{ chrome.plain.form_language }}."""

    def __init__(self, language: str, review: frozenset[str] = frozenset()) -> None:
        self.language = language
        self.review = review

    def __getitem__(self, key: str) -> str:
        value = text(key, self.language)
        return mark_awaiting_review(value) if key in self.review else value

    @property
    def plain(self) -> "Chrome":
        return Chrome(self.language)


@dataclass(frozen=True)
class ReviewNotice:
    """For staff: how many of the form's strings in `language` await a native speaker."""

    language: str
    keys: frozenset[str]
    strings: list[tuple[str, str]]  # (translation, English original), in the form's order
    total: int

    @property
    def count(self) -> int:
        return len(self.strings)


def review_notice(language: str) -> ReviewNotice | None:
    """The notice for a preview in `language`: None for English and French."""
    if language not in settings.CONSULTATION_LANGUAGES:
        return None
    keys = awaiting_review_keys(language)
    return ReviewNotice(
        language=language,
        keys=frozenset(keys),
        strings=[(text(key, language), msgid(key)) for key in keys],
        total=len(CHROME),
    )
