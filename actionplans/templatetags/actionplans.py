from typing import Any

from django import template

from partners.models import Organization
from pillars.models import Pillar

from .. import selectors

register = template.Library()


@register.inclusion_tag("actionplans/includes/organization_items.html", takes_context=True)
def organization_items(context: template.Context, organization: Organization) -> dict[str, Any]:
    """What the organization leads and supports, for its page in the partner directory."""
    user = context.get("user")
    return {
        "organization": organization,
        "organization_items": selectors.organization_items(organization, user=user),
        "user": user,
    }


@register.inclusion_tag("actionplans/includes/pillar_directions.html", takes_context=True)
def pillar_directions(context: template.Context, pillar: Pillar) -> dict[str, Any]:
    """The pillar's strategic directions in this year's plan and their progress, for the
    pillar's public page (pillars sits below actionplans: it asks through this tag)."""
    return {
        "pillar": pillar,
        "progress": selectors.pillar_progress(pillar=pillar, user=context.get("user")),
    }
