"""Who may do what with groups: the one place for the pillars app's permissions."""

import rules
from django.utils import timezone

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


is_staff = rules.is_staff

# A chair keeps their own group's page and meetings current; backbone staff keep every group's.
rules.add_perm("pillars.edit_group_page", is_group_chair | is_staff)
rules.add_perm("pillars.manage_group_meetings", is_group_chair | is_staff)
