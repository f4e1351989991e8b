"""Writes for the pillars app: every change to groups, memberships and meetings goes here."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Group, Meeting, Membership

MANDATE_MAX_LENGTH = 5000
MEETING_TEXT_MAX_LENGTH = 20000


def _overlapping_chairs(*, group, term_start, term_end, exclude_pk=None):
    """Chairs of `group` whose term shares at least one day with [term_start, term_end]."""
    chairs = Membership.objects.filter(group=group, role=Membership.Role.CHAIR).filter(
        Q(term_end__isnull=True) | Q(term_end__gte=term_start)
    )
    if term_end is not None:
        chairs = chairs.filter(term_start__lte=term_end)
    if exclude_pk is not None:
        chairs = chairs.exclude(pk=exclude_pk)
    return chairs.select_related("person")


def terms_overlap(a_start, a_end, b_start, b_end):
    """Whether two terms share at least one day (an empty end runs on without limit)."""
    return (b_end is None or a_start <= b_end) and (a_end is None or b_start <= a_end)


def chair_clash_message(*, group, person, term_start, term_end):
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


def term_order_message():
    return _("A term cannot end before it starts.")


def membership_validate(*, group, role, term_start, term_end, exclude_pk=None):
    """Check a seat before it is written: a term runs forward, and a group has one chair at a
    time (no two chairs' terms share a day). Raises ValidationError keyed by field."""
    errors = {}
    if term_start and term_end and term_end < term_start:
        errors["term_end"] = term_order_message()
    if (
        role == Membership.Role.CHAIR
        and group is not None
        and group.pk is not None
        and term_start
        and "term_end" not in errors
    ):
        other = _overlapping_chairs(
            group=group, term_start=term_start, term_end=term_end, exclude_pk=exclude_pk
        ).first()
        if other is not None:
            errors["role"] = chair_clash_message(
                group=group,
                person=other.person,
                term_start=other.term_start,
                term_end=other.term_end,
            )
    if errors:
        raise ValidationError(errors)


def _save_membership(membership):
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


@transaction.atomic
def membership_create(*, group, person, role, term_start, term_end=None, organization=None):
    """Seat `person` on `group`. The organization represented defaults to the person's own."""
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
def membership_end(*, membership, term_end):
    """End a term on `term_end` (its last day); the person then shows under past members."""
    membership_validate(
        group=membership.group,
        role=membership.role,
        term_start=membership.term_start,
        term_end=term_end,
        exclude_pk=membership.pk,
    )
    membership.term_end = term_end
    return _save_membership(membership)


def _check_length(errors, field, value, limit):
    if value and len(value) > limit:
        errors[field] = _("Keep this under %(limit)s characters (it has %(count)s).") % {
            "limit": limit,
            "count": len(value),
        }


@transaction.atomic
def group_page_update(*, group, mandate_en, mandate_fr):
    """Change a group's mandate, in English and French. History records who and when."""
    errors = {}
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


MEETING_TEXT_FIELDS = [
    "agenda_en",
    "agenda_fr",
    "minutes_en",
    "minutes_fr",
    "decisions_en",
    "decisions_fr",
]


def _validate_meeting(*, held_on, is_published, texts):
    errors = {}
    if held_on is None:
        errors["held_on"] = _("Give the date of the meeting.")
    for field in MEETING_TEXT_FIELDS:
        _check_length(errors, field, texts.get(field), MEETING_TEXT_MAX_LENGTH)
    if is_published and not (texts.get("agenda_en") or texts.get("minutes_en")):
        errors["is_published"] = _(
            "Add an agenda or minutes in English before publishing this meeting."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def meeting_create(*, group, held_on, is_published=False, **texts):
    """Record a meeting of `group`; published meetings show on the group's public page."""
    unknown = set(texts) - set(MEETING_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    _validate_meeting(held_on=held_on, is_published=is_published, texts=texts)
    meeting = Meeting(group=group, held_on=held_on, is_published=is_published)
    for field in MEETING_TEXT_FIELDS:
        setattr(meeting, field, (texts.get(field) or "").strip())
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting, held_on, is_published, **texts):
    """Change a meeting's date, agenda, minutes and decisions, and publish or withdraw it."""
    unknown = set(texts) - set(MEETING_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown meeting fields: {sorted(unknown)}")
    _validate_meeting(held_on=held_on, is_published=is_published, texts=texts)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    meeting.held_on = held_on
    meeting.is_published = is_published
    for field in MEETING_TEXT_FIELDS:
        setattr(meeting, field, (texts.get(field) or "").strip())
    meeting.save()
    return meeting
