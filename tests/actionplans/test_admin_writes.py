"""The back office keeps the plan's directions and items through the services, which check
the acting person's role."""

import pytest
from django.core.exceptions import PermissionDenied

from actionplans import services
from actionplans.models import ActionItem
from lip_portal.roles import COMMUNICATIONS, REPORTING
from tests.partners.factories import StaffFactory

from .factories import ActionItemFactory, StrategicDirectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def direction(annual_plan):
    return StrategicDirectionFactory(plan=annual_plan.plan)


def test_reporting_staff_delete_an_item_in_the_back_office(client, annual_plan, direction):
    item = ActionItemFactory(annual_plan=annual_plan, strategic_direction=direction)
    client.force_login(StaffFactory(roles=[REPORTING]))

    response = client.post(f"/admin/actionplans/actionitem/{item.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not ActionItem.objects.filter(pk=item.pk).exists()


def test_staff_whose_role_does_not_keep_the_plan_cannot_delete_an_item(
    client, annual_plan, direction
):
    item = ActionItemFactory(annual_plan=annual_plan, strategic_direction=direction)
    client.force_login(StaffFactory(roles=[COMMUNICATIONS]))

    response = client.post(f"/admin/actionplans/actionitem/{item.pk}/delete/", {"post": "yes"})

    assert response.status_code == 403
    assert ActionItem.objects.filter(pk=item.pk).exists()


def test_saving_an_item_is_refused_to_partner_staff(annual_plan, direction, partner_staff):
    item = ActionItemFactory(annual_plan=annual_plan, strategic_direction=direction)
    item.title_en = "Changed by a partner"

    with pytest.raises(PermissionDenied):
        services.action_item_save(item=item, by=partner_staff)

    item.refresh_from_db()
    assert item.title_en != "Changed by a partner"


def test_saving_a_direction_is_refused_to_staff_without_the_reporting_role(direction):
    direction.title_en = "Changed"

    with pytest.raises(PermissionDenied):
        services.strategic_direction_save(
            direction=direction, by=StaffFactory(roles=[COMMUNICATIONS])
        )

    direction.refresh_from_db()
    assert direction.title_en != "Changed"
