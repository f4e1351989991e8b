"""Reads for the pillars app, with the permission checks built in."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, TypedDict

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import (
    Group,
    Meeting,
    MeetingAttendance,
    Membership,
    Pillar,
    TermsOfReference,
    running_on,
)

if TYPE_CHECKING:
    from core.typing import AnyUser
    from partners.models import User

ROLE_ORDER = {role: index for index, role in enumerate(Membership.Role.values)}


def pillar_list() -> QuerySet[Pillar]:
    return Pillar.objects.order_by("order", "slug")


def _active_member_count(today: datetime.date) -> Count:
    return Count(
        "memberships",
        filter=running_on(today, through="memberships__"),
    )


def _groups_with_counts(today: datetime.date) -> QuerySet[Group]:
    return Group.objects.select_related("pillar", "parent").annotate(
        member_count=_active_member_count(today)
    )


class GovernanceStructure(TypedDict):
    councils: list[Group]
    pillars: list[tuple[Pillar, list[Group]]]


def governance_structure(*, today: datetime.date | None = None) -> GovernanceStructure:
    """The Council, each pillar's steering groups and every group's action groups, with the
    number of current members, read in one query and arranged as a tree.

    Returns {"councils": [...], "pillars": [(pillar, [steering groups])]};
    every group carries `action_groups` (its children, ordered by name).
    """
    today = today or timezone.localdate()
    groups = list(_groups_with_counts(today).order_by("name"))
    for group in groups:
        group.action_groups = []
        group.is_wound_down = group.has_wound_down(today)
    by_id = {group.pk: group for group in groups}
    for group in groups:
        if group.parent_id in by_id:
            by_id[group.parent_id].action_groups.append(group)
    councils = [g for g in groups if g.kind == Group.Kind.COUNCIL]
    pillars = list(pillar_list())
    steering: dict[int, list[Group]] = {pillar.pk: [] for pillar in pillars}
    for group in groups:
        if group.kind == Group.Kind.STEERING and group.pillar_id in steering:
            steering[group.pillar_id].append(group)
    return {
        "councils": councils,
        "pillars": [(pillar, steering[pillar.pk]) for pillar in pillars],
    }


def pillar_get_public(
    *, slug: str, today: datetime.date | None = None
) -> tuple[Pillar, list[Group]]:
    """A pillar with its steering groups and their action groups (404 if unknown)."""
    today = today or timezone.localdate()
    pillar = get_object_or_404(Pillar, slug=slug)
    steering = list(
        _groups_with_counts(today).filter(kind=Group.Kind.STEERING, pillar=pillar).order_by("name")
    )
    children = list(_groups_with_counts(today).filter(parent__in=steering).order_by("name"))
    for group in steering:
        group.action_groups = [child for child in children if child.parent_id == group.pk]
        for child in group.action_groups:
            child.is_wound_down = child.has_wound_down(today)
    chairs = (
        Membership.objects.active_on(today)
        .filter(group__in=steering, role=Membership.Role.CHAIR)
        .select_related("person", "organization")
    )
    chair_by_group = {chair.group_id: chair for chair in chairs}
    for group in steering:
        group.chair = chair_by_group.get(group.pk)
    return pillar, steering


def group_get_public(*, slug: str, today: datetime.date | None = None) -> Group:
    """A group as the public sees it: current and past members, the terms of reference in
    force and every earlier version, published meetings and its action groups. A fixed number
    of queries."""
    today = today or timezone.localdate()
    group = get_object_or_404(Group.objects.select_related("pillar", "parent"), slug=slug)
    memberships = list(
        Membership.objects.filter(group=group)
        .select_related("person", "organization")
        .order_by("person__display_name", "person__email", "-term_start")
    )
    current: list[Membership] = []
    past: list[Membership] = []
    upcoming: list[Membership] = []
    for membership in memberships:
        if membership.term_end is not None and membership.term_end < today:
            past.append(membership)
        elif membership.term_start > today:
            upcoming.append(membership)
        else:
            current.append(membership)
    current.sort(key=lambda m: ROLE_ORDER[m.role])
    past.sort(key=lambda m: m.term_end or datetime.date.min, reverse=True)  # all have ended
    group.current_members = current
    group.upcoming_members = upcoming
    group.past_members = past
    group.chairs = [m for m in current if m.role == Membership.Role.CHAIR]
    group.is_wound_down = group.has_wound_down(today)
    # Every version, newest first (a governance record is public): the newest is in force, each
    # earlier one was until the next was adopted.
    versions = list(TermsOfReference.objects.filter(group=group).order_by("-version"))
    for newer, older in zip(versions, versions[1:], strict=False):
        older.replaced_on = newer.adopted_on
    group.terms = versions[0] if versions else None
    group.terms_versions = versions
    group.published_meetings = list(
        Meeting.objects.filter(group=group, is_published=True).order_by("-held_on")
    )
    group.action_groups = list(_groups_with_counts(today).filter(parent=group).order_by("name"))
    for child in group.action_groups:
        child.is_wound_down = child.has_wound_down(today)
    return group


# A calendar lists at most this many meetings, the latest by date (upcoming ones included).
CALENDAR_MAX_MEETINGS = 200


def meetings_for_calendar(*, group: Group | None = None) -> list[Meeting]:
    """The published meetings (of `group`, or of every group), latest first, with their group:
    one query. Unpublished ones are drafts: no calendar shows them."""
    meetings = Meeting.objects.filter(is_published=True).select_related("group")
    if group is not None:
        meetings = meetings.filter(group=group)
    return list(meetings.order_by("-held_on", "-starts_at", "-pk")[:CALENDAR_MAX_MEETINGS])


def group_get_for_calendar(*, slug: str) -> Group:
    """A group whose calendar the public may read (every group's published meetings are public)."""
    return get_object_or_404(Group, slug=slug)


def group_get_for_edit(*, user: User, slug: str) -> Group:
    """The group whose page `user` may edit: its chair or backbone staff; 404 / PermissionDenied."""
    group = get_object_or_404(Group, slug=slug)
    if not user.has_perm("pillars.edit_group_page", group):
        raise PermissionDenied
    return group


def group_get_for_meetings(*, user: User, slug: str) -> Group:
    """The group whose meetings `user` may manage, with all its meetings (published or not)."""
    group = get_object_or_404(
        Group.objects.prefetch_related(
            Prefetch("meetings", queryset=Meeting.objects.order_by("-held_on"))
        ),
        slug=slug,
    )
    if not user.has_perm("pillars.manage_group_meetings", group):
        raise PermissionDenied
    return group


def meeting_get_for_edit(*, user: User, slug: str, pk: int) -> Meeting:
    """A meeting of the group `slug` that `user` may edit; 404 / PermissionDenied."""
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk, group__slug=slug)
    if not user.has_perm("pillars.manage_group_meetings", meeting.group):
        raise PermissionDenied
    return meeting


def meeting_get_for_attendance(*, user: User, slug: str, pk: int) -> Meeting:
    """A meeting of the group `slug` whose attendance `user` may record (the group's chair or
    backbone staff who keep meetings); 404 / PermissionDenied."""
    meeting = get_object_or_404(Meeting.objects.select_related("group"), pk=pk, group__slug=slug)
    if not user.has_perm("pillars.record_attendance", meeting.group):
        raise PermissionDenied
    return meeting


def meeting_attended_ids(meeting: Meeting) -> set[int]:
    """The ids of the people recorded as having attended `meeting`."""
    return set(
        MeetingAttendance.objects.filter(meeting=meeting, attended=True).values_list(
            "person_id", flat=True
        )
    )


def chair_memberships(*, user: User, today: datetime.date | None = None) -> QuerySet[Membership]:
    """The memberships by which `user` chairs a group today."""
    today = today or timezone.localdate()
    return Membership.objects.active_on(today).filter(person=user, role=Membership.Role.CHAIR)


def groups_chaired_by(*, user: AnyUser, today: datetime.date | None = None) -> QuerySet[Group]:
    """The groups `user` chairs today, for their dashboard."""
    if not user.is_authenticated:
        return Group.objects.none()
    chaired = chair_memberships(user=user, today=today)
    return Group.objects.filter(pk__in=chaired.values("group_id")).order_by("name")
