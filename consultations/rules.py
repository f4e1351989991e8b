"""Who may do what with consultations: the one place that says it."""

import rules


@rules.predicate
def is_backbone_staff(user):
    return bool(user and user.is_active and user.is_staff)


# Answering needs no account; everything behind the scenes is for backbone staff.
rules.add_perm("consultations.preview_consultation", is_backbone_staff)
rules.add_perm("consultations.view_results", is_backbone_staff)
rules.add_perm("consultations.enter_responses", is_backbone_staff)
rules.add_perm("consultations.moderate_quotes", is_backbone_staff)
