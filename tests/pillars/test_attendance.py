"""Who attended a meeting: recorded by the group's chair or backbone staff, from the meeting
list and the back office, through one service (pillars.services.meeting_attendance_record)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pillars import services
from pillars.models import MeetingAttendance, Membership
from tests.partners.factories import StaffFactory, UserFactory, add_second_factor
from tests.pillars.factories import MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(group, chair):
    return MeetingFactory(group=group, held_on=datetime.date(2025, 3, 12))


@pytest.fixture
def member(group):
    return MembershipFactory(group=group, role=Membership.Role.MEMBER).person


def _url(meeting):
    return f"/groups/{meeting.group.slug}/meetings/{meeting.pk}/attendance/"


def _post(client, meeting, *people):
    return client.post(_url(meeting), {"attended": [person.pk for person in people]})


def _recorded(meeting):
    return dict(MeetingAttendance.objects.filter(meeting=meeting).values_list("person", "attended"))


def test_chair_records_who_attended_their_group_meeting(client, chair, member, meeting):
    client.force_login(chair)

    response = _post(client, meeting, chair)

    assert response.status_code == 302
    assert _recorded(meeting) == {chair.pk: True, member.pk: False}


def test_staff_record_who_attended_any_group_meeting(client, staff, chair, member, meeting):
    client.force_login(staff)

    response = _post(client, meeting, chair, member)

    assert response.status_code == 302
    assert _recorded(meeting) == {chair.pk: True, member.pk: True}


def test_a_member_who_does_not_chair_cannot_record_attendance(client, member, meeting):
    add_second_factor(member)  # the group is the Council: its members sign in with one
    client.force_login(member)

    assert client.get(_url(meeting)).status_code == 403
    assert _post(client, meeting, member).status_code == 403
    assert _recorded(meeting) == {}


def test_the_chair_of_another_group_cannot_record_attendance(client, other_group, meeting):
    other_chair = MembershipFactory(group=other_group, role=Membership.Role.CHAIR).person
    add_second_factor(other_chair)
    client.force_login(other_chair)

    assert _post(client, meeting, other_chair).status_code == 403
    assert _recorded(meeting) == {}


def test_staff_without_a_role_keeping_meetings_cannot_record_attendance(client, meeting, chair):
    client.force_login(StaffFactory())

    assert _post(client, meeting, chair).status_code == 403
    assert _recorded(meeting) == {}


def test_anonymous_visitor_is_sent_to_sign_in_and_records_nothing(client, meeting, chair):
    response = _post(client, meeting, chair)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert _recorded(meeting) == {}


def test_the_form_lists_the_members_seated_on_the_day_ticked_as_recorded(
    client, chair, member, meeting
):
    services.meeting_attendance_record(by=chair, meeting=meeting, attended=[member.pk])
    client.force_login(chair)

    html = client.get(_url(meeting)).text

    assert f'value="{member.pk}" id="id_attended_' in html
    assert html.count("checked") == 1
    assert "<legend>Attended</legend>" in html


def test_recording_again_replaces_what_was_recorded(chair, member, meeting):
    services.meeting_attendance_record(by=chair, meeting=meeting, attended=[member.pk])

    services.meeting_attendance_record(by=chair, meeting=meeting, attended=[chair.pk])

    assert _recorded(meeting) == {chair.pk: True, member.pk: False}


def test_someone_not_seated_on_the_day_cannot_be_recorded(chair, group, meeting):
    later = MembershipFactory(group=group, term_start=datetime.date(2025, 6, 1)).person
    stranger = UserFactory()

    for person in (later, stranger):
        with pytest.raises(ValidationError):
            services.meeting_attendance_record(by=chair, meeting=meeting, attended=[person.pk])
    assert _recorded(meeting) == {}


def test_the_service_refuses_someone_who_may_not_record(member, meeting):
    with pytest.raises(PermissionDenied):
        services.meeting_attendance_record(by=member, meeting=meeting, attended=[])


def test_a_ticked_stranger_on_the_form_is_refused_with_a_message(client, chair, meeting):
    client.force_login(chair)

    response = client.post(_url(meeting), {"attended": [UserFactory().pk]})

    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert _recorded(meeting) == {}


def test_staff_record_attendance_in_the_back_office(client, staff, chair, member, meeting):
    client.force_login(staff)
    form = {
        "group": meeting.group.pk,
        "held_on": "2025-03-12",
        "agenda_en": "Agenda",
        "agenda_fr": "Ordre du jour",
        "minutes_en": "",
        "minutes_fr": "",
        "decisions_en": "",
        "decisions_fr": "",
        "is_published": "on",
        "attended": [member.pk],
    }

    response = client.post(f"/admin/pillars/meeting/{meeting.pk}/change/", form)

    assert response.status_code == 302, response.text[:3000]
    assert _recorded(meeting) == {chair.pk: False, member.pk: True}
