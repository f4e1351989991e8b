"""Reads for the partners app."""

from django.shortcuts import get_object_or_404
from django.utils import timezone

from pillars.models import Membership

from .models import Organization


def organization_directory():
    """Every organization for the public directory, ordered by name (filtered by the view)."""
    return Organization.objects.order_by("name")


def organization_get_public(*, slug, today=None):
    """An organization with the seats its people hold today, grouped by group (404 if unknown)."""
    today = today or timezone.localdate()
    organization = get_object_or_404(Organization, slug=slug)
    seats = (
        Membership.objects.active_on(today)
        .filter(organization=organization)
        .select_related("group", "person")
        .order_by("group__kind", "group__name", "person__display_name")
    )
    groups = {}
    for seat in seats:
        groups.setdefault(seat.group_id, (seat.group, []))[1].append(seat)
    organization.current_groups = list(groups.values())
    organization.is_current = organization.is_current_partner(today)
    return organization


def person_signs_in_with(*, person, email):
    """Whether `email` is an address `person` may sign in with or receive a password reset at:
    their address of record, or an address they confirmed. An address they only asked to
    change to is not one until they confirm it from its inbox."""
    from allauth.account.models import EmailAddress

    email = (email or "").strip().lower()
    if person.email.lower() == email:
        return True
    return EmailAddress.objects.filter(user=person, email__iexact=email, verified=True).exists()
