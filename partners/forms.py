from allauth.account.forms import AddEmailForm, ResetPasswordForm

from .selectors import person_signs_in_with
from .services import person_email_verify_current


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
