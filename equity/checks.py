from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_equity_answer_key_is_its_own(app_configs, **kwargs):
    # Unset, the key falls back to SECRET_KEY (settings.py): changing that would cut every
    # person off from their own answers.
    if settings.EQUITY_ANSWER_KEY == settings.SECRET_KEY:
        return [
            Error(
                "EQUITY_ANSWER_KEY is not set: people's links to their own equity answers hang "
                "on SECRET_KEY.",
                hint=(
                    "Set EQUITY_ANSWER_KEY to a long random value of its own. If answers were "
                    "given before, set EQUITY_ANSWER_KEY_FALLBACKS to the current SECRET_KEY and "
                    "run manage.py rotate_equity_answer_key."
                ),
                id="equity.E001",
            )
        ]
    return []
