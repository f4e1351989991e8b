from pathlib import Path

from django.conf import settings
from django.core.checks import Error, register
from django.utils.translation import to_locale

from .languages import ENGLISH_NAMES


@register
def check_consultation_languages(app_configs, **kwargs):
    errors = []
    unknown = [code for code in settings.CONSULTATION_LANGUAGES if code not in ENGLISH_NAMES]
    if unknown:
        errors.append(
            Error(
                f"CONSULTATION_LANGUAGES names languages without form texts: {', '.join(unknown)}.",
                hint=f"Use codes among {', '.join(sorted(ENGLISH_NAMES))}, or add the language "
                "(README, Translations).",
                id="consultations.E001",
            )
        )
    uncatalogued = [
        code
        for code in settings.CONSULTATION_LANGUAGES
        if code in ENGLISH_NAMES and code != "en" and not _has_catalogue(code)
    ]
    if uncatalogued:
        errors.append(
            Error(
                "CONSULTATION_LANGUAGES names languages without a translation catalogue: "
                f"{', '.join(uncatalogued)}.",
                hint="Each needs locale/<code>/LC_MESSAGES/django.po (README, Translations).",
                id="consultations.E002",
            )
        )
    return errors


def _has_catalogue(code):
    return any(
        (Path(path) / to_locale(code) / "LC_MESSAGES" / "django.po").exists()
        for path in settings.LOCALE_PATHS
    )
