"""The home page shows the latest report and this year's progress; staff publish from the admin."""

from django.urls import reverse

from core.fiscal import FiscalYear
from reports.models import ReportVersion
from reports.services import annual_report_publish
from tests.actionplans.factories import ActionItemFactory, AnnualActionPlanFactory
from tests.partners.factories import StaffFactory, reauthenticate

from .factories import PAST


def test_home_shows_the_latest_report_and_this_year_at_a_glance(
    client, report, staff, django_capture_on_commit_callbacks
):
    current_plan = AnnualActionPlanFactory(fiscal_year=FiscalYear.current().start_year)
    ActionItemFactory.create_batch(3, annual_plan=current_plan)
    with django_capture_on_commit_callbacks(execute=True):
        annual_report_publish(report=report, by=staff)
    page = client.get(reverse("home")).content.decode()
    assert "Our three pillars" in page
    assert reverse("reports:detail", args=[PAST.label]) in page
    assert reverse("reports:pdf", args=[PAST.label]) in page
    assert f"This year at a glance: FY {FiscalYear.current().label}" in page
    assert "See the 3 action items of this year" in page


def test_home_without_reports_or_plans_still_shows_the_pillars(client, db):
    page = client.get(reverse("home")).content.decode()
    assert "Our three pillars" in page
    assert "Our latest annual report" not in page


def test_main_nav_links_to_reports_and_open_data(client, db):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("reports:report_list")}"' in page
    assert f'href="{reverse("reports:open_data")}"' in page
    french = client.get("/fr/").content.decode()
    assert "Rapports" in french and "Données ouvertes" in french


def test_staff_publish_a_first_version_from_the_admin(
    client, report, django_capture_on_commit_callbacks
):
    admin_user = StaffFactory(email="admin@example.org", is_superuser=True)
    client.force_login(admin_user)
    reauthenticate(client)
    changelist = reverse("admin:reports_annualreport_changelist")
    assert client.get(changelist).status_code == 200
    assert (
        client.get(reverse("admin:reports_annualreport_change", args=[report.pk])).status_code
        == 200
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            changelist,
            {"action": "publish_first_version", "_selected_action": [report.pk]},
            follow=True,
        )
    assert response.status_code == 200
    assert ReportVersion.objects.get(report=report).published_by == admin_user
    # A second run is a correction: it needs a note, so the admin action refuses it.
    client.post(changelist, {"action": "publish_first_version", "_selected_action": [report.pk]})
    assert ReportVersion.objects.filter(report=report).count() == 1


def test_staff_build_missing_pdfs_from_the_admin(
    client, report, staff, django_capture_on_commit_callbacks
):
    version = annual_report_publish(report=report, by=staff)  # its PDFs never built
    assert not version.pdf_en
    admin_user = StaffFactory(email="admin@example.org", is_superuser=True)
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:reports_reportversion_changelist"),
            {"action": "build_missing_pdfs", "_selected_action": [version.pk]},
        )
    version.refresh_from_db()
    assert version.pdf_en and version.pdf_fr
    assert client.get(reverse("reports:pdf", args=[PAST.label])).status_code == 200


def test_a_published_reports_year_cannot_be_changed_in_the_admin(
    client, report, staff, django_capture_on_commit_callbacks
):
    annual_report_publish(report=report, by=staff)
    admin_user = StaffFactory(email="admin@example.org", is_superuser=True)
    client.force_login(admin_user)
    page = client.get(reverse("admin:reports_annualreport_change", args=[report.pk]))
    assert 'name="fiscal_year"' not in page.content.decode()
