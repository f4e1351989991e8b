"""Council members and staff must have a second factor: until they set one up, every page
sends them to the authenticator app setup (except that setup, signing out, and health checks)."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .rules import needs_second_factor

# allauth's own MFA pages (mfa_*) are always allowed; so are these.
ALLOWED_URL_NAMES = {
    "account_logout",
    "account_login",
    "account_reauthenticate",
    "healthz",
    "logout",  # the admin's sign-out
}


def _is_allowed(request):
    match = request.resolver_match
    if match is None:
        return True
    name = match.url_name or ""
    if name.startswith("mfa_") or name in ALLOWED_URL_NAMES:
        return True
    return request.path_info.startswith(("/" + settings.STATIC_URL.lstrip("/"), "/healthz"))


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if not (user and user.is_authenticated) or _is_allowed(request):
            return None
        if not needs_second_factor(user):
            return None
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            return None
        messages.warning(
            request,
            _(
                "Council members and staff sign in with a second factor. Set up an "
                "authenticator app on your phone now: it takes a minute, and you will need it "
                "each time you sign in."
            ),
        )
        return redirect("mfa_activate_totp")
