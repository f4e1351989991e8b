"""Who may do what in the self-evaluation: the one place for the evaluation app's permissions."""

import rules

from core.rules import staff_granted

# --- Process and outcome indicators ----------------------------------------------------------

# The reference list of sectors the partnership seeks, kept in the back office.
rules.add_perm(
    "evaluation.edit_sector_reference", staff_granted("evaluation.change_sectorreference")
)
rules.add_perm("evaluation.add_sector_reference", staff_granted("evaluation.add_sectorreference"))
rules.add_perm(
    "evaluation.remove_sector_reference", staff_granted("evaluation.delete_sectorreference")
)
