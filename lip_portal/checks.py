from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def check_secret_key_is_set(app_configs, **kwargs):
    if settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the local development key.",
                hint="Set the SECRET_KEY environment variable to a long random value.",
                id="lip_portal.E001",
            )
        ]
    return []
