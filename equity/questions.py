"""The self-identification questionnaire: its dimensions and their categories.

The codes are stored; the labels are shown. Every dimension ends with "prefer not to say".
Changing a code after answers exist would orphan them: add new codes, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

PREFER_NOT_TO_SAY = "prefer_not_to_say"


@dataclass(frozen=True)
class Dimension:
    code: str
    label: StrOrPromise  # a question, as the person reads it
    short_label: StrOrPromise  # a heading, as an aggregate table reads it
    # ((code, label), ...), "prefer not to say" last
    categories: tuple[tuple[str, StrOrPromise], ...]

    @property
    def category_codes(self) -> list[str]:
        return [code for code, _label in self.categories]

    def category_label(self, code: str) -> StrOrPromise:
        return dict(self.categories).get(code, code)


def _with_prefer_not_to_say(
    *categories: tuple[str, StrOrPromise],
) -> tuple[tuple[str, StrOrPromise], ...]:
    return (*categories, (PREFER_NOT_TO_SAY, _("Prefer not to say")))


DIMENSIONS = (
    Dimension(
        "racialized",
        _("Do you identify as a racialized person (a person of colour)?"),
        _("Racialized identity"),
        _with_prefer_not_to_say(
            ("racialized", _("Racialized")),
            ("not_racialized", _("Not racialized")),
        ),
    ),
    Dimension(
        "indigenous",
        _("Do you identify as an Indigenous person (First Nations, Métis or Inuit)?"),
        _("Indigenous identity"),
        _with_prefer_not_to_say(
            ("indigenous", _("Indigenous")),
            ("not_indigenous", _("Not Indigenous")),
        ),
    ),
    Dimension(
        "immigration",
        _("Were you born in Canada? If not, how long ago did you arrive?"),
        _("Immigration"),
        _with_prefer_not_to_say(
            ("born_in_canada", _("Born in Canada")),
            ("arrived_0_5", _("Immigrant, arrived 5 years ago or less")),
            ("arrived_6_10", _("Immigrant, arrived 6 to 10 years ago")),
            ("arrived_over_10", _("Immigrant, arrived more than 10 years ago")),
        ),
    ),
    Dimension(
        "refugee",
        _("Do you have lived experience as a refugee?"),
        _("Refugee experience"),
        _with_prefer_not_to_say(
            ("refugee_experience", _("Refugee experience")),
            ("no_refugee_experience", _("No refugee experience")),
        ),
    ),
    Dimension(
        "gender",
        _("What is your gender?"),
        _("Gender"),
        _with_prefer_not_to_say(
            ("woman", _("Woman")),
            ("man", _("Man")),
            ("another_gender", _("Non-binary or another gender")),
        ),
    ),
    Dimension(
        "age",
        _("What is your age?"),
        _("Age band"),
        _with_prefer_not_to_say(
            ("under_25", _("Under 25")),
            ("25_44", _("25 to 44")),
            ("45_64", _("45 to 64")),
            ("65_plus", _("65 or older")),
        ),
    ),
    Dimension(
        "disability",
        _("Do you identify as a person with a disability?"),
        _("Disability"),
        _with_prefer_not_to_say(
            ("disability", _("Person with a disability")),
            ("no_disability", _("No disability")),
        ),
    ),
    Dimension(
        "first_language",
        _("What is the first language you learned and still understand?"),
        _("First language"),
        _with_prefer_not_to_say(
            ("english", _("English")),
            ("french", _("French")),
            ("english_and_french", _("English and French")),
            ("other_language", _("Another language")),
        ),
    ),
)

DIMENSIONS_BY_CODE = {dimension.code: dimension for dimension in DIMENSIONS}

DIMENSION_CHOICES = [(dimension.code, dimension.short_label) for dimension in DIMENSIONS]
CATEGORY_CHOICES = [
    (code, label)
    for dimension in DIMENSIONS
    for code, label in dimension.categories
    if code != PREFER_NOT_TO_SAY
] + [(PREFER_NOT_TO_SAY, _("Prefer not to say"))]
