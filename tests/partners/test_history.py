"""Who changed an organization, and when, is kept and shown to staff in the back office."""

import pytest

from partners.models import Organization
from tests.partners.factories import OrganizationFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return StaffFactory(email="boss@example.org", display_name="Boss", is_superuser=True)


def test_staff_change_to_an_organization_is_recorded_with_their_name(client, superuser):
    organization = OrganizationFactory(name="Valley Health", sector="health")
    client.force_login(superuser)

    response = client.post(
        f"/admin/partners/organization/{organization.pk}/change/",
        {
            "name_en": "Valley Health Centre",
            "name_fr": "Centre de santé de la Vallée",
            "slug": organization.slug,
            "sector": "health",
            "description_en": "",
            "description_fr": "",
            "website": "",
            "city": "Millbrook",
        },
    )

    assert response.status_code == 302
    latest = Organization.history.filter(id=organization.pk).first()
    assert latest.history_user == superuser
    assert latest.name_en == "Valley Health Centre"
    assert latest.name_fr == "Centre de santé de la Vallée"

    history_page = client.get(f"/admin/partners/organization/{organization.pk}/history/")
    assert history_page.status_code == 200
    assert "Boss" in history_page.text


def test_partner_staff_cannot_read_the_history(client, partner_staff, organization):
    client.force_login(partner_staff)

    response = client.get(f"/admin/partners/organization/{organization.pk}/history/")

    assert response.status_code == 302
    assert "/login/" in response["Location"]
