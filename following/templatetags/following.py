from typing import Any

from django import template
from django.http import HttpRequest

from ..forms import FollowForm
from ..models import Subscription
from ..services import consent_wording

register = template.Library()

_KINDS = {
    "pillar": Subscription.Kind.PILLAR,
    "group": Subscription.Kind.GROUP,
    "consultation": Subscription.Kind.CONSULTATION,
    "reports": Subscription.Kind.REPORTS,
}


@register.inclusion_tag("following/follow_form.html", takes_context=True)
def follow_form(context: dict[str, Any], kind: str, target: Any = None) -> dict[str, Any]:
    """The small follow-by-email form of a pillar, group, consultation or the reports page."""
    request: HttpRequest = context["request"]
    if getattr(target, "status", None) == "draft":
        # A draft consultation (staff preview) cannot be followed yet.
        return {"hidden": True}
    subscription = Subscription(
        kind=_KINDS[kind],
        pillar=target if kind == "pillar" else None,
        group=target if kind == "group" else None,
        consultation=target if kind == "consultation" else None,
    )
    from ..selectors import target_name

    name = target_name(subscription)
    form = FollowForm(
        initial={
            "kind": kind,
            "target": getattr(target, "pk", None),
            "source": request.path,
        },
        auto_id=f"follow-{kind}-%s",
    )
    return {"follow": form, "name": name, "consent": consent_wording(name=name), "kind": kind}


@register.filter
def following_name(subscription: Subscription) -> str:
    """What a subscription follows, in the active language."""
    from ..selectors import target_name

    return target_name(subscription)
