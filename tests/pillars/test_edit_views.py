"""A chair keeps their group's mandate and meetings current; bad input gets clear messages."""

import datetime

import pytest

from pillars.models import Meeting
from pillars.services import MANDATE_MAX_LENGTH
from tests.pillars.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in_chair(client, chair):
    client.force_login(chair)
    return client


def test_chair_updates_the_mandate_in_both_languages_and_history_names_them(
    signed_in_chair, chair, group
):
    response = signed_in_chair.post(
        f"/groups/{group.slug}/edit/",
        {"mandate_en": "Map services.", "mandate_fr": "Cartographier les services."},
        follow=True,
    )

    group.refresh_from_db()
    assert group.mandate_en == "Map services."
    assert group.mandate_fr == "Cartographier les services."
    assert "The group&#x27;s page is updated." in response.text
    assert group.history.first().history_user == chair


def test_over_long_mandate_is_refused_with_a_message_and_nothing_is_saved(signed_in_chair, group):
    before = group.mandate_en

    response = signed_in_chair.post(
        f"/groups/{group.slug}/edit/",
        {"mandate_en": "x" * (MANDATE_MAX_LENGTH + 1), "mandate_fr": "Court."},
    )

    assert response.status_code == 200
    assert "Ensure this value has at most 5000 characters" in response.text
    group.refresh_from_db()
    assert group.mandate_en == before


def test_mandate_left_empty_in_french_is_refused(signed_in_chair, group):
    response = signed_in_chair.post(
        f"/groups/{group.slug}/edit/", {"mandate_en": "English only.", "mandate_fr": ""}
    )

    assert response.status_code == 200
    assert "field-invalid" in response.text
    group.refresh_from_db()
    assert group.mandate_en != "English only."


def test_html_typed_into_the_mandate_is_shown_escaped_on_the_group_page(signed_in_chair, group):
    signed_in_chair.post(
        f"/groups/{group.slug}/edit/",
        {"mandate_en": "<img src=x onerror=alert(1)>Hello", "mandate_fr": "<b>Bonjour</b>"},
    )

    html = signed_in_chair.get(f"/groups/{group.slug}/").text

    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;Hello" in html


def test_chair_records_a_draft_meeting_then_publishes_it(signed_in_chair, group):
    signed_in_chair.post(
        f"/groups/{group.slug}/meetings/new/",
        {"held_on": "2025-09-10", "agenda_en": "Plan", "agenda_fr": "Plan", "minutes_en": ""},
    )
    meeting = Meeting.objects.get(group=group)
    assert not meeting.is_published
    assert (
        "Plan"
        not in signed_in_chair.get(f"/groups/{group.slug}/").text.split("Meetings and minutes")[1]
    )

    signed_in_chair.post(
        f"/groups/{group.slug}/meetings/{meeting.pk}/edit/",
        {
            "held_on": "2025-09-10",
            "agenda_en": "Plan",
            "agenda_fr": "Plan",
            "minutes_en": "We agreed on the plan.",
            "minutes_fr": "Nous avons convenu du plan.",
            "decisions_en": "Plan adopted.",
            "decisions_fr": "Plan adopté.",
            "is_published": "on",
        },
    )

    meeting.refresh_from_db()
    assert meeting.is_published
    html = signed_in_chair.get(f"/groups/{group.slug}/").text
    assert "We agreed on the plan." in html
    assert "Plan adopted." in html


def test_meeting_without_a_date_is_refused_with_a_message(signed_in_chair, group):
    response = signed_in_chair.post(
        f"/groups/{group.slug}/meetings/new/", {"held_on": "", "agenda_en": "Plan"}
    )

    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not Meeting.objects.exists()


def test_meeting_with_an_impossible_date_is_refused(signed_in_chair, group):
    response = signed_in_chair.post(
        f"/groups/{group.slug}/meetings/new/", {"held_on": "2025-02-30", "agenda_en": "Plan"}
    )

    assert response.status_code == 200
    assert "Enter a valid date." in response.text
    assert not Meeting.objects.exists()


def test_chair_records_a_meeting_with_its_time_and_place_shown_on_the_group_page(
    signed_in_chair, group
):
    signed_in_chair.post(
        f"/groups/{group.slug}/meetings/new/",
        {
            "held_on": "2026-05-06",
            "starts_at": "18:30",
            "ends_at": "20:00",
            "location": "City Hall, Room 204",
            "agenda_en": "Plan",
            "is_published": "on",
        },
    )

    meeting = Meeting.objects.get()
    assert (meeting.starts_at, meeting.ends_at) == (datetime.time(18, 30), datetime.time(20, 0))
    html = signed_in_chair.get(f"/groups/{group.slug}/").text
    assert "May 6, 2026, 6:30 p.m.–8 p.m." in html
    assert "Location: City Hall, Room 204" in html


def test_meeting_ending_before_it_starts_is_refused(signed_in_chair, group):
    response = signed_in_chair.post(
        f"/groups/{group.slug}/meetings/new/",
        {"held_on": "2026-05-06", "starts_at": "18:30", "ends_at": "17:00", "agenda_en": "Plan"},
    )

    assert response.status_code == 200
    assert "The meeting must end after it starts." in response.text
    assert not Meeting.objects.exists()


def test_meeting_with_an_end_but_no_start_is_refused(signed_in_chair, group):
    response = signed_in_chair.post(
        f"/groups/{group.slug}/meetings/new/",
        {"held_on": "2026-05-06", "ends_at": "17:00", "agenda_en": "Plan"},
    )

    assert response.status_code == 200
    assert "Give the time the meeting starts, or no end time." in response.text
    assert not Meeting.objects.exists()


def test_empty_meeting_cannot_be_published(signed_in_chair, group):
    response = signed_in_chair.post(
        f"/groups/{group.slug}/meetings/new/", {"held_on": "2025-09-10", "is_published": "on"}
    )

    assert response.status_code == 200
    assert "Add an agenda or minutes in English before publishing this meeting." in response.text
    assert not Meeting.objects.exists()


def test_meeting_list_shows_drafts_to_the_chair(signed_in_chair, group):
    MeetingFactory(group=group, held_on=datetime.date(2025, 10, 1), is_published=False)

    html = signed_in_chair.get(f"/groups/{group.slug}/meetings/").text

    assert "Draft" in html
    assert "October 1, 2025" in html or "Oct. 1, 2025" in html


def test_meeting_list_in_french_agrees_published_and_draft_with_a_meeting(signed_in_chair, group):
    MeetingFactory(group=group, held_on=datetime.date(2025, 10, 1), is_published=False)
    MeetingFactory(group=group, held_on=datetime.date(2025, 9, 1), is_published=True)

    html = signed_in_chair.get(f"/fr/groups/{group.slug}/meetings/").text

    assert "<td>Publiée</td>" in html
    assert "<td>Brouillon</td>" in html


def test_meeting_list_runs_a_fixed_number_of_queries(
    signed_in_chair, group, django_assert_max_num_queries
):
    for day in range(1, 29):
        MeetingFactory(group=group, held_on=datetime.date(2025, 2, day))

    # Two of them check the chair's second factor (a Council member's).
    with django_assert_max_num_queries(8):
        signed_in_chair.get(f"/groups/{group.slug}/meetings/")
