"""Giving staff roles in the back office: Partnership administration gives roles; superuser
status, single permissions and superusers' own accounts are for superusers."""

import pytest
from django.contrib.auth.models import Group as Role
from django.contrib.auth.models import Permission

from lip_portal.roles import ADMINISTRATION, EQUITY_REVIEW, REPORTING
from tests.partners.factories import StaffFactory, reauthenticate

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db):
    return StaffFactory(email="admin.staff@example.org", roles=[ADMINISTRATION])


@pytest.fixture
def newcomer_staff(db):
    return StaffFactory(email="new.staff@example.org", display_name="Noor Staff")


def change_form(person, **changes):
    """The person's admin form as it stands, with these changes."""
    data = {
        "email": person.email,
        "display_name": person.display_name,
        "preferred_language": person.preferred_language,
        "organization": person.organization_id or "",
        "is_active": "on" if person.is_active else "",
        "is_staff": "on" if person.is_staff else "",
        "is_superuser": "on" if person.is_superuser else "",
        "groups": [group.pk for group in person.groups.all()],
        "user_permissions": [],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": person.date_joined.date().isoformat(),
        "date_joined_1": "12:00:00",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def save(client, person, **changes):
    reauthenticate(client)  # changing someone's powers asks for the password again first
    return client.post(f"/admin/partners/user/{person.pk}/change/", change_form(person, **changes))


def test_partnership_administration_gives_a_staff_member_a_role(
    client, administrator, newcomer_staff
):
    client.force_login(administrator)
    reporting = Role.objects.get(name=REPORTING)

    response = save(client, newcomer_staff, groups=[reporting.pk])

    assert response.status_code == 302
    assert list(newcomer_staff.groups.all()) == [reporting]
    newcomer_staff.refresh_from_db()
    assert newcomer_staff.has_perm("actionplans.run_reporting")


def test_partnership_administration_cannot_make_a_superuser(client, administrator, newcomer_staff):
    client.force_login(administrator)

    response = save(client, newcomer_staff, is_superuser="on")

    assert response.status_code == 302
    newcomer_staff.refresh_from_db()
    assert not newcomer_staff.is_superuser


def test_partnership_administration_cannot_give_a_single_permission(
    client, administrator, newcomer_staff
):
    client.force_login(administrator)
    publish = Permission.objects.get(codename="publish_annualreport")

    save(client, newcomer_staff, user_permissions=[publish.pk])

    assert not newcomer_staff.user_permissions.exists()
    assert not newcomer_staff.has_perm("reports.publish_report")


def test_staff_who_may_edit_people_but_not_give_roles_see_the_roles_read_only(
    client, newcomer_staff
):
    people_only = Role.objects.create(name="People, no roles")
    people_only.permissions.set(
        Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    editor = StaffFactory(email="editor@example.org")
    editor.groups.add(people_only)
    client.force_login(editor)

    save(client, newcomer_staff, groups=[Role.objects.get(name=EQUITY_REVIEW).pk])

    assert not newcomer_staff.groups.exists()


def test_a_superuser_account_is_changed_only_by_superusers(client, administrator):
    boss = StaffFactory(email="boss@example.org", display_name="Boss", is_superuser=True)
    client.force_login(administrator)

    assert save(client, boss, display_name="Not the boss").status_code == 403
    assert client.get(f"/admin/partners/user/{boss.pk}/password/").status_code == 403
    response = client.post(
        f"/admin/partners/user/{boss.pk}/password/",
        {"password1": "a-takeover-passphrase-2026", "password2": "a-takeover-passphrase-2026"},
    )
    assert response.status_code == 403
    boss.refresh_from_db()
    assert boss.display_name == "Boss"
    assert not boss.check_password("a-takeover-passphrase-2026")


def test_a_superuser_gives_roles_and_superuser_status(client, newcomer_staff):
    client.force_login(StaffFactory(email="boss@example.org", is_superuser=True))
    equity = Role.objects.get(name=EQUITY_REVIEW)

    save(client, newcomer_staff, groups=[equity.pk], is_superuser="on")

    newcomer_staff.refresh_from_db()
    assert newcomer_staff.is_superuser
    assert list(newcomer_staff.groups.all()) == [equity]
