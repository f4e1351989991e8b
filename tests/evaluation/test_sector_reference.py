"""The reference list of sectors the partnership seeks: kept by staff whose role grants it, in
the back office, through one service."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from evaluation import services
from evaluation.models import SectorReference
from lip_portal.roles import ADMINISTRATION, COMMUNICATIONS
from tests.partners.factories import StaffFactory

pytestmark = pytest.mark.django_db


def _reference(**fields):
    return SectorReference(name="Legal clinics", name_fr="Cliniques juridiques", **fields)


def test_the_migration_seeds_the_reference_list_with_residents_last(db):
    names = list(SectorReference.objects.values_list("name_en", flat=True))

    assert names[0] == "Settlement services"
    assert names[-1] == "Residents and newcomers with lived experience"
    assert SectorReference.objects.get(lived_experience=True).organization_sectors == []


def test_partnership_administration_adds_a_sector_to_the_list():
    by = StaffFactory(roles=[ADMINISTRATION])

    reference = services.sector_reference_save(
        by=by, reference=_reference(organization_sectors=["police_justice", "police_justice"])
    )

    assert reference.pk
    assert reference.organization_sectors == ["police_justice"]


def test_staff_without_the_role_cannot_change_the_list():
    by = StaffFactory(roles=[COMMUNICATIONS])

    with pytest.raises(PermissionDenied):
        services.sector_reference_save(
            by=by, reference=_reference(organization_sectors=["police_justice"])
        )
    with pytest.raises(PermissionDenied):
        services.sector_reference_delete(by=by, reference=SectorReference.objects.first())


def test_a_sector_must_name_known_organization_sectors_or_count_residents():
    by = StaffFactory(roles=[ADMINISTRATION])

    with pytest.raises(ValidationError):
        services.sector_reference_save(by=by, reference=_reference(organization_sectors=["law"]))
    with pytest.raises(ValidationError):
        services.sector_reference_save(by=by, reference=_reference())


def test_staff_edit_the_list_in_the_back_office(client):
    client.force_login(StaffFactory(roles=[ADMINISTRATION]))

    response = client.post(
        "/admin/evaluation/sectorreference/add/",
        {
            "name_en": "Legal clinics",
            "name_fr": "Cliniques juridiques",
            "organization_sectors": ["police_justice"],
            "order": "20",
        },
    )

    assert response.status_code == 302
    assert SectorReference.objects.get(name_en="Legal clinics").organization_sectors == [
        "police_justice"
    ]


def test_the_back_office_says_what_is_wrong_with_an_empty_sector(client):
    client.force_login(StaffFactory(roles=[ADMINISTRATION]))

    response = client.post(
        "/admin/evaluation/sectorreference/add/",
        {"name_en": "Legal clinics", "name_fr": "Cliniques juridiques", "order": "20"},
    )

    assert response.status_code == 200
    assert "Choose the organization sectors that count as this sector" in response.text
    assert not SectorReference.objects.filter(name_en="Legal clinics").exists()
