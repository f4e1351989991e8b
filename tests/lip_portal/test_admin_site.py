"""The back office's "view on site" shortcut sends on only to what the person may see there."""

import pytest
from django.contrib.contenttypes.models import ContentType

from equity.models import Invitation
from lip_portal.roles import BACKBONE_ROLES, COMMUNICATIONS, REPORTING
from tests.equity.factories import EquityReviewFactory
from tests.partners.factories import StaffFactory, UserFactory
from tests.pillars.factories import GroupFactory

pytestmark = pytest.mark.django_db


def view_on_site(obj):
    return f"/admin/r/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


@pytest.mark.parametrize(
    "staff",
    [{"roles": BACKBONE_ROLES}, {"is_superuser": True}],
    ids=["staff with every role", "superuser"],
)
def test_no_staff_member_gets_the_personal_link_of_an_equity_questionnaire(client, staff):
    invitation = Invitation.objects.create(
        review=EquityReviewFactory(), person=UserFactory(email="member@example.org")
    )
    client.force_login(StaffFactory(email="staff.member@example.org", **staff))

    response = client.get(view_on_site(invitation))

    assert response.status_code == 404
    assert invitation.token not in response.get("Location", "")


def test_staff_who_may_view_groups_are_sent_on_to_a_groups_page(client):
    group = GroupFactory(slug="belong-steering")
    client.force_login(StaffFactory(email="comms@example.org", roles=[COMMUNICATIONS]))

    response = client.get(view_on_site(group))

    assert response.status_code == 302
    assert response["Location"].endswith("/groups/belong-steering/")


def test_staff_who_may_not_view_groups_are_not_sent_on(client):
    group = GroupFactory(slug="belong-steering")
    client.force_login(StaffFactory(email="reporting@example.org", roles=[REPORTING]))

    assert client.get(view_on_site(group)).status_code == 404


def test_an_address_that_names_no_model_is_not_found(client):
    client.force_login(StaffFactory(email="boss@example.org", is_superuser=True))

    assert client.get("/admin/r/not-a-number/1/").status_code == 404


@pytest.mark.parametrize(
    ("prefix", "name"),
    [("", "Partnership groups"), ("/fr", "Groupes du partenariat")],
)
def test_no_two_sections_of_the_admin_index_share_a_name(client, prefix, name):
    client.force_login(StaffFactory(email="boss@example.org", is_superuser=True))

    response = client.get(f"{prefix}/admin/")

    names = [str(model["name"]) for app in response.context["app_list"] for model in app["models"]]
    assert name in names
    assert len(names) == len(set(names)), sorted(names)
