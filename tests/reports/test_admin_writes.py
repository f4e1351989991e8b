"""The back office starts and edits annual reports through the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.fiscal import FiscalYear
from lip_portal.roles import COMMUNICATIONS, REPORTING
from reports import services
from reports.models import AnnualReport
from tests.partners.factories import StaffFactory

from .factories import AnnualReportFactory

pytestmark = pytest.mark.django_db


def _report_form(year, **overrides):
    return {
        "fiscal_year": str(year),
        "chair_message_en": "A shared year.",
        "chair_message_fr": "Une année partagée.",
        "highlights_en": "",
        "highlights_fr": "",
        "whats_next_en": "",
        "whats_next_fr": "",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
        **overrides,
    }


@pytest.fixture
def communications(db):
    return StaffFactory(roles=[COMMUNICATIONS])


@pytest.fixture
def reporting(db):
    return StaffFactory(roles=[REPORTING])


def test_communications_staff_start_a_report_in_the_back_office(client, communications):
    client.force_login(communications)

    response = client.post("/admin/reports/annualreport/add/", _report_form(2019))

    assert response.status_code == 302, response.text
    report = AnnualReport.objects.get(fiscal_year=2019)
    assert report.chair_message_fr == "Une année partagée."
    assert report.history.first().history_user == communications


def test_staff_whose_role_does_not_keep_reports_cannot_start_one(client, reporting):
    client.force_login(reporting)

    response = client.post("/admin/reports/annualreport/add/", _report_form(2019))

    assert response.status_code == 403
    assert not AnnualReport.objects.exists()


def test_communications_staff_edit_a_reports_narrative_in_the_back_office(client, communications):
    report = AnnualReportFactory()
    client.force_login(communications)

    response = client.post(
        f"/admin/reports/annualreport/{report.pk}/change/",
        _report_form(report.fiscal_year, highlights_en="New highlights."),
    )

    assert response.status_code == 302, response.text
    report.refresh_from_db()
    assert report.highlights_en == "New highlights."


def test_starting_a_report_is_refused_to_partner_staff(partner_staff):
    with pytest.raises(PermissionDenied):
        services.annual_report_create(by=partner_staff, fiscal_year=FiscalYear(2019))

    assert not AnnualReport.objects.exists()


def test_a_second_report_of_the_same_year_is_refused_on_its_year(communications):
    services.annual_report_create(by=communications, fiscal_year=FiscalYear(2019))

    with pytest.raises(ValidationError) as error:
        services.annual_report_create(by=communications, fiscal_year=FiscalYear(2019))

    assert "fiscal_year" in error.value.message_dict


def test_a_superuser_deletes_a_report_started_in_error_in_the_back_office(client):
    report = AnnualReportFactory()
    client.force_login(StaffFactory(is_superuser=True))

    response = client.post(f"/admin/reports/annualreport/{report.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not AnnualReport.objects.filter(pk=report.pk).exists()


def test_deleting_a_report_is_refused_to_staff_without_the_permission(communications):
    report = AnnualReportFactory()

    with pytest.raises(PermissionDenied):
        services.annual_report_delete(by=communications, report=report)

    assert AnnualReport.objects.filter(pk=report.pk).exists()
