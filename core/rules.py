"""Predicates about the person alone, shared by every app's rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import rules

if TYPE_CHECKING:
    from .typing import AnyUser


@rules.predicate
def is_backbone_staff(user: AnyUser | None) -> bool:
    """The person is backbone staff: they may open the back office (what they may do there
    comes from their roles, see staff_granted)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def staff_granted(permission: str) -> Callable[[AnyUser | None], bool]:
    """A predicate: backbone staff whose roles (Django groups) grant `permission`, a Django
    permission such as "actionplans.change_reportingperiod"; superusers hold every one.

    Staff powers come from permissions, never from is_staff alone; and only staff hold them,
    since staff sign in with a second factor. `permission` must not be a rule's own name: the
    model backend would grant that name to anyone given the permission, staff or not."""

    @rules.predicate(name=f"staff_granted({permission})")
    def granted(user: AnyUser | None) -> bool:
        return user is not None and is_backbone_staff(user) and user.has_perm(permission)

    return granted
