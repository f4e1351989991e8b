"""Who may do what with groups: the one place for the pillars app's permissions."""

import rules
from django.utils import timezone

from partners.rules import staff_granted

from .models import Membership


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

# Seats on groups are kept by backbone staff whose role grants it, in the back office.
rules.add_perm("pillars.seat_member", staff_granted("pillars.add_membership"))
rules.add_perm("pillars.change_seat", staff_granted("pillars.change_membership"))
rules.add_perm("pillars.remove_seat", staff_granted("pillars.delete_membership"))
