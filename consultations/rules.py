"""Who may do what with consultations: the one place that says it."""

import rules

from core.rules import staff_granted

# Answering needs no account; everything behind the scenes is for backbone staff whose role
# grants it (Communications and publishing).
rules.add_perm(
    "consultations.preview_consultation", staff_granted("consultations.view_consultation")
)
# Every response, one by one: the results page, its CSV and the free-text answers.
rules.add_perm("consultations.view_results", staff_granted("consultations.view_response"))
rules.add_perm("consultations.enter_responses", staff_granted("consultations.add_response"))
rules.add_perm("consultations.moderate_quotes", staff_granted("consultations.change_answer"))
rules.add_perm("consultations.set_status", staff_granted("consultations.change_consultation"))
rules.add_perm("consultations.delete_responses", staff_granted("consultations.delete_response"))
# Building a consultation in the back office: its texts, dates and languages, and its questions.
rules.add_perm("consultations.start_consultation", staff_granted("consultations.add_consultation"))
rules.add_perm(
    "consultations.edit_consultation", staff_granted("consultations.change_consultation")
)
rules.add_perm(
    "consultations.remove_consultation", staff_granted("consultations.delete_consultation")
)
rules.add_perm("consultations.write_question", staff_granted("consultations.add_question"))
rules.add_perm("consultations.edit_question", staff_granted("consultations.change_question"))
rules.add_perm("consultations.remove_question", staff_granted("consultations.delete_question"))
