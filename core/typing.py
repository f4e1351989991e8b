"""Types the apps share: the portal's user as views and rules see it.

`partners.models.User` sits above core in the import chain, so it is imported here only for
the type checker; nothing in this module needs it at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    from partners.models import User

# Whoever makes a request: a signed-in portal user or an anonymous visitor.
type AnyUser = User | AnonymousUser


def signed_in_user(request: HttpRequest) -> User:
    """The portal user of a request to a view that requires sign-in (`@login_required`, or a
    `LoginRequiredMixin` view): request.user narrowed from `User | AnonymousUser`.

    Such a view never runs for an anonymous visitor; should one reach it all the same, the
    answer is 403 rather than a view working on an anonymous user."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user
