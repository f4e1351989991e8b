"""Reads for the partners app."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pillars.models import Group, Membership

from .models import Organization, User


def organization_directory() -> QuerySet[Organization]:
    """Every organization for the public directory, ordered by name (filtered by the view)."""
    return Organization.objects.order_by("name")


def organization_get_public(*, slug: str, today: datetime.date | None = None) -> Organization:
    """An organization with the seats its people hold today, grouped by group (404 if unknown)."""
    today = today or timezone.localdate()
    organization = get_object_or_404(Organization, slug=slug)
    seats = (
        Membership.objects.active_on(today)
        .filter(organization=organization)
        .select_related("group", "person")
        .order_by("group__kind", "group__name", "person__display_name")
    )
    groups: dict[int, tuple[Group, list[Membership]]] = {}
    for seat in seats:
        groups.setdefault(seat.group_id, (seat.group, []))[1].append(seat)
    organization.current_groups = list(groups.values())
    organization.is_current = organization.is_current_partner(today)
    return organization


def person_signs_in_with(*, person: User, email: str | None) -> bool:
    """Whether `email` is an address `person` may sign in with or receive a password reset at:
    their address of record, or an address they confirmed. An address they only asked to
    change to is not one until they confirm it from its inbox."""
    from allauth.account.models import EmailAddress

    email = (email or "").strip().lower()
    if person.email.lower() == email:
        return True
    signs_in: bool = EmailAddress.objects.filter(
        user=person, email__iexact=email, verified=True
    ).exists()
    return signs_in
