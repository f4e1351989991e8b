from django.conf import settings
from django.core.checks import Error, register

from .form_strings import LANGUAGES


@register
def check_consultation_languages(app_configs, **kwargs):
    unknown = [code for code in settings.CONSULTATION_LANGUAGES if code not in LANGUAGES]
    if unknown:
        return [
            Error(
                f"CONSULTATION_LANGUAGES names languages without form texts: {', '.join(unknown)}.",
                hint=f"Use codes among {', '.join(sorted(LANGUAGES))}, or add the language to "
                "consultations/form_strings.py.",
                id="consultations.E001",
            )
        ]
    return []
