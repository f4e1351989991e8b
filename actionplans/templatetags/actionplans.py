from typing import Any

from django import template

from partners.models import Organization

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
