"""Languages: each one's name in its own words and its direction, as Django knows them.

Django's `LANG_INFO` lacks some languages the portal offers consultations in, and names Punjabi
in English; `add_to_django` completes it once, when the core app is ready, so that
`django.utils.translation.get_language_info` (and the `{% get_language_info %}` tag) answer for
them too.
"""

from django.conf.locale import LANG_INFO
from django.utils.formats import localize
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info

NO_BREAK_SPACE = "\u00a0"

EXTRA_LANG_INFO = {
    "pa": {"bidi": False, "code": "pa", "name": "Punjabi", "name_local": "ਪੰਜਾਬੀ"},
    "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
    "tl": {"bidi": False, "code": "tl", "name": "Tagalog", "name_local": "Tagalog"},
    # Chinese in general, a first language a resident may give (forms are in zh-hans).
    "zh": {"bidi": False, "code": "zh", "name": "Chinese", "name_local": "中文"},
}


def add_to_django() -> None:
    LANG_INFO.update(EXTRA_LANG_INFO)


def self_name(code: str) -> str:
    """The language named in its own words, as it starts a line: "Français", "العربيّة"."""
    try:
        return capfirst(get_language_info(code)["name_local"])
    except KeyError:
        return code


def is_bidi(code: str) -> bool:
    """Whether the language reads right to left."""
    try:
        return get_language_info(code)["bidi"]
    except KeyError:
        return False


def percent_text(value: object) -> str:
    """A figure and the percent sign as the active language writes them: "45%" in English,
    "45 %" in French, with a non-breaking space that keeps the sign on the figure's line."""
    figure = str(localize(value))
    if (get_language() or "").startswith("fr"):
        return f"{figure}{NO_BREAK_SPACE}%"
    return f"{figure}%"
