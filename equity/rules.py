"""Who may do what with equity reviews: the one place that says it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from core.rules import staff_granted

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from partners.models import User

    from .models import Invitation


@rules.predicate
def owns_invitation(user: User | AnonymousUser | None, invitation: Invitation | None) -> bool:
    return bool(user and user.is_authenticated and invitation and invitation.person_id == user.pk)


# Open, close and publish a review, and see its aggregates before publication.
rules.add_perm("equity.manage_review", staff_granted("equity.change_equityreview"))
# Delete a draft review; keep its community benchmarks and its follow-ups.
rules.add_perm("equity.remove_review", staff_granted("equity.delete_equityreview"))
rules.add_perm("equity.write_benchmark", staff_granted("equity.add_benchmark"))
rules.add_perm("equity.edit_benchmark", staff_granted("equity.change_benchmark"))
rules.add_perm("equity.remove_benchmark", staff_granted("equity.delete_benchmark"))
rules.add_perm("equity.write_follow_up", staff_granted("equity.add_followuplink"))
rules.add_perm("equity.edit_follow_up", staff_granted("equity.change_followuplink"))
rules.add_perm("equity.remove_follow_up", staff_granted("equity.delete_followuplink"))
# Answer, see, change, withdraw or decline: only the invited person, through their own link.
# A rule, not a permission: Django grants every permission to superusers, and no superuser
# may see someone else's answers.
rules.add_rule("equity.answer_questionnaire", owns_invitation)


def may_answer(user: User | AnonymousUser | None, invitation: Invitation | None) -> bool:
    return rules.test_rule("equity.answer_questionnaire", user, invitation)
