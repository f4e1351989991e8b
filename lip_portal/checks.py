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


@register(Tags.security, deploy=True)
def check_mfa_secret_key_is_set(app_configs, **kwargs):
    """Second-factor secrets need a key of their own (partners/crypto.py)."""
    if settings.MFA_SECRET_KEY == settings.DEVELOPMENT_MFA_SECRET_KEY:
        return [
            Error(
                "MFA_SECRET_KEY is the local development key.",
                hint="Set the MFA_SECRET_KEY environment variable to a long random value, "
                "different from SECRET_KEY.",
                id="lip_portal.E002",
            )
        ]
    if settings.MFA_SECRET_KEY == settings.SECRET_KEY:
        return [
            Error(
                "MFA_SECRET_KEY is the same as SECRET_KEY.",
                hint="Give second-factor secrets a key of their own, so that rotating "
                "SECRET_KEY and rotating MFA_SECRET_KEY stay separate decisions.",
                id="lip_portal.E003",
            )
        ]
    return []
