"""Published meetings as an iCalendar file (RFC 5545), for the calendar apps of the public.

A meeting with a start time is written in the portal's time zone (TIME_ZONE) with that zone's
VTIMEZONE, so a calendar app places it right on either side of a daylight saving change; a
meeting with only a date is a whole-day event. Each event keeps one UID whatever the language
or the address it is read from, and carries LAST-MODIFIED (and DTSTAMP) from the meeting's last
save, so an app that already holds it replaces it when it changes. Nothing in the file depends
on the clock, so the page cache and ETags hold it as any other page.
"""

import datetime
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import Meeting

# A calendar carries the agenda as the event's description; a long one is cut here (the
# event's URL leads to the whole of it).
DESCRIPTION_MAX_CHARS = 1000


def _uid_domain() -> str:
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "lip-portal"


def meeting_uid(meeting: Meeting) -> str:
    """The meeting's lasting identity in every calendar: the same in English and French."""
    return f"meeting-{meeting.pk}@{_uid_domain()}"


def _utc(moment: datetime.datetime) -> datetime.datetime:
    return moment.astimezone(datetime.UTC)


def _description(meeting: Meeting, url: str) -> str:
    agenda = (meeting.agenda or "").strip()
    if len(agenda) > DESCRIPTION_MAX_CHARS:
        agenda = agenda[:DESCRIPTION_MAX_CHARS].rstrip() + "…"
    parts = [_("Agenda:") + "\n" + agenda] if agenda else []
    parts.append(url)
    return "\n\n".join(parts)


def _event(meeting: Meeting, url: str, zone: ZoneInfo) -> Event:
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime | None
    if meeting.starts_at is not None:
        start = datetime.datetime.combine(meeting.held_on, meeting.starts_at, tzinfo=zone)
        end = (
            datetime.datetime.combine(meeting.held_on, meeting.ends_at, tzinfo=zone)
            if meeting.ends_at is not None
            else None
        )
    else:
        start = meeting.held_on
        end = meeting.held_on + datetime.timedelta(days=1)
    modified = _utc(meeting.updated_at)
    event = Event.new(
        uid=meeting_uid(meeting),
        stamp=modified,
        last_modified=modified,
        start=start,
        end=end,
        summary=_("Meeting: %(group)s") % {"group": meeting.group.name},
        description=_description(meeting, url),
        location=meeting.location or None,
        url=url,
    )
    event.add("class", "PUBLIC")
    event.add("status", "CONFIRMED")
    return event


def meetings_calendar(
    *, key: str, meetings: Sequence[Meeting], name: str, url_of: Callable[[Meeting], str]
) -> bytes:
    """An iCalendar file of `meetings` (published ones: the selector chooses), titled `name`,
    each event linking to `url_of(meeting)`, in the active language; `key` names the calendar
    for good (its UID)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    language = get_language() or settings.LANGUAGE_CODE
    calendar = Calendar.new(
        # Without a UID of ours, icalendar makes a random one: the file would change each time.
        uid=f"calendar-{key}@{_uid_domain()}",
        prodid=f"-//{settings.PORTAL_NAME['en']}//LIP Portal//{language.upper()}",
        name=name,
        method="PUBLISH",
        calscale="GREGORIAN",
        language=language,
        refresh_interval=datetime.timedelta(hours=6),
    )
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for meeting in meetings:
        calendar.add_component(_event(meeting, url_of(meeting), zone))
    timed = [m.held_on for m in meetings if m.starts_at is not None]
    if timed:
        # The zone's rules over the years the events span, not since 1970.
        calendar.add_missing_timezones(
            first_date=datetime.date(min(timed).year, 1, 1),
            last_date=datetime.date(max(timed).year + 1, 1, 1),
        )
    return calendar.to_ical()
