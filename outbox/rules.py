"""Who may do what with the outbox: the one place that says it."""

from typing import TYPE_CHECKING

import rules

if TYPE_CHECKING:
    from partners.models import User


@rules.predicate
def sees_the_outbox(user: "User | None") -> bool:
    """Backbone staff who may read the outbox in the back office (superusers, or staff given
    the permission one by one: no role grants it)."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("outbox.view_message")
    )


# Trying again now the tasks not done: whoever may read the outbox.
rules.add_perm("outbox.retry_messages", sees_the_outbox)
