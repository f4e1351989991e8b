"""The back office writes memberships and meetings through the services: their rules and
permissions hold there too, and a refused change shows on the form."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lip_portal.roles import ADMINISTRATION, COMMUNICATIONS, REPORTING
from pillars.models import Group, Meeting, Membership, Pillar, TermsOfReference
from pillars.services import (
    group_delete,
    group_save,
    meeting_create,
    membership_create,
    pillar_delete,
    pillar_save,
    terms_of_reference_delete,
    terms_of_reference_save,
)
from tests.partners.factories import StaffFactory, UserFactory
from tests.pillars.factories import (
    MeetingFactory,
    MembershipFactory,
    TermsOfReferenceFactory,
    pillar,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def _membership_form(group, person, **overrides):
    return {
        "person": person.pk,
        "group": group.pk,
        "organization": "",
        "role": "member",
        "term_start": "2025-01-01",
        "term_end": "",
        **overrides,
    }


def _meeting_form(group, **overrides):
    return {
        "group": group.pk,
        "held_on": "2025-03-12",
        "agenda_en": "",
        "agenda_fr": "",
        "minutes_en": "",
        "minutes_fr": "",
        "decisions_en": "",
        "decisions_fr": "",
        **overrides,
    }


@pytest.fixture
def administration(db):
    return StaffFactory(roles=[ADMINISTRATION])


@pytest.fixture
def communications(db):
    return StaffFactory(roles=[COMMUNICATIONS])


@pytest.fixture
def reporting(db):
    return StaffFactory(roles=[REPORTING])


def test_administration_staff_seat_a_member_in_the_back_office(client, administration, group):
    client.force_login(administration)
    person = UserFactory()

    response = client.post("/admin/pillars/membership/add/", _membership_form(group, person))

    assert response.status_code == 302, response.text
    assert Membership.objects.get(person=person).group == group


def test_staff_whose_role_does_not_keep_memberships_cannot_seat_a_member(
    client, communications, group
):
    client.force_login(communications)
    person = UserFactory()

    response = client.post("/admin/pillars/membership/add/", _membership_form(group, person))

    assert response.status_code == 403
    assert not Membership.objects.filter(person=person).exists()


def test_membership_admin_shows_an_overlapping_chair_on_the_form(
    client, administration, group, chair
):
    client.force_login(administration)
    newcomer = UserFactory(display_name="Second Chair")

    response = client.post(
        "/admin/pillars/membership/add/", _membership_form(group, newcomer, role="chair")
    )

    assert response.status_code == 200
    assert "Chair Person already chairs Welcome Action Group since" in response.text
    assert not Membership.objects.filter(person=newcomer).exists()


def test_membership_admin_refuses_to_change_a_seat_into_an_overlapping_chair(
    client, administration, group, chair
):
    client.force_login(administration)
    member = MembershipFactory(group=group, term_start=D(2025, 1, 1))

    response = client.post(
        f"/admin/pillars/membership/{member.pk}/change/",
        _membership_form(group, member.person, role="chair"),
    )

    assert response.status_code == 200
    assert "one chair at a time" in response.text
    member.refresh_from_db()
    assert member.role == "member"


def test_membership_admin_ends_a_term_and_history_names_who(client, administration, group, chair):
    client.force_login(administration)
    membership = chair.memberships.get()

    response = client.post(
        f"/admin/pillars/membership/{membership.pk}/change/",
        _membership_form(
            group,
            chair,
            role="chair",
            organization=chair.organization.pk,
            term_start="2024-01-01",
            term_end="2024-12-31",
        ),
    )

    assert response.status_code == 302, response.text
    membership.refresh_from_db()
    assert membership.term_end == D(2024, 12, 31)
    assert membership.history.first().history_user == administration


def test_administration_staff_delete_a_membership(client, administration, group):
    client.force_login(administration)
    membership = MembershipFactory(group=group)

    response = client.post(f"/admin/pillars/membership/{membership.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_staff_whose_role_does_not_keep_memberships_cannot_delete_one(
    client, communications, group
):
    client.force_login(communications)
    membership = MembershipFactory(group=group)

    response = client.post(f"/admin/pillars/membership/{membership.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_staff_who_may_change_a_group_but_not_its_seats_add_none_inline(
    client, communications, group
):
    client.force_login(communications)
    person = UserFactory()
    data = {
        "kind": group.kind,
        "name_en": group.name_en,
        "name_fr": group.name_fr,
        "slug": group.slug,
        "mandate_en": group.mandate_en,
        "mandate_fr": group.mandate_fr,
        "formed_on": "2020-01-01",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-0-person": person.pk,
        "memberships-0-role": "member",
        "memberships-0-term_start": "2025-01-01",
        "terms_of_reference-TOTAL_FORMS": "0",
        "terms_of_reference-INITIAL_FORMS": "0",
    }

    client.post(f"/admin/pillars/group/{group.pk}/change/", data)

    assert not Membership.objects.filter(person=person).exists()


def test_communications_staff_record_a_meeting_in_the_back_office(client, communications, group):
    client.force_login(communications)

    response = client.post(
        "/admin/pillars/meeting/add/",
        _meeting_form(group, agenda_en="Work plan.", is_published="on"),
    )

    assert response.status_code == 302, response.text
    assert Meeting.objects.get(group=group).is_published


def test_staff_whose_role_does_not_keep_meetings_cannot_record_one(client, reporting, group):
    client.force_login(reporting)

    response = client.post("/admin/pillars/meeting/add/", _meeting_form(group, agenda_en="x"))

    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_meeting_admin_refuses_to_publish_a_meeting_without_agenda_or_minutes(
    client, communications, group
):
    client.force_login(communications)

    response = client.post("/admin/pillars/meeting/add/", _meeting_form(group, is_published="on"))

    assert response.status_code == 200
    assert "Add an agenda or minutes in English before publishing this meeting." in response.text
    assert not Meeting.objects.exists()


def test_meeting_admin_refuses_to_publish_an_existing_meeting_whose_minutes_are_removed(
    client, communications, group
):
    client.force_login(communications)
    meeting = MeetingFactory(group=group, is_published=False)

    response = client.post(
        f"/admin/pillars/meeting/{meeting.pk}/change/", _meeting_form(group, is_published="on")
    )

    assert response.status_code == 200
    assert "Add an agenda or minutes in English" in response.text
    meeting.refresh_from_db()
    assert not meeting.is_published


def test_seating_a_member_is_refused_to_anyone_but_staff_who_keep_memberships(
    group, partner_staff, communications
):
    for person in (partner_staff, communications):
        with pytest.raises(PermissionDenied):
            membership_create(
                by=person,
                group=group,
                person=UserFactory(),
                role="member",
                term_start=D(2025, 1, 1),
            )

    assert not Membership.objects.exists()


def test_recording_a_meeting_is_refused_to_someone_who_does_not_chair_the_group(
    group, partner_staff
):
    with pytest.raises(PermissionDenied):
        meeting_create(by=partner_staff, group=group, held_on=D(2025, 3, 12))

    assert not Meeting.objects.exists()


# --- Groups, pillars and terms of reference: the back office's own forms --------------------


def _group_admin_form(group, **overrides):
    return {
        "kind": group.kind,
        "name_en": group.name_en,
        "name_fr": group.name_fr,
        "slug": group.slug,
        "mandate_en": group.mandate_en,
        "mandate_fr": group.mandate_fr,
        "formed_on": "2020-01-01",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "terms_of_reference-TOTAL_FORMS": "0",
        "terms_of_reference-INITIAL_FORMS": "0",
        **overrides,
    }


def test_staff_who_keep_groups_change_a_group_through_the_service(administration, group):
    group.name_en = "Welcome Group"

    group_save(by=administration, group=group)

    group.refresh_from_db()
    assert group.name_en == "Welcome Group"


def test_changing_a_group_is_refused_to_staff_whose_role_does_not_keep_groups(reporting, group):
    group.name_en = "Renamed"

    with pytest.raises(PermissionDenied):
        group_save(by=reporting, group=group)

    group.refresh_from_db()
    assert group.name_en == "Welcome Action Group"


def test_forming_a_group_is_refused_to_staff_who_may_only_change_groups(communications):
    group = Group(kind=Group.Kind.COUNCIL, name_en="New", name_fr="Nouveau", slug="new")

    with pytest.raises(PermissionDenied):
        group_save(by=communications, group=group)

    assert not Group.objects.filter(slug="new").exists()


def test_saving_a_group_holds_it_to_the_models_rules(administration, group):
    steering = Group(kind=Group.Kind.STEERING, name_en="S", name_fr="S", slug="s")

    with pytest.raises(ValidationError):
        group_save(by=administration, group=steering)  # a steering group belongs to a pillar

    assert not Group.objects.filter(slug="s").exists()


def test_deleting_a_group_is_refused_to_staff_without_the_permission(administration, group):
    with pytest.raises(PermissionDenied):
        group_delete(by=administration, group=group)

    assert Group.objects.filter(pk=group.pk).exists()


def test_a_superuser_deletes_a_group_through_the_service(group):
    group_delete(by=StaffFactory(is_superuser=True), group=group)

    assert not Group.objects.filter(pk=group.pk).exists()


def test_group_admin_saves_the_group_with_history_naming_who(client, administration, group):
    client.force_login(administration)

    response = client.post(
        f"/admin/pillars/group/{group.pk}/change/",
        _group_admin_form(group, name_en="Welcome Group"),
    )

    assert response.status_code == 302, response.text
    assert group.history.first().history_user == administration
    group.refresh_from_db()
    assert group.name_en == "Welcome Group"


def test_group_admin_adopts_terms_of_reference_inline_through_the_service(
    client, communications, group
):
    client.force_login(communications)

    response = client.post(
        f"/admin/pillars/group/{group.pk}/change/",
        _group_admin_form(
            group,
            **{
                "terms_of_reference-TOTAL_FORMS": "1",
                "terms_of_reference-0-version": "1",
                "terms_of_reference-0-text_en": "We meet monthly.",
                "terms_of_reference-0-text_fr": "Nous nous réunissons chaque mois.",
                "terms_of_reference-0-adopted_on": "2025-01-15",
            },
        ),
    )

    assert response.status_code == 302, response.text
    assert TermsOfReference.objects.get(group=group).text_en == "We meet monthly."


def test_staff_who_keep_terms_of_reference_record_a_version(communications, group):
    terms = TermsOfReference(
        group=group, version=1, text_en="T", text_fr="T", adopted_on=D(2025, 1, 1)
    )

    terms_of_reference_save(by=communications, terms=terms)

    assert TermsOfReference.objects.filter(group=group, version=1).exists()


def test_recording_terms_of_reference_is_refused_to_staff_whose_role_does_not_keep_them(
    reporting, group
):
    terms = TermsOfReference(
        group=group, version=1, text_en="T", text_fr="T", adopted_on=D(2025, 1, 1)
    )

    with pytest.raises(PermissionDenied):
        terms_of_reference_save(by=reporting, terms=terms)

    assert not TermsOfReference.objects.exists()


def test_a_second_version_with_the_same_number_is_refused_as_a_validation_error(
    communications, group
):
    TermsOfReferenceFactory(group=group, version=1)
    terms = TermsOfReference(
        group=group, version=1, text_en="T", text_fr="T", adopted_on=D(2025, 1, 1)
    )

    with pytest.raises(ValidationError):
        terms_of_reference_save(by=communications, terms=terms)


def test_deleting_terms_of_reference_is_refused_to_staff_without_the_permission(
    communications, group
):
    terms = TermsOfReferenceFactory(group=group)

    with pytest.raises(PermissionDenied):
        terms_of_reference_delete(by=communications, terms=terms)

    assert TermsOfReference.objects.filter(pk=terms.pk).exists()


def test_a_superuser_deletes_terms_of_reference_in_the_back_office(client, group):
    client.force_login(StaffFactory(is_superuser=True))
    terms = TermsOfReferenceFactory(group=group)

    response = client.post(f"/admin/pillars/termsofreference/{terms.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not TermsOfReference.objects.filter(pk=terms.pk).exists()


def test_staff_who_keep_pillars_change_a_pillar_through_the_service(administration):
    settle = pillar("settle")
    settle.order = 9

    pillar_save(by=administration, pillar=settle)

    settle.refresh_from_db()
    assert settle.order == 9


def test_changing_a_pillar_is_refused_to_staff_whose_role_does_not_keep_pillars(communications):
    settle = pillar("settle")
    settle.order = 9

    with pytest.raises(PermissionDenied):
        pillar_save(by=communications, pillar=settle)

    settle.refresh_from_db()
    assert settle.order != 9


def test_deleting_a_pillar_is_refused_to_staff_without_the_permission(administration):
    with pytest.raises(PermissionDenied):
        pillar_delete(by=administration, pillar=pillar("settle"))

    assert Pillar.objects.filter(slug="settle").exists()
