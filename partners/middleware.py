"""Council members and staff must have a second factor: until they set one up, every page
sends them to the authenticator app setup (except that setup, signing out, and health checks).
Their sessions also end sooner than other people's (SessionLimitsMiddleware)."""

import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
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


# --- Session limits -------------------------------------------------------------------------

SIGNED_IN_AT = "partners.signed_in_at"
SEEN_AT = "partners.seen_at"
# The last-seen time is written at most this often, so a busy page does not save the session
# on every request.
SEEN_RESOLUTION_SECONDS = 60


def session_mark_signed_in(sender, request, user, **kwargs):
    """Receiver of user_logged_in: the session's clock starts when the person signs in."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[SEEN_AT] = now


def _session_end_reason(session, now):
    signed_in_at = session.get(SIGNED_IN_AT, now)
    seen_at = session.get(SEEN_AT, signed_in_at)
    if now - signed_in_at > settings.STAFF_SESSION_MAX_HOURS * 3600:
        return _(
            "You were signed out: staff and council members sign in again every "
            "%(hours)s hours. Sign in to continue."
        ) % {"hours": settings.STAFF_SESSION_MAX_HOURS}
    if now - seen_at > settings.STAFF_SESSION_IDLE_MINUTES * 60:
        return _(
            "You were signed out after %(minutes)s minutes without activity, as staff and "
            "council members are. Sign in to continue."
        ) % {"minutes": settings.STAFF_SESSION_IDLE_MINUTES}
    return None


class SessionLimitsMiddleware:
    """Staff and council sessions end after STAFF_SESSION_IDLE_MINUTES without a request and
    STAFF_SESSION_MAX_HOURS after signing in; the sign-in page then says why. Other people
    keep the usual two-week session. Whether someone is staff or council is asked only once a
    limit has passed, so an ordinary request costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            now = int(time.time())
            reason = _session_end_reason(session, now)
            if reason and needs_second_factor(user):
                return self._end(request, reason)
            if reason or SIGNED_IN_AT not in session:
                # Someone with no such limits, past them: start the clock again, so the
                # question is asked once per period at most.
                session[SIGNED_IN_AT] = now
                session[SEEN_AT] = now
            elif now - session.get(SEEN_AT, now) >= SEEN_RESOLUTION_SECONDS:
                session[SEEN_AT] = now
        return self.get_response(request)

    def _end(self, request, reason):
        next_url = request.get_full_path() if request.method == "GET" else ""
        logout(request)
        messages.info(request, reason)
        login_url = reverse("account_login")
        if next_url:
            login_url += "?" + urlencode({REDIRECT_FIELD_NAME: next_url})
        return redirect(login_url)
