import datetime

import pytest
from django.contrib.auth import get_user
from django.contrib.auth.models import Group as Role
from django.contrib.auth.models import Permission

from partners.models import User
from pillars.models import Group, Membership

from .factories import OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fresh(user):
    return User.objects.get(pk=user.pk)


def _permission(codename):
    return Permission.objects.get(codename=codename)


def test_staff_hold_permissions_given_directly_and_through_a_role_in_one_query(
    django_assert_num_queries,
):
    person = UserFactory(is_staff=True)
    person.user_permissions.add(_permission("change_reportingperiod"))
    role = Role.objects.create(name="Test role")
    role.permissions.add(_permission("view_organization"))
    person.groups.add(role)
    person = _fresh(person)

    with django_assert_num_queries(1):
        permissions = person.get_all_permissions()
        assert person.has_perm("actionplans.change_reportingperiod")
        assert person.has_perm("partners.view_organization")

    assert {"actionplans.change_reportingperiod", "partners.view_organization"} <= permissions


def test_staff_without_permissions_or_roles_hold_none():
    person = _fresh(UserFactory(is_staff=True))

    assert person.get_all_permissions() == set()
    assert not person.has_perm("actionplans.change_reportingperiod")


def test_person_who_is_not_staff_holds_no_permission_even_when_given_one(
    django_assert_num_queries,
):
    person = UserFactory()
    person.user_permissions.add(_permission("change_reportingperiod"))
    person = _fresh(person)

    with django_assert_num_queries(0):
        assert not person.has_perm("actionplans.change_reportingperiod")


def test_inactive_staff_hold_no_permission_even_when_given_one():
    person = UserFactory(is_active=False, is_staff=True)
    person.user_permissions.add(_permission("change_reportingperiod"))

    assert not _fresh(person).has_perm("actionplans.change_reportingperiod")


def test_superuser_holds_every_permission():
    person = _fresh(UserFactory(is_superuser=True))

    assert person.get_all_permissions() == {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type")
    }


def test_signed_in_person_comes_with_their_organization(client, django_assert_num_queries):
    organization = OrganizationFactory()
    person = UserFactory(organization=organization)
    client.force_login(person)
    request = client.get("/").wsgi_request
    request.session = client.session

    with django_assert_num_queries(2):  # the session, then the person with all that
        user = get_user(request)
        assert user.organization.name == organization.name
        assert not user.holds_council_seat


def test_signed_in_council_member_comes_with_their_seat(client, council_member):
    council = Group.objects.create(kind=Group.Kind.COUNCIL, name="Council", slug="council")
    Membership.objects.create(
        person=council_member, group=council, term_start=datetime.date(2024, 1, 1)
    )
    client.force_login(council_member)
    request = client.get("/").wsgi_request
    request.session = client.session

    assert get_user(request).holds_council_seat
