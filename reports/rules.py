"""Who may do what with annual reports and funder exports: the one place that says it."""

import rules

from core.rules import staff_granted

# Drafts are seen only by backbone staff, in the preview; published versions are public.
rules.add_perm("reports.preview_report", staff_granted("reports.view_annualreport"))
rules.add_perm("reports.start_report", staff_granted("reports.add_annualreport"))
rules.add_perm("reports.edit_report", staff_granted("reports.change_annualreport"))
rules.add_perm("reports.publish_report", staff_granted("reports.publish_annualreport"))
rules.add_perm("reports.remove_report", staff_granted("reports.delete_annualreport"))
# The funder's progress report: every item's latest update in a period.
rules.add_perm("reports.export_funder_report", staff_granted("actionplans.view_progressupdate"))
