from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import Benchmark, EquityReview, FollowUpLink


@register(EquityReview)
class EquityReviewTranslationOptions(TranslationOptions):
    fields = ("introduction", "findings", "actions", "progress")


@register(Benchmark)
class BenchmarkTranslationOptions(TranslationOptions):
    fields = ("source",)
    required_languages = {"default": ("source",)}


@register(FollowUpLink)
class FollowUpLinkTranslationOptions(TranslationOptions):
    fields = ("label",)
    required_languages = {"default": ("label",)}


# History after the translations, so it records the _en and _fr columns. Only the review's own
# record has history: the confidential answers never do.
register_history(EquityReview, app="equity", excluded_fields=["aggregates"])
