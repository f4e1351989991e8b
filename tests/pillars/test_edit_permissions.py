"""Who may keep a group's page and meetings current: its chair and backbone staff, nobody else."""

import datetime

import pytest

from pillars.models import Meeting, Membership
from tests.partners.factories import add_second_factor
from tests.pillars.factories import MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db

MANDATE = {"mandate_en": "A new mandate.", "mandate_fr": "Un nouveau mandat."}
MEETING = {
    "held_on": "2025-05-01",
    "agenda_en": "Agenda",
    "agenda_fr": "Ordre du jour",
    "minutes_en": "Minutes",
    "minutes_fr": "Procès-verbal",
    "decisions_en": "",
    "decisions_fr": "",
    "is_published": "on",
}


def _post_mandate(client, group):
    return client.post(f"/groups/{group.slug}/edit/", MANDATE)


def _post_new_meeting(client, group):
    return client.post(f"/groups/{group.slug}/meetings/new/", MEETING)


def _post_meeting_edit(client, group):
    meeting = MeetingFactory(group=group, is_published=False, minutes_en="Old")
    return client.post(f"/groups/{group.slug}/meetings/{meeting.pk}/edit/", MEETING)


def _changed(group, action):
    group.refresh_from_db()
    if action is _post_mandate:
        return group.mandate_en == MANDATE["mandate_en"]
    return Meeting.objects.filter(group=group, minutes_en="Minutes").exists()


WRITES = [_post_mandate, _post_new_meeting, _post_meeting_edit]
READS = ["/groups/{slug}/edit/", "/groups/{slug}/meetings/", "/groups/{slug}/meetings/new/"]


@pytest.mark.parametrize("action", WRITES)
def test_chair_can_change_their_own_group(client, chair, group, action):
    client.force_login(chair)

    response = action(client, group)

    assert response.status_code == 302
    assert _changed(group, action)


@pytest.mark.parametrize("action", WRITES)
def test_chair_cannot_change_another_group(client, chair, other_group, action):
    client.force_login(chair)

    response = action(client, other_group)

    assert response.status_code == 403
    assert not _changed(other_group, action)


@pytest.mark.parametrize("action", WRITES)
def test_staff_can_change_any_group(client, staff, group, action):
    client.force_login(staff)

    response = action(client, group)

    assert response.status_code == 302
    assert _changed(group, action)


@pytest.mark.parametrize("persona", ["partner_staff", "resident", "council_member"])
@pytest.mark.parametrize("action", WRITES)
def test_people_who_do_not_chair_the_group_cannot_change_it(
    client, request, group, chair, persona, action
):
    client.force_login(request.getfixturevalue(persona))

    response = action(client, group)

    assert response.status_code == 403
    assert not _changed(group, action)


@pytest.mark.parametrize("action", WRITES)
def test_ordinary_member_of_the_group_cannot_change_it(client, group, action):
    member = MembershipFactory(group=group, role=Membership.Role.VICE_CHAIR).person
    add_second_factor(member)  # the group is the Council: without one, every page is the setup
    client.force_login(member)

    assert action(client, group).status_code == 403
    assert not _changed(group, action)


@pytest.mark.parametrize("action", WRITES)
def test_chair_whose_term_has_ended_cannot_change_the_group(client, group, action):
    former = MembershipFactory(
        group=group, role=Membership.Role.CHAIR, term_end=datetime.date(2024, 12, 31)
    ).person
    client.force_login(former)

    assert action(client, group).status_code == 403
    assert not _changed(group, action)


@pytest.mark.parametrize("action", WRITES)
def test_anonymous_visitor_is_sent_to_sign_in_and_changes_nothing(client, group, action):
    response = action(client, group)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not _changed(group, action)


@pytest.mark.parametrize("path", READS)
def test_edit_pages_open_for_the_chair_and_not_for_partner_staff(
    client, chair, partner_staff, group, path
):
    client.force_login(chair)
    assert client.get(path.format(slug=group.slug)).status_code == 200

    client.force_login(partner_staff)
    assert client.get(path.format(slug=group.slug)).status_code == 403


def test_chair_sees_edit_controls_on_their_group_page(client, chair, group):
    client.force_login(chair)

    html = client.get(f"/groups/{group.slug}/").text

    assert f'href="/groups/{group.slug}/edit/"' in html
    assert f'href="/groups/{group.slug}/meetings/"' in html


def test_resident_without_organization_signs_in_and_sees_no_edit_controls(client, resident, group):
    client.force_login(resident)

    html = client.get(f"/groups/{group.slug}/").text

    assert "/edit/" not in html
    assert "/meetings/" not in html
    assert resident.organization is None


def test_anonymous_visitor_sees_no_edit_controls(client, group):
    html = client.get(f"/groups/{group.slug}/").text

    assert "/edit/" not in html


def test_meeting_of_another_group_cannot_be_edited_through_the_chairs_group(
    client, chair, group, other_group
):
    meeting = MeetingFactory(group=other_group)
    client.force_login(chair)

    response = client.post(f"/groups/{group.slug}/meetings/{meeting.pk}/edit/", MEETING)

    assert response.status_code == 404
    meeting.refresh_from_db()
    assert meeting.minutes_en != "Minutes"


def test_dashboard_lists_the_groups_a_person_chairs_with_edit_links(client, chair, group):
    client.force_login(chair)

    html = client.get("/dashboard/").text

    assert "Groups you chair" in html
    assert f'href="/groups/{group.slug}/edit/"' in html


def test_dashboard_of_partner_staff_who_chairs_nothing_has_no_edit_links(
    client, partner_staff, group
):
    client.force_login(partner_staff)

    html = client.get("/dashboard/").text

    assert "Groups you chair" not in html
    assert "/edit/" not in html
