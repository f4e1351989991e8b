"""Who may do what in the self-evaluation: the one place that says it.

Who may do what in the self-evaluation: the one place for the evaluation app's permissions."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules
from django.utils import timezone

from core.rules import staff_granted
from pillars.models import Membership

if TYPE_CHECKING:
    from core.typing import AnyUser

# --- The partnership health check ---------------------------------------------------------------


@rules.predicate
def sits_on_a_body(user: AnyUser | None) -> bool:
    """The person holds an active membership of a body (Council, steering or action group)."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and Membership.objects.active_on(timezone.localdate()).filter(person=user).exists()
    )


# Open and close a health check, and see how many took part (never who answered what).
rules.add_perm("evaluation.manage_health_check", staff_granted("evaluation.change_healthcheck"))
rules.add_perm("evaluation.write_health_check", staff_granted("evaluation.add_healthcheck"))
rules.add_perm("evaluation.remove_health_check", staff_granted("evaluation.delete_healthcheck"))
# Word the statements, in English and French.
rules.add_perm("evaluation.write_statement", staff_granted("evaluation.add_healthcheckstatement"))
rules.add_perm("evaluation.edit_statement", staff_granted("evaluation.change_healthcheckstatement"))
rules.add_perm(
    "evaluation.remove_statement", staff_granted("evaluation.delete_healthcheckstatement")
)
# Approve or reject an open comment before it may be quoted.
rules.add_perm("evaluation.moderate_comment", staff_granted("evaluation.change_healthcheckcomment"))
# Answer: members of a body only. A rule, not a permission: Django grants every permission to
# superusers, and a superuser who sits on no body has nothing to answer.
rules.add_rule("evaluation.answer_health_check", sits_on_a_body)


def may_answer(user: AnyUser | None) -> bool:
    return rules.test_rule("evaluation.answer_health_check", user)


# --- Process and outcome indicators ----------------------------------------------------------

# The reference list of sectors the partnership seeks, kept in the back office.
rules.add_perm(
    "evaluation.edit_sector_reference", staff_granted("evaluation.change_sectorreference")
)
rules.add_perm("evaluation.add_sector_reference", staff_granted("evaluation.add_sectorreference"))
rules.add_perm(
    "evaluation.remove_sector_reference", staff_granted("evaluation.delete_sectorreference")
)
