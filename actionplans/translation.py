from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from .models import (
    ActionItem,
    AnnualActionPlan,
    CommunityActionPlan,
    Indicator,
    IndicatorValue,
    StrategicDirection,
)


@register(CommunityActionPlan)
class CommunityActionPlanTranslationOptions(TranslationOptions):
    fields = ("title", "summary")
    required_languages = {"default": ("title",)}


@register(StrategicDirection)
class StrategicDirectionTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"default": ("title",)}


@register(AnnualActionPlan)
class AnnualActionPlanTranslationOptions(TranslationOptions):
    fields = ("summary",)


@register(ActionItem)
class ActionItemTranslationOptions(TranslationOptions):
    fields = ("title", "description")
    required_languages = {"default": ("title",)}


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "description", "unit")
    required_languages = {"default": ("name", "unit")}


@register(IndicatorValue)
class IndicatorValueTranslationOptions(TranslationOptions):
    fields = ("category",)


# History is registered after the translations so that it records the _en and _fr columns.
# An item's status, percent and version are not part of its history: each change of them is a
# progress update, the item's own append-only log.
register_history(CommunityActionPlan, app="actionplans")
register_history(StrategicDirection, app="actionplans")
register_history(AnnualActionPlan, app="actionplans")
register_history(
    ActionItem,
    app="actionplans",
    excluded_fields=["status", "percent", "version", "latest_update"],
    m2m_fields=["partner_organizations"],
)
