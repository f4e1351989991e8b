"""The meetings calendars: /calendar.ics and /groups/<slug>/calendar.ics (and under /fr/)."""

import datetime

import pytest
from icalendar import Calendar

from tests.pillars.factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db

D = datetime.date
T = datetime.time
UTC = datetime.UTC


def _calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def _events(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_group_calendar_lists_its_published_meetings_and_no_draft(client, group, other_group):
    shown = MeetingFactory(group=group, held_on=D(2026, 5, 6))
    MeetingFactory(group=group, held_on=D(2026, 6, 3), is_published=False)
    MeetingFactory(group=other_group, held_on=D(2026, 5, 7))

    events = _events(_calendar(client, f"/groups/{group.slug}/calendar.ics"))

    assert list(events) == [f"meeting-{shown.pk}@127.0.0.1"]


def test_partnership_calendar_lists_every_groups_published_meetings_and_no_draft(
    client, group, other_group
):
    first = MeetingFactory(group=group)
    second = MeetingFactory(group=other_group)
    MeetingFactory(group=other_group, is_published=False)

    events = _events(_calendar(client, "/calendar.ics"))

    assert set(events) == {f"meeting-{first.pk}@127.0.0.1", f"meeting-{second.pk}@127.0.0.1"}


def test_a_timed_meeting_is_in_the_portals_time_zone_with_its_vtimezone(client, group):
    MeetingFactory(group=group, held_on=D(2026, 5, 6), starts_at=T(18, 30), ends_at=T(20, 0))

    calendar = _calendar(client, "/calendar.ics")
    (event,) = calendar.walk("VEVENT")

    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Toronto"]
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert event.start.astimezone(UTC) == datetime.datetime(2026, 5, 6, 22, 30, tzinfo=UTC)
    assert event.end.astimezone(UTC) == datetime.datetime(2026, 5, 7, 0, 0, tzinfo=UTC)


def test_the_same_evening_time_moves_one_hour_in_utc_across_the_spring_dst_change(client, group):
    # Daylight saving time began on Sunday, March 8, 2026, in Toronto.
    MeetingFactory(group=group, held_on=D(2026, 3, 5), starts_at=T(18, 0))
    MeetingFactory(group=group, held_on=D(2026, 3, 12), starts_at=T(18, 0))

    calendar = _calendar(client, "/calendar.ics")
    starts = sorted(event.start.astimezone(UTC) for event in calendar.walk("VEVENT"))

    assert starts == [
        datetime.datetime(2026, 3, 5, 23, 0, tzinfo=UTC),  # EST, UTC-5
        datetime.datetime(2026, 3, 12, 22, 0, tzinfo=UTC),  # EDT, UTC-4
    ]


def test_the_vtimezone_as_written_converts_across_the_dst_change(client, group):
    """Read the zone from the file alone, as a calendar app does, not from the reader's tzdata."""
    MeetingFactory(group=group, held_on=D(2026, 11, 5), starts_at=T(9, 0))

    calendar = _calendar(client, "/calendar.ics")
    (zone,) = calendar.walk("VTIMEZONE")
    written = zone.to_tz()

    before = datetime.datetime(2026, 10, 29, 9, 0, tzinfo=written)
    after = datetime.datetime(2026, 11, 5, 9, 0, tzinfo=written)
    assert before.utcoffset() == datetime.timedelta(hours=-4)
    assert after.utcoffset() == datetime.timedelta(hours=-5)


def test_a_meeting_without_a_time_is_a_whole_day_event(client, group):
    MeetingFactory(group=group, held_on=D(2026, 5, 6))

    calendar = _calendar(client, "/calendar.ics")
    (event,) = calendar.walk("VEVENT")

    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert event.start == D(2026, 5, 6)
    assert event.end == D(2026, 5, 7)
    assert not calendar.walk("VTIMEZONE")


def test_an_event_carries_summary_location_agenda_url_and_when_it_changed(client, group):
    meeting = MeetingFactory(
        group=group,
        held_on=D(2026, 5, 6),
        starts_at=T(18, 0),
        location="City Hall, Room 204",
        agenda_en="Welcome week plans.",
    )

    (event,) = _calendar(client, "/calendar.ics").walk("VEVENT")

    assert str(event["SUMMARY"]) == "Meeting: Welcome Action Group"
    assert str(event["LOCATION"]) == "City Hall, Room 204"
    assert "Welcome week plans." in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver/groups/{group.slug}/#meeting-{meeting.pk}"
    meeting.refresh_from_db()
    assert event["LAST-MODIFIED"].dt == meeting.updated_at.astimezone(UTC).replace(microsecond=0)
    assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt
    assert str(event["CLASS"]) == "PUBLIC"


def test_french_calendar_has_french_text_and_the_same_uids(client, group):
    meeting = MeetingFactory(group=group, agenda_fr="Plans de la semaine d'accueil.")

    english = _calendar(client, f"/groups/{group.slug}/calendar.ics")
    french = _calendar(client, f"/fr/groups/{group.slug}/calendar.ics")
    (event,) = french.walk("VEVENT")

    assert str(french["X-WR-CALNAME"]) == "Réunions\u00a0: Groupe Accueil"
    assert str(event["SUMMARY"]) == "Réunion\u00a0: Groupe Accueil"
    assert "Plans de la semaine d'accueil." in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver/fr/groups/{group.slug}/#meeting-{meeting.pk}"
    assert _events(english).keys() == _events(french).keys()


def test_calendar_of_an_unknown_group_is_not_found(client):
    assert client.get("/groups/nobody/calendar.ics").status_code == 404


def test_group_page_links_its_calendar_for_calendar_apps(client, group):
    html = client.get(f"/groups/{group.slug}/").text

    assert (
        f'<link rel="alternate" type="text/calendar" href="/groups/{group.slug}/calendar.ics"'
        in html
    )
    assert f'href="/groups/{group.slug}/calendar.ics"' in html.split("<main", 1)[1]


@pytest.mark.parametrize("meetings", [2, 60])
def test_calendars_run_a_fixed_number_of_queries(
    client, group, meetings, django_assert_max_num_queries
):
    groups = [group, *GroupFactory.create_batch(3)]
    for n in range(meetings):
        MeetingFactory(group=groups[n % 4], held_on=D(2025, 1, 1) + datetime.timedelta(days=7 * n))

    with django_assert_max_num_queries(1):
        assert client.get("/calendar.ics").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get(f"/groups/{group.slug}/calendar.ics").status_code == 200


@pytest.mark.page_cache
def test_calendar_is_cached_and_a_newly_published_meeting_shows_at_once(client, committed, group):
    draft = MeetingFactory(group=group, is_published=False)
    with committed():
        pass
    first = client.get("/calendar.ics")
    assert client.get("/calendar.ics", headers={"if-none-match": first["ETag"]}).status_code == 304

    with committed():
        draft.is_published = True
        draft.save()

    assert f"meeting-{draft.pk}@" in client.get("/calendar.ics").text


def test_calendar_changes_only_with_its_meetings_not_with_the_clock(client, group, settings):
    settings.PAGE_CACHE_SECONDS = 0  # two renderings, not one served twice
    MeetingFactory(group=group, starts_at=T(18, 0))

    assert client.get("/calendar.ics").content == client.get("/calendar.ics").content
    assert client.get("/groups/nobody-yet/calendar.ics").status_code == 404
    empty = f"/groups/{GroupFactory().slug}/calendar.ics"
    assert client.get(empty).content == client.get(empty).content
