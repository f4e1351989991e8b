"""Who must do what to sign in, and who may change organizations, people, staff roles and
people's email addresses: the one place that says it for accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

import rules

from core.rules import is_backbone_staff, staff_granted
from pillars.rules import is_council_member

if TYPE_CHECKING:
    from core.typing import AnyUser

# Council members vote on the plan and staff run everything: both sign in with a second factor.
needs_second_factor = is_backbone_staff | is_council_member

rules.add_perm("partners.needs_second_factor", needs_second_factor)
rules.add_perm("partners.open_back_office", is_backbone_staff)

# Organizations, one by one or from a CSV file (which adds some and changes others).
rules.add_perm("partners.register_organization", staff_granted("partners.add_organization"))
rules.add_perm("partners.edit_organization", staff_granted("partners.change_organization"))
rules.add_perm("partners.remove_organization", staff_granted("partners.delete_organization"))


@rules.predicate
def may_import_organizations(user: AnyUser | None) -> bool:
    """An import adds organizations and changes others: it takes both powers."""
    return staff_granted("partners.add_organization")(user) and staff_granted(
        "partners.change_organization"
    )(user)


rules.add_perm("partners.import_organizations", may_import_organizations)

# People's accounts; who is staff and with which roles is a power apart (assign_roles).
rules.add_perm("partners.open_account", staff_granted("partners.add_user"))
rules.add_perm("partners.edit_account", staff_granted("partners.change_user"))
rules.add_perm("partners.remove_account", staff_granted("partners.delete_user"))
rules.add_perm("partners.invite_person", staff_granted("partners.change_user"))
rules.add_perm("partners.give_roles", staff_granted("partners.assign_roles"))
rules.add_perm("partners.remove_second_factor", staff_granted("mfa.delete_authenticator"))

# The staff roles themselves (Django groups, lip_portal.roles): what each one grants.
rules.add_perm("partners.define_role", staff_granted("auth.add_group"))
rules.add_perm("partners.edit_role", staff_granted("auth.change_group"))
rules.add_perm("partners.remove_role", staff_granted("auth.delete_group"))

# People's email addresses (allauth's), when staff fix one for a person.
rules.add_perm("partners.record_email_address", staff_granted("account.add_emailaddress"))
rules.add_perm("partners.edit_email_address", staff_granted("account.change_emailaddress"))
rules.add_perm("partners.remove_email_address", staff_granted("account.delete_emailaddress"))
