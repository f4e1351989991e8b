from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import ApprovalRequest, Vote


@register(ApprovalRequest)
class ApprovalRequestTranslationOptions(TranslationOptions):
    fields = ("question", "endorsement_override")


# A member may change their vote until the vote closes: keep each version for the audit.
register_history(Vote, app="approvals")
