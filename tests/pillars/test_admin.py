"""The back office: groups with their memberships inline, history visible to staff."""

import datetime

import pytest

from pillars.models import Group, Membership
from tests.partners.factories import StaffFactory, UserFactory
from tests.pillars.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return StaffFactory(email="boss@example.org", is_superuser=True)


def _group_form(group, rows, existing=()):
    data = {
        "kind": group.kind,
        "name_en": group.name_en,
        "name_fr": group.name_fr,
        "slug": group.slug,
        "mandate_en": group.mandate_en,
        "mandate_fr": group.mandate_fr,
        "formed_on": "2020-01-01",
        "memberships-TOTAL_FORMS": str(len(existing) + len(rows)),
        "memberships-INITIAL_FORMS": str(len(existing)),
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "terms_of_reference-TOTAL_FORMS": "0",
        "terms_of_reference-INITIAL_FORMS": "0",
        "terms_of_reference-MIN_NUM_FORMS": "0",
        "terms_of_reference-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate([*existing, *rows]):
        for key, value in row.items():
            data[f"memberships-{index}-{key}"] = value
        data[f"memberships-{index}-group"] = str(group.pk)
    return data


def test_admin_refuses_a_second_chair_added_inline_with_a_clear_message(
    client, superuser, group, chair
):
    client.force_login(superuser)
    newcomer = UserFactory(display_name="Second Chair")

    response = client.post(
        f"/admin/pillars/group/{group.pk}/change/",
        _group_form(
            group,
            [{"person": newcomer.pk, "role": "chair", "term_start": "2025-01-01", "term_end": ""}],
            existing=[
                {
                    "id": chair.memberships.get().pk,
                    "person": chair.pk,
                    "organization": chair.organization.pk,
                    "role": "chair",
                    "term_start": "2024-01-01",
                    "term_end": "",
                }
            ],
        ),
    )

    assert response.status_code == 200
    assert "Chair Person already chairs Welcome Action Group since" in response.text
    assert not Membership.objects.filter(person=newcomer).exists()


def test_admin_accepts_ending_one_chairs_term_and_seating_the_next_in_one_save(
    client, superuser, group, chair
):
    client.force_login(superuser)
    successor = UserFactory()
    membership = chair.memberships.get()

    response = client.post(
        f"/admin/pillars/group/{group.pk}/change/",
        _group_form(
            group,
            [{"person": successor.pk, "role": "chair", "term_start": "2025-01-01", "term_end": ""}],
            existing=[
                {
                    "id": membership.pk,
                    "person": chair.pk,
                    "organization": chair.organization.pk,
                    "role": "chair",
                    "term_start": "2024-01-01",
                    "term_end": "2024-12-31",
                }
            ],
        ),
    )

    assert response.status_code == 302, response.text
    assert Membership.objects.get(person=successor).role == "chair"


def _seat_row(membership, **overrides):
    return {
        "id": membership.pk,
        "person": membership.person.pk,
        "organization": membership.organization_id or "",
        "role": membership.role,
        "term_start": membership.term_start.isoformat(),
        "term_end": membership.term_end.isoformat() if membership.term_end else "",
        **overrides,
    }


def test_admin_accepts_a_chair_and_a_member_swapping_roles_in_one_save(
    client, superuser, group, chair
):
    client.force_login(superuser)
    chair_seat = chair.memberships.get()
    member_seat = MembershipFactory(group=group, term_start=datetime.date(2024, 1, 1))

    # The member's row comes first: written first, it would meet the chair still seated.
    response = client.post(
        f"/admin/pillars/group/{group.pk}/change/",
        _group_form(
            group,
            [],
            existing=[
                _seat_row(member_seat, role="chair"),
                _seat_row(chair_seat, role="member"),
            ],
        ),
    )

    assert response.status_code == 302, response.text
    member_seat.refresh_from_db()
    chair_seat.refresh_from_db()
    assert (member_seat.role, chair_seat.role) == ("chair", "member")


def test_admin_shows_an_error_when_a_swap_would_leave_two_chairs(client, superuser, group, chair):
    client.force_login(superuser)
    chair_seat = chair.memberships.get()
    member_seat = MembershipFactory(group=group, term_start=datetime.date(2024, 1, 1))

    response = client.post(
        f"/admin/pillars/group/{group.pk}/change/",
        _group_form(
            group,
            [],
            existing=[_seat_row(member_seat, role="chair"), _seat_row(chair_seat)],
        ),
    )

    assert response.status_code == 200
    assert "one chair at a time" in response.text
    member_seat.refresh_from_db()
    assert member_seat.role == "member"


def test_admin_shows_an_error_when_two_chairs_exchange_their_terms_in_one_save(
    client, superuser, group
):
    client.force_login(superuser)
    earlier = MembershipFactory(
        group=group,
        role="chair",
        term_start=datetime.date(2023, 1, 1),
        term_end=datetime.date(2023, 12, 31),
    )
    later = MembershipFactory(group=group, role="chair", term_start=datetime.date(2024, 1, 1))

    response = client.post(
        f"/admin/pillars/group/{group.pk}/change/",
        _group_form(
            group,
            [],
            existing=[
                _seat_row(earlier, term_start="2024-01-01", term_end=""),
                _seat_row(later, term_start="2023-01-01", term_end="2023-12-31"),
            ],
        ),
    )

    assert response.status_code == 200
    assert "cannot all change in one save" in response.text
    earlier.refresh_from_db()
    assert earlier.term_end == datetime.date(2023, 12, 31)


def test_admin_refuses_two_new_chairs_in_one_save(client, superuser, group):
    client.force_login(superuser)
    first, second = UserFactory(), UserFactory()

    response = client.post(
        f"/admin/pillars/group/{group.pk}/change/",
        _group_form(
            group,
            [
                {"person": first.pk, "role": "chair", "term_start": "2025-01-01", "term_end": ""},
                {"person": second.pk, "role": "chair", "term_start": "2025-03-01", "term_end": ""},
            ],
        ),
    )

    assert response.status_code == 200
    assert "one chair at a time" in response.text
    assert not Membership.objects.filter(group=group).exists()


def test_admin_refuses_a_term_ending_before_it_starts(client, superuser, group):
    client.force_login(superuser)
    person = UserFactory()

    response = client.post(
        f"/admin/pillars/group/{group.pk}/change/",
        _group_form(
            group,
            [
                {
                    "person": person.pk,
                    "role": "member",
                    "term_start": "2025-01-01",
                    "term_end": "2024-01-01",
                }
            ],
        ),
    )

    assert response.status_code == 200
    assert "A term cannot end before it starts." in response.text
    assert not Membership.objects.exists()


def test_history_of_a_group_records_who_changed_it_and_staff_can_read_it(client, superuser, group):
    client.force_login(superuser)
    client.post(
        f"/admin/pillars/group/{group.pk}/change/",
        {**_group_form(group, []), "mandate_en": "Changed by staff."},
    )

    response = client.get(f"/admin/pillars/group/{group.pk}/history/")

    assert response.status_code == 200
    latest = group.history.first()
    assert latest.history_user == superuser
    assert latest.mandate_en == "Changed by staff."
    assert "boss@example.org" in response.text or str(superuser) in response.text


def test_membership_history_is_kept_when_a_term_ends(group, chair, staff):
    membership = chair.memberships.get()
    import datetime

    from pillars.services import membership_end

    membership_end(by=staff, membership=membership, term_end=datetime.date(2024, 12, 31))

    assert membership.history.count() == 2
    assert membership.history.first().term_end == datetime.date(2024, 12, 31)


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pillars/group/",
        "/admin/pillars/membership/",
        "/admin/pillars/meeting/",
        "/admin/pillars/termsofreference/",
        "/admin/partners/organization/",
        "/admin/partners/user/",
        "/admin/partners/user/add/",
        "/admin/pillars/group/add/",
        "/admin/partners/organization/add/",
    ],
)
def test_back_office_pages_open_for_staff(client, superuser, group, chair, path):
    client.force_login(superuser)

    assert client.get(path).status_code == 200


def test_partner_staff_cannot_open_the_back_office(client, partner_staff):
    client.force_login(partner_staff)

    response = client.get("/admin/pillars/group/")

    assert response.status_code == 302
    assert Group.objects.count() == 0
