from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """How well the partnership works: process and outcome indicators drawn from the portal's own
    records, and the yearly partnership health check."""

    name = "evaluation"
    verbose_name = _("Self-evaluation")
