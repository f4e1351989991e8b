"""Importing organizations from CSV: every row is checked, and a bad row imports nothing."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from partners.models import Organization
from partners.services import organization_import_csv
from tests.partners.factories import OrganizationFactory, StaffFactory

pytestmark = pytest.mark.django_db

HEADER = "name_en,name_fr,sector,city,website,member_since\n"


def _import(text):
    return organization_import_csv(by=None, file=io.BytesIO(text.encode("utf-8")))


def test_good_file_creates_every_organization_in_both_languages():
    result = _import(
        HEADER
        + "Valley Health,Santé de la Vallée,health,Millbrook,https://vh.example.org,2020-04-01\n"
        + "Riverside Library,Bibliothèque de Riverside,Library,Riverside,,\n"
    )

    assert (result.created, result.updated) == (2, 0)
    health = Organization.objects.get(slug="valley-health")
    assert health.name_fr == "Santé de la Vallée"
    assert health.sector == "health"
    assert Organization.objects.get(slug="riverside-library").sector == "library"


def test_row_with_an_existing_slug_updates_that_organization():
    OrganizationFactory(name="Valley Health", city="Old Town")

    result = _import(HEADER + "Valley Health,Santé de la Vallée,health,Millbrook,,\n")

    assert (result.created, result.updated) == (0, 1)
    assert Organization.objects.get(slug="valley-health").city == "Millbrook"


def test_malformed_row_imports_nothing_and_names_its_line():
    with pytest.raises(ValidationError) as error:
        _import(
            HEADER
            + "Valley Health,Santé de la Vallée,health,Millbrook,,\n"
            + "Broken,Brisé,health,Millbrook,,,extra,values\n"
            + "Riverside Library,Bibliothèque,library,Riverside,,\n"
        )

    assert error.value.messages == ["Line 3: more values than the 6 columns of the header."]
    assert not Organization.objects.exists()


def test_every_bad_row_is_reported_by_line_and_column():
    with pytest.raises(ValidationError) as error:
        _import(
            HEADER
            + "Valley Health,Santé,hospital,Millbrook,,\n"
            + f"{'N' * 201},Nom,health,Millbrook,,\n"
            + "Good Org,Bon organisme,other,Riverside,not a url,\n"
            + "Date Org,Organisme,other,Riverside,,2020-13-45\n"
        )

    messages = error.value.messages
    assert any(m.startswith("Line 2, column sector: Select a valid choice.") for m in messages)
    assert any(
        m.startswith("Line 3, column name_en: Ensure this value has at most 200 characters")
        for m in messages
    )
    assert "Line 4, column website: Enter a valid URL." in messages
    assert "Line 5, column member_since: Enter a valid date." in messages
    assert not Organization.objects.exists()


def test_row_missing_values_is_reported():
    with pytest.raises(ValidationError) as error:
        _import(HEADER + "Valley Health,Santé\n")

    assert error.value.messages == ["Line 2: fewer values than the 6 columns of the header."]


def test_same_slug_twice_in_a_file_is_reported_with_both_lines():
    with pytest.raises(ValidationError) as error:
        _import(HEADER + "Valley Health,A,health,,,\n" + "Valley Health,B,health,,,\n")

    assert error.value.messages == ["Line 3: the slug valley-health is already used on line 2."]
    assert not Organization.objects.exists()


def test_unknown_column_is_refused_before_any_row():
    with pytest.raises(ValidationError) as error:
        _import("name_en,colour\nValley Health,blue\n")

    assert error.value.messages[0].startswith("Line 1: the columns must be among")


def test_file_that_is_not_utf8_is_refused_clearly():
    with pytest.raises(ValidationError) as error:
        organization_import_csv(by=None, file=io.BytesIO("name_en\nSanté\n".encode("latin-1")))

    assert error.value.messages == [
        'The file is not UTF-8 text: save it as "CSV UTF-8" and try again.'
    ]


def test_membership_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError) as error:
        _import("name_en,member_since,member_until\nValley Health,2022-01-01,2021-01-01\n")

    assert "Line 2: Membership cannot end before it starts." in error.value.messages


@pytest.fixture
def superuser(db):
    return StaffFactory(email="boss@example.org", is_superuser=True)


def test_staff_import_through_the_back_office(client, superuser):
    client.force_login(superuser)
    upload = SimpleUploadedFile("orgs.csv", (HEADER + "Valley Health,Santé,health,,,\n").encode())

    response = client.post(
        "/admin/partners/organization/import-csv/", {"file": upload}, follow=True
    )

    assert "Imported: 1 new organizations, 0 updated." in response.text
    assert Organization.objects.filter(slug="valley-health").exists()


def test_back_office_lists_the_bad_lines_and_imports_nothing(client, superuser):
    client.force_login(superuser)
    upload = SimpleUploadedFile(
        "orgs.csv", (HEADER + "Valley Health,Santé,health,,,\nBad,Mauvais,nope,,,\n").encode()
    )

    response = client.post("/admin/partners/organization/import-csv/", {"file": upload})

    assert response.status_code == 200
    assert "Nothing was imported." in response.text
    assert "Line 3, column sector" in response.text
    assert not Organization.objects.exists()


def test_partner_staff_cannot_reach_the_import(client, partner_staff):
    client.force_login(partner_staff)
    upload = SimpleUploadedFile("orgs.csv", (HEADER + "Valley Health,Santé,health,,,\n").encode())

    response = client.post("/admin/partners/organization/import-csv/", {"file": upload})

    assert response.status_code == 302
    assert not Organization.objects.filter(slug="valley-health").exists()


def test_staff_without_permission_to_add_organizations_is_refused(client):
    client.force_login(StaffFactory(email="limited@example.org"))
    upload = SimpleUploadedFile("orgs.csv", (HEADER + "Valley Health,Santé,health,,,\n").encode())

    response = client.post("/admin/partners/organization/import-csv/", {"file": upload})

    assert response.status_code == 403
    assert not Organization.objects.filter(slug="valley-health").exists()


def test_a_file_with_carriage_returns_only_and_a_byte_order_mark_imports_like_any_other():
    text = "\ufeff" + HEADER.replace("\n", "\r") + "Valley Health,Santé de la Vallée,health,,,\r"

    result = _import(text)

    assert result.created == 1
    assert Organization.objects.get().name_fr == "Santé de la Vallée"


def test_a_file_with_windows_line_endings_imports_like_any_other():
    text = HEADER.replace("\n", "\r\n") + "Valley Health,Santé de la Vallée,health,,,\r\n"

    assert _import(text).created == 1


def test_a_nul_character_is_refused_with_its_line_and_imports_nothing():
    with pytest.raises(ValidationError) as error:
        _import(HEADER + "Valley Health,Santé,health,,,\nRiver\x00side Library,,library,,,\n")

    assert "Line 3 holds a NUL character" in error.value.messages[0]
    assert not Organization.objects.exists()


def test_a_spreadsheet_saved_as_xlsx_is_refused_as_not_text():
    with pytest.raises(ValidationError) as error:
        organization_import_csv(by=None, file=io.BytesIO(b"PK\x03\x04\x14\x00\x06\x00\xff\xfe\x8b"))

    assert "not UTF-8 text" in error.value.messages[0]


def test_a_file_over_the_size_limit_is_refused_with_the_limit(settings):
    settings.CSV_IMPORT_MAX_BYTES = 1024

    with pytest.raises(ValidationError) as error:
        _import(HEADER + "Valley Health,Santé,health,,,\n" * 40)

    assert error.value.messages == [
        "The file is larger than 1.0\xa0KB: split it and import each part."
    ]
    assert not Organization.objects.exists()


def test_the_import_form_shows_the_size_limit(client, superuser, settings):
    settings.CSV_IMPORT_MAX_BYTES = 2_097_152
    client.force_login(superuser)

    response = client.get("/admin/partners/organization/import-csv/")

    assert "At most 2.0\xa0MB." in response.text
