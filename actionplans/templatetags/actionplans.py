from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("actionplans/includes/organization_items.html", takes_context=True)
def organization_items(context, organization):
    """What the organization leads and supports, for its page in the partner directory."""
    user = context.get("user")
    return {
        "organization": organization,
        "organization_items": selectors.organization_items(organization, user=user),
        "user": user,
    }
