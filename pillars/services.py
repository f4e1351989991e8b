"""Writes for the pillars app: every change to groups, memberships and meetings goes here."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.page_cache import content_changed

from .models import Group, Meeting, MeetingAttendance, Membership, Pillar, TermsOfReference

if TYPE_CHECKING:
    from partners.models import User

if TYPE_CHECKING:
    from django.db.models import Model

    from partners.models import Organization, User

MANDATE_MAX_LENGTH = 5000
MEETING_TEXT_MAX_LENGTH = 20000


def terms_overlap(
    a_start: datetime.date,
    a_end: datetime.date | None,
    b_start: datetime.date,
    b_end: datetime.date | None,
) -> bool:
    """Whether two terms share at least one day (an empty end runs on without limit)."""
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def chair_clash_message(
    *,
    group: Group | None,
    person: object,
    term_start: datetime.date,
    term_end: datetime.date | None,
) -> str:
    """The message shown when a new chair's term overlaps the term of `person`, a chair."""
    start = date_format(term_start)
    if term_end is None:
        term = _("since %(start)s") % {"start": start}
    else:
        term = _("from %(start)s to %(end)s") % {"start": start, "end": date_format(term_end)}
    return _(
        "%(person)s already chairs %(group)s %(term)s. A group has one chair at a "
        "time: end that term first, or choose dates that do not overlap."
    ) % {"person": person, "group": group, "term": term}


@dataclass(frozen=True)
class Seat:
    """A membership as it will be once written: `pk` is None for a new one."""

    role: str
    term_start: datetime.date | None
    term_end: datetime.date | None = None
    person: object = None
    pk: int | None = None


def seats_validate(
    *, group: Group | None, seats: Sequence[Seat], removed: Iterable[int] = ()
) -> list[ValidationError | None]:
    """Check seats of `group` written together (a save may end one chair's term and seat the
    next): a term runs forward, and a group has one chair at a time (no two chairs' terms share
    a day). The group's stored seats that are neither among `seats` nor `removed` (pks) are
    taken as they are. Returns, for each seat in order, None or a ValidationError keyed by field."""
    chairs: list[tuple[object, datetime.date, datetime.date | None]] = []
    if group is not None and group.pk is not None:
        rewritten = {seat.pk for seat in seats if seat.pk is not None} | set(removed)
        chairs = [
            (m.person, m.term_start, m.term_end)
            for m in Membership.objects.filter(group=group, role=Membership.Role.CHAIR)
            .exclude(pk__in=rewritten)
            .select_related("person")
        ]
    results: list[ValidationError | None] = []
    for seat in seats:
        errors: dict[str, str] = {}
        if seat.term_start and seat.term_end and seat.term_end < seat.term_start:
            errors["term_end"] = _("A term cannot end before it starts.")
        elif seat.role == Membership.Role.CHAIR and seat.term_start:
            for person, start, end in chairs:
                if terms_overlap(seat.term_start, seat.term_end, start, end):
                    errors["role"] = chair_clash_message(
                        group=group, person=person, term_start=start, term_end=end
                    )
                    break
            chairs.append((seat.person, seat.term_start, seat.term_end))
        results.append(ValidationError(errors) if errors else None)
    return results


def seats_write_order(
    *, group: Group | None, seats: Sequence[Seat], removed: Iterable[int] = ()
) -> list[int] | None:
    """An order in which to write `seats` of `group`, valid together (see seats_validate), one
    at a time so that each write meets the rules in the state the earlier ones left: a chair
    stepping down or ending a term before the next one is seated. Indices into `seats`; None
    when there is no such order (two chairs exchanging their terms): then the change takes two
    saves.

    Writing a seat that is valid in the current state never makes another one invalid (its new
    term does not clash with the other seats' new terms), so taking the first writable seat
    each time finds an order whenever one exists."""
    chairs: dict[object, tuple[datetime.date, datetime.date | None]] = {}
    if group is not None and group.pk is not None:
        chairs = {
            pk: (start, end)
            for pk, start, end in Membership.objects.filter(group=group, role=Membership.Role.CHAIR)
            .exclude(pk__in=list(removed))
            .values_list("pk", "term_start", "term_end")
        }
    pending = list(range(len(seats)))
    order: list[int] = []
    while pending:
        for index in pending:
            seat = seats[index]
            key: object = seat.pk if seat.pk is not None else ("new", index)
            if seat.role == Membership.Role.CHAIR and seat.term_start is not None:
                if any(
                    terms_overlap(seat.term_start, seat.term_end, start, end)
                    for other, (start, end) in chairs.items()
                    if other != key
                ):
                    continue
                chairs[key] = (seat.term_start, seat.term_end)
            else:
                chairs.pop(key, None)
            order.append(index)
            pending.remove(index)
            break
        else:
            return None
    return order


def membership_validate(
    *,
    group: Group | None,
    role: str,
    term_start: datetime.date | None,
    term_end: datetime.date | None,
    exclude_pk: int | None = None,
) -> None:
    """Check one seat before it is written (see seats_validate); raises ValidationError."""
    seat = Seat(role=role, term_start=term_start, term_end=term_end, pk=exclude_pk)
    [error] = seats_validate(group=group, seats=[seat])
    if error is not None:
        raise error


def _save_membership(membership: Membership) -> Membership:
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as error:
        # The database's own guard (unique open chair; on PostgreSQL, no overlapping chair
        # terms) caught a race that the check above could not see.
        raise ValidationError(
            {"role": _("This group already has a chair for these dates.")}
        ) from error
    return membership


def _require(by: User | None, permission: str, obj: Model | None = None) -> None:
    if by is None or not by.has_perm(permission, obj):
        raise PermissionDenied


@transaction.atomic
def membership_create(
    *,
    by: User,
    group: Group,
    person: User,
    role: str,
    term_start: datetime.date,
    term_end: datetime.date | None = None,
    organization: Organization | None = None,
) -> Membership:
    """Seat `person` on `group`. The organization represented defaults to the person's own."""
    _require(by, "pillars.seat_member")
    membership_validate(group=group, role=role, term_start=term_start, term_end=term_end)
    membership = Membership(
        group=group,
        person=person,
        role=role,
        term_start=term_start,
        term_end=term_end,
        organization=organization if organization is not None else person.organization,
    )
    return _save_membership(membership)


@transaction.atomic
def membership_update(
    *,
    by: User,
    membership: Membership,
    person: User,
    organization: Organization | None,
    role: str,
    term_start: datetime.date,
    term_end: datetime.date | None,
    group: Group | None = None,
) -> Membership:
    """Change a seat: who holds it, for which organization, in which role and for what term;
    the back office may also move it to another `group`."""
    _require(by, "pillars.change_seat")
    group = group if group is not None else membership.group
    membership_validate(
        group=group,
        role=role,
        term_start=term_start,
        term_end=term_end,
        exclude_pk=membership.pk,
    )
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    membership.group = group
    membership.person = person
    membership.organization = organization
    membership.role = role
    membership.term_start = term_start
    membership.term_end = term_end
    return _save_membership(membership)


@transaction.atomic
def membership_end(
    *, by: User, membership: Membership, term_end: datetime.date | None
) -> Membership:
    """End a term on `term_end` (its last day); the person then shows under past members."""
    _require(by, "pillars.change_seat")
    membership_validate(
        group=membership.group,
        role=membership.role,
        term_start=membership.term_start,
        term_end=term_end,
        exclude_pk=membership.pk,
    )
    membership.term_end = term_end
    return _save_membership(membership)


@transaction.atomic
def membership_delete(*, by: User, membership: Membership) -> None:
    """Remove a seat recorded in error (a term that ended is ended, not deleted)."""
    _require(by, "pillars.remove_seat")
    membership.delete()


def _check_length(errors: dict[str, str], field: str, value: str | None, limit: int) -> None:
    if value and len(value) > limit:
        errors[field] = _("Keep this under %(limit)s characters (it has %(count)s).") % {
            "limit": limit,
            "count": len(value),
        }


@transaction.atomic
def group_page_update(*, by: User, group: Group, mandate_en: str, mandate_fr: str) -> Group:
    """Change a group's mandate, in English and French. History records who and when."""
    _require(by, "pillars.edit_group_page", group)
    errors: dict[str, str] = {}
    if not (mandate_en or "").strip():
        errors["mandate_en"] = _("Write the mandate in English.")
    if not (mandate_fr or "").strip():
        errors["mandate_fr"] = _("Write the mandate in French.")
    _check_length(errors, "mandate_en", mandate_en, MANDATE_MAX_LENGTH)
    _check_length(errors, "mandate_fr", mandate_fr, MANDATE_MAX_LENGTH)
    if errors:
        raise ValidationError(errors)
    group = Group.objects.select_for_update().get(pk=group.pk)
    group.mandate_en = mandate_en.strip()
    group.mandate_fr = mandate_fr.strip()
    group.save(update_fields=["mandate_en", "mandate_fr"])
    return group


def _validated(obj: Pillar | Group | TermsOfReference) -> None:
    """The model's own rules (its constraints, unique fields), as ValidationError: the back
    office's form checked them already; any other caller is held to them here."""
    obj.validate_unique()
    obj.validate_constraints()


@transaction.atomic
def pillar_save(*, by: User, pillar: Pillar) -> Pillar:
    """Add a pillar, or change its names, summary and order."""
    _require(by, "pillars.create_pillar" if pillar.pk is None else "pillars.edit_pillar")
    _validated(pillar)
    pillar.save()
    return pillar


@transaction.atomic
def pillar_delete(*, by: User, pillar: Pillar) -> None:
    """Remove a pillar recorded in error (one with groups or directions is protected)."""
    _require(by, "pillars.remove_pillar")
    pillar.delete()


@transaction.atomic
def group_save(*, by: User, group: Group) -> Group:
    """Form a group, or save a change to its kind, names, place in the structure, mandate and
    dates, as the back office's form gives it."""
    _require(by, "pillars.form_group" if group.pk is None else "pillars.edit_group")
    _validated(group)
    group.save()
    return group


@transaction.atomic
def group_delete(*, by: User, group: Group) -> None:
    """Remove a group recorded in error (with its seats, meetings and terms of reference)."""
    _require(by, "pillars.remove_group")
    group.delete()


@transaction.atomic
def terms_of_reference_save(*, by: User, terms: TermsOfReference) -> TermsOfReference:
    """Record a version of a group's terms of reference, or correct one."""
    _require(by, "pillars.adopt_terms" if terms.pk is None else "pillars.edit_terms")
    _validated(terms)
    terms.save()
    return terms


@transaction.atomic
def terms_of_reference_delete(*, by: User, terms: TermsOfReference) -> None:
    """Remove a version of terms of reference recorded in error."""
    _require(by, "pillars.remove_terms")
    terms.delete()


MEETING_LOCATION_MAX_LENGTH = 200
MEETING_TEXT_FIELDS = [
    "location",
    "agenda_en",
    "agenda_fr",
    "minutes_en",
    "minutes_fr",
    "decisions_en",
    "decisions_fr",
]


def meeting_validate(
    *,
    held_on: datetime.date | None,
    is_published: bool,
    texts: Mapping[str, str | None],
    starts_at: datetime.time | None = None,
    ends_at: datetime.time | None = None,
) -> None:
    errors: dict[str, str] = {}
    if held_on is None:
        errors["held_on"] = _("Give the date of the meeting.")
    if ends_at is not None and starts_at is None:
        errors["starts_at"] = _("Give the time the meeting starts, or no end time.")
    elif ends_at is not None and starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _("The meeting must end after it starts.")
    for field in MEETING_TEXT_FIELDS:
        limit = MEETING_LOCATION_MAX_LENGTH if field == "location" else MEETING_TEXT_MAX_LENGTH
        _check_length(errors, field, texts.get(field), limit)
    if is_published and not (texts.get("agenda_en") or texts.get("minutes_en")):
        errors["is_published"] = _(
            "Add an agenda or minutes in English before publishing this meeting."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_create(
    *,
    by: User,
    group: Group,
    held_on: datetime.date | None,
    is_published: bool = False,
    starts_at: datetime.time | None = None,
    ends_at: datetime.time | None = None,
    **texts: str | None,
) -> Meeting:
    """Record a meeting of `group`; published meetings show on the group's public page."""
    _require(by, "pillars.manage_group_meetings", group)
    unknown = set(texts) - set(MEETING_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    meeting_validate(
        held_on=held_on,
        is_published=is_published,
        texts=texts,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    assert held_on is not None  # meeting_validate requires it
    meeting = Meeting(
        group=group,
        held_on=held_on,
        starts_at=starts_at,
        ends_at=ends_at,
        is_published=is_published,
    )
    for field in MEETING_TEXT_FIELDS:
        setattr(meeting, field, (texts.get(field) or "").strip())
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(
    *,
    by: User,
    meeting: Meeting,
    held_on: datetime.date | None,
    is_published: bool,
    group: Group | None = None,
    starts_at: datetime.time | None = None,
    ends_at: datetime.time | None = None,
    **texts: str | None,
) -> Meeting:
    """Change a meeting's date, agenda, minutes and decisions, and publish or withdraw it;
    the back office may also move it to another `group`."""
    _require(by, "pillars.manage_group_meetings", meeting.group)
    if group is not None and group.pk != meeting.group_id:
        _require(by, "pillars.manage_group_meetings", group)
    unknown = set(texts) - set(MEETING_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    meeting_validate(
        held_on=held_on,
        is_published=is_published,
        texts=texts,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    assert held_on is not None  # meeting_validate requires it
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if group is not None:
        meeting.group = group
    meeting.held_on = held_on
    meeting.starts_at = starts_at
    meeting.ends_at = ends_at
    meeting.is_published = is_published
    for field in MEETING_TEXT_FIELDS:
        setattr(meeting, field, (texts.get(field) or "").strip())
    meeting.save()
    return meeting


@transaction.atomic
def meeting_delete(*, by: User, meeting: Meeting) -> None:
    """Remove a meeting recorded in error."""
    _require(by, "pillars.manage_group_meetings", meeting.group)
    meeting.delete()


def meeting_expected_people(meeting: Meeting) -> list[User]:
    """The people whose seat on the meeting's group ran on its day: those whose attendance is
    recorded, ordered by name."""
    seats = (
        Membership.objects.active_on(meeting.held_on)
        .filter(group_id=meeting.group_id)
        .select_related("person")
        .order_by("person__display_name", "person__email", "pk")
    )
    people: dict[int, User] = {}
    for seat in seats:
        people.setdefault(seat.person_id, seat.person)
    return list(people.values())


@transaction.atomic
def meeting_attendance_record(
    *, by: User, meeting: Meeting, attended: Collection[int]
) -> list[MeetingAttendance]:
    """Record who attended `meeting`: each person seated on its group on its day attended if
    their id is in `attended`, and did not otherwise. Replaces what was recorded before; the
    group's chair or backbone staff who keep meetings."""
    _require(by, "pillars.record_attendance", meeting.group)
    expected = meeting_expected_people(meeting)
    expected_ids = {person.pk for person in expected}
    strangers = set(attended) - expected_ids
    if strangers:
        raise ValidationError(
            {"attended": _("Only members seated on the group on the day of the meeting attend.")}
        )
    MeetingAttendance.objects.filter(meeting=meeting).delete()
    rows = MeetingAttendance.objects.bulk_create(
        MeetingAttendance(meeting=meeting, person=person, attended=person.pk in attended)
        for person in expected
    )
    content_changed()
    return rows
