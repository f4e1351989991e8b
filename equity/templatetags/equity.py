from django import template

from ..selectors import open_equity_invitations

register = template.Library()


@register.simple_tag
def equity_invitations(user):
    """The person's invitations to open equity questionnaires, for their dashboard."""
    return list(open_equity_invitations(user))
