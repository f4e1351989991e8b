"""Who must do what to sign in: the one place that says it for accounts."""

import rules

from core.rules import is_backbone_staff
from pillars.rules import is_council_member

# Council members vote on the plan and staff run everything: both sign in with a second factor.
needs_second_factor = is_backbone_staff | is_council_member

rules.add_perm("partners.needs_second_factor", needs_second_factor)
rules.add_perm("partners.open_back_office", is_backbone_staff)
