"""Who may do what with the action plans: the one place that says it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import rules
from django.db.models import Q
from django.utils import timezone

from core.rules import staff_granted
from pillars.models import Membership, running_on

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from partners.models import User

    from .models import ActionItem


@rules.predicate
def is_partner_staff(user: User | AnonymousUser | None) -> bool:
    return bool(user and user.is_authenticated and user.organization_id)


@rules.predicate
def works_for_lead_or_partner(user: User | AnonymousUser | None, item: ActionItem | None) -> bool:
    """The person's organization leads the item or is one of its partners."""
    if item is None or not (user and user.is_authenticated and user.organization_id):
        return False
    if item.lead_organization_id == user.organization_id:
        return True
    return item.partner_organizations.filter(pk=user.organization_id).exists()


def active_chair_filter(today: datetime.date | None = None) -> Q:
    return Q(role=Membership.Role.CHAIR) & running_on(today or timezone.localdate())


@rules.predicate
def chairs_owning_group(user: User | AnonymousUser | None, item: ActionItem | None) -> bool:
    """The person is the sitting chair of the group that owns the item."""
    if item is None or not (user and user.is_authenticated):
        return False
    return Membership.objects.filter(
        active_chair_filter(), person=user, group_id=item.owning_group_id
    ).exists()


@rules.predicate
def item_is_public(user: User | AnonymousUser | None, item: ActionItem | None) -> bool:
    return item is not None and item.annual_plan.is_public


# Drafts (annual plans not yet approved by the Council) are seen by signed-in partners and by
# staff who may view annual plans.
can_view_drafts = staff_granted("actionplans.view_annualactionplan") | is_partner_staff

rules.add_perm("actionplans.view_draft_plans", can_view_drafts)
rules.add_perm("actionplans.view_item", item_is_public | can_view_drafts)
rules.add_perm(
    "actionplans.report_on_item",
    staff_granted("actionplans.add_progressupdate")
    | works_for_lead_or_partner
    | chairs_owning_group,
)
# The plan's contents, kept in the back office by staff whose role grants it.
rules.add_perm("actionplans.add_direction", staff_granted("actionplans.add_strategicdirection"))
rules.add_perm("actionplans.edit_direction", staff_granted("actionplans.change_strategicdirection"))
rules.add_perm("actionplans.add_item", staff_granted("actionplans.add_actionitem"))
rules.add_perm("actionplans.edit_item", staff_granted("actionplans.change_actionitem"))
rules.add_perm("actionplans.remove_item", staff_granted("actionplans.delete_actionitem"))
rules.add_perm(
    "actionplans.remove_direction", staff_granted("actionplans.delete_strategicdirection")
)
rules.add_perm("actionplans.start_plan", staff_granted("actionplans.add_communityactionplan"))
rules.add_perm("actionplans.edit_plan", staff_granted("actionplans.change_communityactionplan"))
rules.add_perm("actionplans.remove_plan", staff_granted("actionplans.delete_communityactionplan"))
rules.add_perm("actionplans.start_annual_plan", staff_granted("actionplans.add_annualactionplan"))
rules.add_perm("actionplans.edit_annual_plan", staff_granted("actionplans.change_annualactionplan"))
rules.add_perm(
    "actionplans.remove_annual_plan", staff_granted("actionplans.delete_annualactionplan")
)
rules.add_perm("actionplans.define_indicator", staff_granted("actionplans.add_indicator"))
rules.add_perm("actionplans.edit_indicator", staff_granted("actionplans.change_indicator"))
rules.add_perm("actionplans.remove_indicator", staff_granted("actionplans.delete_indicator"))
rules.add_perm(
    "actionplans.record_indicator_value", staff_granted("actionplans.add_indicatorvalue")
)
rules.add_perm(
    "actionplans.edit_indicator_value", staff_granted("actionplans.change_indicatorvalue")
)
rules.add_perm(
    "actionplans.remove_indicator_value", staff_granted("actionplans.delete_indicatorvalue")
)
# Recomputing a plan's stored progress figures (they follow every write; this mends them).
rules.add_perm(
    "actionplans.recompute_progress", staff_granted("actionplans.change_annualactionplan")
)
# Opening and locking periods, chasing late reports, bulk export and import.
rules.add_perm("actionplans.run_reporting", staff_granted("actionplans.change_reportingperiod"))
rules.add_perm("actionplans.schedule_period", staff_granted("actionplans.add_reportingperiod"))
rules.add_perm("actionplans.remove_period", staff_granted("actionplans.delete_reportingperiod"))
