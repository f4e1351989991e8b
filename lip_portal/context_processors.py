from django.conf import settings
from django.utils.translation import get_language


def portal(request):
    names = settings.PORTAL_NAME
    return {
        "PORTAL_NAME": names.get(get_language(), names["en"]),
        "SUPPRESSION_THRESHOLD": settings.SUPPRESSION_THRESHOLD,
    }
