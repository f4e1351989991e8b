"""The link to the back office shows to backbone staff only: a rule (partners.open_back_office),
read by the templates through perms, not is_staff written in them."""

import pytest

from tests.partners.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_backbone_staff_see_the_back_office_link_in_the_header(client):
    client.force_login(StaffFactory())

    response = client.get("/dashboard/")

    assert 'href="/admin/"' in response.text


def test_partner_staff_do_not_see_the_back_office_link(client):
    client.force_login(UserFactory())

    response = client.get("/dashboard/")

    assert 'href="/admin/"' not in response.text


def test_the_back_office_rule_holds_for_active_staff_only():
    assert StaffFactory().has_perm("partners.open_back_office")
    assert not UserFactory().has_perm("partners.open_back_office")
    assert not StaffFactory(is_active=False).has_perm("partners.open_back_office")


def test_no_rule_is_named_like_a_django_permission():
    # The model backend leaves rules' names to the rules backend (partners/backends.py).
    from django.contrib.auth.models import Permission
    from rules.permissions import permissions

    django_permissions = {
        f"{app_label}.{codename}"
        for app_label, codename in Permission.objects.values_list(
            "content_type__app_label", "codename"
        )
    }

    assert django_permissions
    assert not set(permissions) & django_permissions
