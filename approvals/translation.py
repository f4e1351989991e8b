from modeltranslation.translator import TranslationOptions, register

from .models import ApprovalRequest


@register(ApprovalRequest)
class ApprovalRequestTranslationOptions(TranslationOptions):
    fields = ("question",)
