"""Who may do what with annual reports and funder exports: the one place that says it."""

import rules

from actionplans.rules import is_backbone_staff

# Drafts are seen only by backbone staff, in the preview; published versions are public.
rules.add_perm("reports.preview_report", is_backbone_staff)
rules.add_perm("reports.publish_report", is_backbone_staff)
rules.add_perm("reports.export_funder_report", is_backbone_staff)
