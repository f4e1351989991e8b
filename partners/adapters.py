from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.encoding import force_str

from core.mail import email_send

from .crypto import secret_decrypt, secret_encrypt


class AccountAdapter(DefaultAccountAdapter):
    """Accounts come by invitation only, and the portal's emails go through the task queue."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        # In the recipient's language, whatever the page that asked for it was in.
        language = self.recipient_language(email, context)
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
        html_body = ""
        for content, mimetype in getattr(message, "alternatives", []):
            if mimetype == "text/html":
                html_body = content
        email_send(
            subject=message.subject,
            body=message.body,
            to=message.to,
            html_body=html_body,
            from_email=message.from_email,
            language=language,
        )

    def recipient_language(self, email, context):
        """The preferred language of the person at `email`, or the page's for an address that
        has no account (a password reset asked for an unknown address)."""
        from .models import User

        user = context.get("user")
        if not isinstance(user, User):
            user = User.objects.filter(email__iexact=email).first()
        return (user.preferred_language if user else "") or translation.get_language()

    def format_email_subject(self, subject):
        # core.mail.email_send starts every subject with the partnership's name in the
        # email's language (not ACCOUNT_EMAIL_SUBJECT_PREFIX, which has one language).
        return force_str(subject)

    def post_login(
        self, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any
    ) -> HttpResponse:
        # The person reads the portal in the language they chose in their profile from the
        # moment they sign in, whatever page they signed in from: the "signed in" message is
        # worded in it, they land on its dashboard (/fr/dashboard/) and the language cookie
        # remembers it for the pages that go by it.
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            response = super().post_login(request, user, **kwargs)
        if isinstance(response, HttpResponseRedirect):
            # A page asked for in the sign-in page's language (?next=/reports/) opens in theirs.
            response["Location"] = translate_url(response.url, language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
        return response

    def get_login_redirect_url(self, request):
        # People land on their dashboard in the language they chose in their profile.
        language = getattr(request.user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            return reverse("dashboard")

    def is_reauthentication_required(self, *, app, **kwargs):
        # Someone who must set up a second factor is sent to do it right after signing in:
        # asking for the password again there only gets in the way. Once they have one, changing
        # it asks for the password again as usual.
        request = self.request or getattr(context, "request", None)
        user = getattr(request, "user", None)
        if app == "allauth.mfa" and user is not None and user.is_authenticated:
            from allauth.mfa.models import Authenticator

            if not Authenticator.objects.filter(user=user).exists():
                return False
        return super().is_reauthentication_required(app=app, **kwargs)


class MFAAdapter(DefaultMFAAdapter):
    """Second-factor secrets are stored encrypted under MFA_SECRET_KEY (see partners.crypto)."""

    def encrypt(self, text):
        return secret_encrypt(text)

    def decrypt(self, encrypted_text):
        return secret_decrypt(encrypted_text)
