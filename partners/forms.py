from typing import TYPE_CHECKING, Any

from allauth.account import forms as allauth_forms
from allauth.account.forms import AddEmailForm, ResetPasswordForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import person_signs_in_with
from .services import person_email_verify_current

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ChangeEmailForm(AddEmailForm):
    """allauth's change of address (ACCOUNT_CHANGE_EMAIL), starting from the address of record:
    the new address replaces it once confirmed from its inbox, never sits beside it."""

    def save(self, request):
        person_email_verify_current(person=self.user)
        return super().save(request)


class PasswordResetForm(ResetPasswordForm):
    """allauth's password reset, sent only to an address the person signs in with (never to
    one they asked to change to and have not confirmed)."""

    def clean_email(self):
        email = super().clean_email()
        self.users = [user for user in self.users if person_signs_in_with(person=user, email=email)]
        return email


# --- allauth's forms, in the portal's words ---------------------------------------------------

AGAIN = _("Type the same password again")


def _relabel(form: forms.Form, **labels: "StrOrPromise") -> None:
    """The portal's label for each field named; allauth's placeholder (its own wording of the
    label, in grey inside the box) goes."""
    for name, label in labels.items():
        form.fields[name].label = label
        form.fields[name].widget.attrs.pop("placeholder", None)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            _relabel(self, remember=_("Keep me signed in on this device"))


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    """The page an invitation (or a reset) links to: someone who never had a password chooses
    one; anyone else chooses a new one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first_time = self.user is not None and not self.user.has_usable_password()
        _relabel(
            self,
            password1=_("Choose a password") if first_time else _("New password"),
            password2=AGAIN,
        )


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            oldpassword=_("Current password"),
            password1=_("New password"),
            password2=AGAIN,
        )


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, password1=_("Choose a password"), password2=AGAIN)
