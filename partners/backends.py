from allauth.account.auth_backends import AuthenticationBackend

from .selectors import person_signs_in_with


class EmailAuthenticationBackend(AuthenticationBackend):
    """allauth's sign-in by email, refusing an address the person has not confirmed (one they
    asked to change to): it is not yet theirs."""

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        login = credentials.get("email") or credentials.get("username")
        if user is not None and login and not person_signs_in_with(person=user, email=login):
            return None
        return user
