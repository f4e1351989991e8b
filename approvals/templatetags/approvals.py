import datetime
from collections.abc import Iterable

from django import template

from actionplans.models import StrategicDirection

from .. import selectors
from ..models import Decision

register = template.Library()


@register.simple_tag
def approving_decision(obj: object) -> Decision | None:
    """`{% approving_decision plan as decision %}`: the Council decision that approved it."""
    return selectors.approving_decision(obj)


@register.simple_tag
def attach_approving_decisions(directions: Iterable[StrategicDirection]) -> str:
    """`{% attach_approving_decisions directions %}`: gives each approved direction its
    `approving_decision`, in one query for all of them. Renders nothing."""
    decisions = selectors.approving_decisions_for_directions(directions)
    for direction in directions:
        direction.approving_decision = decisions.get(direction.pk)
    return ""


@register.filter
def time_left(delta: datetime.timedelta) -> str:
    """A timedelta as days and hours, for "closes in ..."."""
    from django.utils.translation import ngettext

    total_hours = max(0, int(delta.total_seconds() // 3600))
    days, hours = divmod(total_hours, 24)
    parts: list[str] = []
    if days:
        parts.append(ngettext("%(n)s day", "%(n)s days", days) % {"n": days})
    if hours or not days:
        if total_hours == 0:
            minutes = max(1, int(delta.total_seconds() // 60))
            parts.append(ngettext("%(n)s minute", "%(n)s minutes", minutes) % {"n": minutes})
        else:
            parts.append(ngettext("%(n)s hour", "%(n)s hours", hours) % {"n": hours})
    return " ".join(parts)
