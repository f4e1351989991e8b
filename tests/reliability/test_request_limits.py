"""A request over a size limit answers a page that says which limit, never a 500."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.actionplans.factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db


def test_a_form_with_more_text_than_the_limit_answers_413_with_the_limit(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_240

    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x" * 20_000})

    assert response.status_code == 413
    assert "more text than the portal accepts (10.0\xa0KB)" in response.text


def test_the_limit_page_is_in_french_on_french_pages(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_240

    response = client.post("/fr/accounts/login/", {"password": "x" * 20_000})

    assert response.status_code == 413
    assert "Trop de contenu à envoyer" in response.text


def test_a_form_with_too_many_fields_answers_413_with_the_limit(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50

    response = client.post("/accounts/login/", {f"field{n}": "x" for n in range(60)})

    assert response.status_code == 413
    assert "more than 50 fields" in response.text


def test_a_form_with_too_many_files_answers_413_with_the_limit(client, staff, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 2
    client.force_login(staff)
    files = {f"file{n}": SimpleUploadedFile(f"{n}.csv", b"item_id\n") for n in range(3)}

    period = ReportingPeriodFactory()

    response = client.post(reverse("actionplans:period_import", args=[period.pk]), files)

    assert response.status_code == 413
    assert "more than 2 files" in response.text


def test_a_query_string_with_too_many_fields_answers_413(client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50

    response = client.get("/partners/?" + "&".join(f"q{n}=x" for n in range(60)))

    assert response.status_code == 413
