"""Which translations await a native speaker's review.

A catalogue entry that no native speaker has checked yet carries the translator comment line
`# review: awaiting a native speaker` (locale/<locale>/LC_MESSAGES/django.po). Staff see those
strings marked when they preview a form in that language; the public never does. The catalogues
do not change while the process runs, so each language's is read once per process.
"""

import functools
from pathlib import Path

import polib
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext, to_locale

MARKER = "review: awaiting a native speaker"


def catalogue_path(language: str) -> Path | None:
    """The project's catalogue of `language` (first of LOCALE_PATHS holding one), if any."""
    for folder in settings.LOCALE_PATHS:
        path = Path(folder) / to_locale(language) / "LC_MESSAGES" / "django.po"
        if path.is_file():
            return path
    return None


@functools.cache
def awaiting_review(language: str) -> frozenset[str]:
    """The msgids whose translation into `language` awaits a native speaker's review."""
    path = catalogue_path(language)
    if path is None:
        return frozenset()
    return frozenset(
        entry.msgid
        for entry in polib.pofile(str(path))
        if not entry.obsolete
        and MARKER in (line.strip() for line in (entry.tcomment or "").splitlines())
    )


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs: object) -> None:
    if setting == "LOCALE_PATHS":
        awaiting_review.cache_clear()


def mark_awaiting_review(text: str) -> SafeString:
    """`text` underlined for staff, with a note for screen readers in the site's language."""
    return format_html(
        '<span class="awaiting-review">{}<span class="visually-hidden" lang="{}" dir="ltr"> '
        "({})</span></span>",
        text,
        get_language(),
        gettext("awaiting a native speaker’s review"),
    )
