"""Who may do what with groups: the one place for the pillars app's permissions."""

import rules
from django.utils import timezone

from core.rules import staff_granted

from .models import Group, Membership


@rules.predicate
def is_council_member(user):
    """The person holds a running Council membership (any role). A person read for a request
    comes with the answer (partners.backends), so the check costs no query there."""
    if not (user and user.is_authenticated):
        return False
    if hasattr(user, "holds_council_seat"):
        return user.holds_council_seat
    return (
        Membership.objects.active_on(timezone.localdate())
        .filter(person=user, group__kind=Group.Kind.COUNCIL)
        .exists()
    )


@rules.predicate
def is_group_chair(user, group):
    """The person chairs this group today (a chair whose term has ended no longer does)."""
    if not user.is_authenticated or group is None:
        return False
    today = timezone.localdate()
    return (
        Membership.objects.active_on(today)
        .filter(group=group, person=user, role=Membership.Role.CHAIR)
        .exists()
    )


# A chair keeps their own group's page and meetings current; backbone staff whose role grants
# it keep every group's.
rules.add_perm("pillars.edit_group_page", is_group_chair | staff_granted("pillars.change_group"))
rules.add_perm(
    "pillars.manage_group_meetings", is_group_chair | staff_granted("pillars.change_meeting")
)
# Who attended a meeting: recorded by the group's chair, or by staff who keep meetings.
rules.add_perm(
    "pillars.record_attendance", is_group_chair | staff_granted("pillars.change_meeting")
)

# Seats on groups are kept by backbone staff whose role grants it, in the back office.
rules.add_perm("pillars.seat_member", staff_granted("pillars.add_membership"))
rules.add_perm("pillars.change_seat", staff_granted("pillars.change_membership"))
rules.add_perm("pillars.remove_seat", staff_granted("pillars.delete_membership"))

# The pillars, the groups themselves and their terms of reference, kept in the back office.
rules.add_perm("pillars.create_pillar", staff_granted("pillars.add_pillar"))
rules.add_perm("pillars.edit_pillar", staff_granted("pillars.change_pillar"))
rules.add_perm("pillars.remove_pillar", staff_granted("pillars.delete_pillar"))
rules.add_perm("pillars.form_group", staff_granted("pillars.add_group"))
rules.add_perm("pillars.edit_group", staff_granted("pillars.change_group"))
rules.add_perm("pillars.remove_group", staff_granted("pillars.delete_group"))
rules.add_perm("pillars.adopt_terms", staff_granted("pillars.add_termsofreference"))
rules.add_perm("pillars.edit_terms", staff_granted("pillars.change_termsofreference"))
rules.add_perm("pillars.remove_terms", staff_granted("pillars.delete_termsofreference"))
