"""A group has one chair at a time; a term never ends before it starts."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from pillars.models import Membership
from pillars.services import membership_create, membership_end
from tests.partners.factories import UserFactory
from tests.pillars.factories import MembershipFactory

pytestmark = pytest.mark.django_db

D = datetime.date
CHAIR = Membership.Role.CHAIR


def test_second_open_ended_chair_is_refused_with_the_sitting_chairs_name(group, chair, staff):
    newcomer = UserFactory(display_name="Second Chair")

    with pytest.raises(ValidationError) as error:
        membership_create(
            by=staff, group=group, person=newcomer, role=CHAIR, term_start=D(2025, 1, 1)
        )

    message = error.value.message_dict["role"][0]
    assert "Chair Person already chairs Welcome Action Group since" in message
    assert not Membership.objects.filter(person=newcomer).exists()


def test_chair_whose_dated_term_overlaps_another_chairs_term_is_refused(group, staff):
    MembershipFactory(group=group, role=CHAIR, term_start=D(2023, 1, 1), term_end=D(2024, 12, 31))

    with pytest.raises(ValidationError) as error:
        membership_create(
            by=staff,
            group=group,
            person=UserFactory(),
            role=CHAIR,
            term_start=D(2024, 6, 1),
            term_end=D(2025, 5, 31),
        )

    assert "one chair at a time" in error.value.message_dict["role"][0]
    assert Membership.objects.filter(group=group).count() == 1


def test_chair_starting_the_day_after_the_last_chairs_term_ends_is_accepted(group, staff):
    MembershipFactory(group=group, role=CHAIR, term_start=D(2023, 1, 1), term_end=D(2024, 12, 31))

    membership = membership_create(
        by=staff, group=group, person=UserFactory(), role=CHAIR, term_start=D(2025, 1, 1)
    )

    assert membership.pk is not None


def test_chairs_of_different_groups_do_not_clash(group, other_group, chair, staff):
    membership = membership_create(
        by=staff, group=other_group, person=UserFactory(), role=CHAIR, term_start=D(2024, 1, 1)
    )

    assert membership.group == other_group


def test_several_members_may_sit_at_the_same_time(group, chair, staff):
    for _ in range(3):
        membership_create(
            by=staff,
            group=group,
            person=UserFactory(),
            role=Membership.Role.MEMBER,
            term_start=D(2024, 1, 1),
        )

    assert Membership.objects.filter(group=group).count() == 4


def test_term_ending_before_it_starts_is_refused(group, staff):
    with pytest.raises(ValidationError) as error:
        membership_create(
            by=staff,
            group=group,
            person=UserFactory(),
            role=Membership.Role.MEMBER,
            term_start=D(2025, 1, 1),
            term_end=D(2024, 1, 1),
        )

    assert error.value.message_dict["term_end"] == ["A term cannot end before it starts."]
    assert not Membership.objects.exists()


def test_membership_represents_the_persons_organization_by_default(group, partner_staff, staff):
    membership = membership_create(
        by=staff,
        group=group,
        person=partner_staff,
        role=Membership.Role.MEMBER,
        term_start=D(2024, 1, 1),
    )

    assert membership.organization == partner_staff.organization


def test_ending_the_chairs_term_makes_room_for_the_next_chair(group, chair, staff):
    membership_end(by=staff, membership=chair.memberships.get(), term_end=D(2024, 12, 31))

    membership = membership_create(
        by=staff, group=group, person=UserFactory(), role=CHAIR, term_start=D(2025, 1, 1)
    )

    assert membership.pk is not None


def test_database_refuses_a_second_open_ended_chair_even_without_the_service(group, chair):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            group=group, person=UserFactory(), role=CHAIR, term_start=D(2025, 1, 1)
        )


def test_database_refuses_a_term_ending_before_it_starts(group):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            group=group,
            person=UserFactory(),
            role=Membership.Role.MEMBER,
            term_start=D(2025, 1, 1),
            term_end=D(2024, 1, 1),
        )


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the exclusion constraint exists on PostgreSQL only"
)
def test_postgresql_refuses_overlapping_dated_chair_terms_even_without_the_service(group):
    MembershipFactory(group=group, role=CHAIR, term_start=D(2023, 1, 1), term_end=D(2024, 12, 31))

    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            group=group,
            person=UserFactory(),
            role=CHAIR,
            term_start=D(2024, 6, 1),
            term_end=D(2025, 5, 31),
        )
