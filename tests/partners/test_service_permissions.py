"""The partners' writes check who acts, in the services: the back office passes the signed-in
person along, and someone without the power is refused whatever path they take."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group as Role
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from lip_portal.roles import ADMINISTRATION, REPORTING
from partners import services
from partners.models import Organization, User
from tests.partners.factories import (
    OrganizationFactory,
    StaffFactory,
    UserFactory,
    add_second_factor,
    reauthenticate,
)

pytestmark = pytest.mark.django_db

CSV = "name_en,name_fr\nValley Health,Santé de la Vallée\n"


@pytest.fixture
def administrator(db):
    return StaffFactory(roles=[ADMINISTRATION])


@pytest.fixture
def reporting(db):
    return StaffFactory(roles=[REPORTING])


@pytest.fixture
def superuser(db):
    return StaffFactory(is_superuser=True)


@pytest.fixture
def people_editor(db):
    """Staff who may edit people but not give roles."""
    role = Role.objects.create(name="People only")
    role.permissions.add(Permission.objects.get(codename="change_user"))
    editor = StaffFactory()
    editor.groups.add(role)
    return editor


# --- Organizations ---------------------------------------------------------------------


def test_administration_staff_add_an_organization(administrator):
    organization = Organization(name_en="Harbour Services", slug="harbour")

    services.organization_save(by=administrator, organization=organization)

    assert Organization.objects.filter(slug="harbour").exists()


def test_changing_an_organization_is_refused_to_reporting_staff(reporting):
    organization = OrganizationFactory(name="Valley Health")
    organization.city = "Elsewhere"

    with pytest.raises(PermissionDenied):
        services.organization_save(by=reporting, organization=organization)

    organization.refresh_from_db()
    assert organization.city != "Elsewhere"


def test_an_organization_with_a_slug_already_used_is_refused(administrator):
    OrganizationFactory(name="Harbour", slug="harbour")

    with pytest.raises(ValidationError):
        services.organization_save(
            by=administrator, organization=Organization(name_en="Other", slug="harbour")
        )


def test_removing_an_organization_is_refused_to_administration_staff(administrator, organization):
    with pytest.raises(PermissionDenied):
        services.organization_delete(by=administrator, organization=organization)

    assert Organization.objects.filter(pk=organization.pk).exists()


def test_a_superuser_removes_an_organization(superuser, organization):
    services.organization_delete(by=superuser, organization=organization)

    assert not Organization.objects.filter(pk=organization.pk).exists()


def test_administration_staff_import_organizations(administrator):
    result = services.organization_import_csv(
        by=administrator, file=io.BytesIO(CSV.encode("utf-8"))
    )

    assert result.created == 1


def test_importing_organizations_is_refused_to_reporting_staff(reporting):
    with pytest.raises(PermissionDenied):
        services.organization_import_csv(by=reporting, file=io.BytesIO(CSV.encode("utf-8")))

    assert not Organization.objects.filter(slug="valley-health").exists()


# --- Invitations -------------------------------------------------------------------------


def test_administration_staff_invite_a_person(administrator, django_capture_on_commit_callbacks):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.person_invite(by=administrator, person=person, base_url="http://testserver")

    assert [message.to for message in mail.outbox] == [[person.email]]


def test_inviting_a_person_is_refused_to_reporting_staff(
    reporting, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied), django_capture_on_commit_callbacks(execute=True):
        services.person_invite(by=reporting, person=UserFactory(), base_url="http://testserver")

    assert mail.outbox == []


# --- People's accounts -----------------------------------------------------------------


def test_administration_staff_open_an_account(administrator):
    person = User(email="new.person@example.org", display_name="New Person")
    person.set_unusable_password()

    services.person_save(by=administrator, person=person)

    assert User.objects.filter(email="new.person@example.org").exists()


def test_opening_an_account_is_refused_to_reporting_staff(reporting):
    person = User(email="new.person@example.org")

    with pytest.raises(PermissionDenied):
        services.person_save(by=reporting, person=person)

    assert not User.objects.filter(email="new.person@example.org").exists()


def test_administration_staff_give_a_person_a_role(administrator):
    person = UserFactory()
    person.is_staff = True

    services.person_save(by=administrator, person=person, roles=Role.objects.filter(name=REPORTING))

    assert list(person.groups.values_list("name", flat=True)) == [REPORTING]


def test_giving_a_role_is_refused_to_staff_who_may_only_edit_people(people_editor):
    person = UserFactory()

    with pytest.raises(PermissionDenied):
        services.person_save(
            by=people_editor, person=person, roles=Role.objects.filter(name=ADMINISTRATION)
        )

    assert not person.groups.exists()


def test_making_someone_staff_is_refused_to_staff_who_may_only_edit_people(people_editor):
    person = UserFactory()
    person.is_staff = True

    with pytest.raises(PermissionDenied):
        services.person_save(by=people_editor, person=person)

    person.refresh_from_db()
    assert not person.is_staff


def test_staff_who_may_only_edit_people_change_a_name(people_editor):
    person = UserFactory()
    person.display_name = "Renamed"

    services.person_save(by=people_editor, person=person, roles=[])

    person.refresh_from_db()
    assert person.display_name == "Renamed"


def test_giving_a_single_permission_is_refused_to_administration_staff(administrator):
    person = UserFactory()

    with pytest.raises(PermissionDenied):
        services.person_save(
            by=administrator,
            person=person,
            permissions=Permission.objects.filter(codename="delete_user"),
        )

    assert not person.user_permissions.exists()


def test_changing_a_superusers_account_is_refused_to_administration_staff(administrator):
    boss = StaffFactory(is_superuser=True)
    boss.display_name = "Renamed"

    with pytest.raises(PermissionDenied):
        services.person_save(by=administrator, person=boss)

    boss.refresh_from_db()
    assert boss.display_name != "Renamed"


def test_removing_a_person_is_refused_to_administration_staff(administrator):
    person = UserFactory()

    with pytest.raises(PermissionDenied):
        services.person_delete(by=administrator, person=person)

    assert User.objects.filter(pk=person.pk).exists()


def test_a_superuser_removes_a_person(superuser):
    person = UserFactory()

    services.person_delete(by=superuser, person=person)

    assert not User.objects.filter(pk=person.pk).exists()


def test_administration_staff_set_a_password_and_the_person_is_emailed(
    administrator, django_capture_on_commit_callbacks
):
    person = UserFactory()

    with django_capture_on_commit_callbacks(execute=True):
        services.person_password_set(
            by=administrator, person=person, password="a-long-fresh-passphrase-2026"
        )

    person.refresh_from_db()
    assert person.check_password("a-long-fresh-passphrase-2026")
    assert [message.to for message in mail.outbox] == [[person.email]]


def test_a_short_password_is_refused(administrator):
    with pytest.raises(ValidationError):
        services.person_password_set(by=administrator, person=UserFactory(), password="short")


def test_setting_a_superusers_password_is_refused_to_administration_staff(administrator):
    boss = StaffFactory(is_superuser=True)

    with pytest.raises(PermissionDenied):
        services.person_password_set(by=administrator, person=boss, password=None)

    boss.refresh_from_db()
    assert boss.has_usable_password()


def test_removing_a_second_factor_is_refused_to_administration_staff(administrator):
    authenticator = add_second_factor(UserFactory())

    with pytest.raises(PermissionDenied):
        services.authenticator_remove(authenticator=authenticator, by=administrator)

    assert type(authenticator).objects.filter(pk=authenticator.pk).exists()


# --- Staff roles -------------------------------------------------------------------------


def test_a_superuser_makes_a_role_with_its_permissions(superuser):
    role = services.role_save(
        by=superuser,
        role=Role(name="Archivist"),
        permissions=Permission.objects.filter(codename="view_organization"),
    )

    assert list(role.permissions.values_list("codename", flat=True)) == ["view_organization"]


def test_changing_a_role_is_refused_to_administration_staff(administrator):
    role = Role.objects.get(name=REPORTING)
    held = set(role.permissions.all())

    with pytest.raises(PermissionDenied):
        services.role_save(by=administrator, role=role, permissions=Permission.objects.all())

    assert set(role.permissions.all()) == held


def test_removing_a_role_is_refused_to_administration_staff(administrator):
    role = Role.objects.create(name="Archivist")

    with pytest.raises(PermissionDenied):
        services.role_delete(by=administrator, role=role)

    assert Role.objects.filter(pk=role.pk).exists()


def test_a_superuser_removes_a_role(superuser):
    role = Role.objects.create(name="Archivist")

    services.role_delete(by=superuser, role=role)

    assert not Role.objects.filter(pk=role.pk).exists()


# --- Email addresses -------------------------------------------------------------------


def test_a_superuser_corrects_a_persons_email_address(superuser):
    address = EmailAddress.objects.create(user=UserFactory(), email="typo@exampel.org")
    address.email = "fixed@example.org"

    services.email_address_save(by=superuser, address=address)

    assert EmailAddress.objects.get(pk=address.pk).email == "fixed@example.org"


def test_correcting_an_email_address_is_refused_to_administration_staff(administrator):
    address = EmailAddress.objects.create(user=UserFactory(), email="typo@exampel.org")
    address.email = "fixed@example.org"

    with pytest.raises(PermissionDenied):
        services.email_address_save(by=administrator, address=address)

    assert EmailAddress.objects.get(pk=address.pk).email == "typo@exampel.org"


def test_a_superuser_marks_an_address_verified(superuser):
    address = EmailAddress.objects.create(user=UserFactory(), email="new@example.org")

    assert services.email_address_verify(by=superuser, address=address)

    assert EmailAddress.objects.get(pk=address.pk).verified


def test_marking_an_address_verified_is_refused_to_administration_staff(administrator):
    address = EmailAddress.objects.create(user=UserFactory(), email="new@example.org")

    with pytest.raises(PermissionDenied):
        services.email_address_verify(by=administrator, address=address)

    assert not EmailAddress.objects.get(pk=address.pk).verified


def test_removing_an_email_address_is_refused_to_administration_staff(administrator):
    address = EmailAddress.objects.create(user=UserFactory(), email="old@example.org")

    with pytest.raises(PermissionDenied):
        services.email_address_delete(by=administrator, address=address)

    assert EmailAddress.objects.filter(pk=address.pk).exists()


def test_a_superuser_removes_an_email_address(superuser):
    address = EmailAddress.objects.create(user=UserFactory(), email="old@example.org")

    services.email_address_delete(by=superuser, address=address)

    assert not EmailAddress.objects.filter(pk=address.pk).exists()


# --- Through the back office -----------------------------------------------------------


def test_a_superuser_changes_a_roles_permissions_in_the_back_office(client, superuser):
    role = Role.objects.create(name="Archivist")
    permission = Permission.objects.get(codename="view_organization")
    client.force_login(superuser)
    reauthenticate(client)

    response = client.post(
        f"/admin/auth/group/{role.pk}/change/",
        {"name": "Archivists", "permissions": [permission.pk]},
    )

    assert response.status_code == 302
    role.refresh_from_db()
    assert role.name == "Archivists"
    assert list(role.permissions.all()) == [permission]


def test_a_superuser_marks_an_address_verified_in_the_back_office(client, superuser):
    address = EmailAddress.objects.create(user=UserFactory(), email="new@example.org")
    client.force_login(superuser)

    response = client.post(
        "/admin/account/emailaddress/",
        {"action": "make_verified", "_selected_action": [address.pk]},
        follow=True,
    )

    assert "Marked new@example.org as verified." in response.text
    assert EmailAddress.objects.get(pk=address.pk).verified
