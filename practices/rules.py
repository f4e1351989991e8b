"""Who may do what in the practice library: the one place that says it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from core.rules import staff_granted

if TYPE_CHECKING:
    from actionplans.models import ActionItem
    from core.typing import AnyUser

    from .models import Practice


@rules.predicate
def leads_item(user: AnyUser | None, item: ActionItem | None) -> bool:
    """The person is partner staff of the organization that leads the item."""
    return bool(
        item is not None
        and user
        and user.is_authenticated
        and user.is_active
        and getattr(user, "organization_id", None)
        and item.lead_organization_id == user.organization_id
    )


@rules.predicate
def of_own_organization(user: AnyUser | None, practice: Practice | None) -> bool:
    """The practice was drawn from an item the person's organization leads."""
    return bool(
        practice is not None
        and user
        and user.is_authenticated
        and user.is_active
        and getattr(user, "organization_id", None)
        and practice.lead_organization_id == user.organization_id
    )


@rules.predicate
def not_yet_published(user: AnyUser | None, practice: Practice | None) -> bool:
    return practice is not None and not practice.is_published


@rules.predicate
def is_published(user: AnyUser | None, practice: Practice | None) -> bool:
    return practice is not None and practice.is_published


# Backbone staff whose role grants it (Communications and publishing) publish directly, and
# approve or return what partners submit.
may_publish = staff_granted("practices.publish_practice")

rules.add_perm("practices.publish", may_publish)
# Draft a practice from an item: staff who publish, or partner staff of its lead organization.
rules.add_perm("practices.share_item", may_publish | leads_item)
# Edit: staff who publish; partner staff of the lead organization until it is published.
rules.add_perm("practices.edit_practice", may_publish | (of_own_organization & not_yet_published))
# Submit for approval: partner staff of the lead organization (staff publish directly).
rules.add_perm("practices.submit_practice", of_own_organization & not_yet_published)
rules.add_perm("practices.read_practice", is_published | may_publish | of_own_organization)
