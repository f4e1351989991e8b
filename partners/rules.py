"""Who must do what to sign in: the one place that says it for accounts."""

import rules
from django.utils import timezone

from pillars.models import Group, Membership


@rules.predicate
def is_backbone_staff(user):
    """The person is backbone staff: they may open the back office (what they may do there
    comes from their roles, see staff_granted)."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def staff_granted(permission):
    """A predicate: backbone staff whose roles (Django groups) grant `permission`, a Django
    permission such as "actionplans.change_reportingperiod"; superusers hold every one.

    Staff powers come from permissions, never from is_staff alone; and only staff hold them,
    since staff sign in with a second factor. `permission` must not be a rule's own name: the
    model backend would grant that name to anyone given the permission, staff or not."""

    @rules.predicate(name=f"staff_granted({permission})")
    def granted(user):
        return is_backbone_staff(user) and user.has_perm(permission)

    return granted


@rules.predicate
def is_council_member(user):
    """The person holds a running Council membership (any role)."""
    if not (user and user.is_authenticated):
        return False
    today = timezone.localdate()
    return (
        Membership.objects.active_on(today)
        .filter(person=user, group__kind=Group.Kind.COUNCIL)
        .exists()
    )


# Council members vote on the plan and staff run everything: both sign in with a second factor.
needs_second_factor = is_backbone_staff | is_council_member

rules.add_perm("partners.needs_second_factor", needs_second_factor)
rules.add_perm("partners.open_back_office", is_backbone_staff)
