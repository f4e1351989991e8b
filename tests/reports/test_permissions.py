"""Only staff preview, publish and export funder reports; drafts are never public."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from reports.models import ReportVersion
from reports.services import annual_report_publish
from tests.partners.factories import reauthenticate

from .factories import PAST


def preview_url():
    return reverse("reports:preview", args=[PAST.label])


def publish_url():
    return reverse("reports:publish", args=[PAST.label])


def test_staff_previews_the_draft_as_it_will_look(client, staff, report):
    client.force_login(staff)
    response = client.get(preview_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Preview: not published" in page
    assert "Mentoring circles for engineers" in page
    assert "A year of shared work across the partnership." in page


@pytest.mark.parametrize("persona", ["partner_staff", "council_member", "resident"])
def test_others_cannot_preview_a_draft(client, report, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(preview_url()).status_code == 403


def test_anonymous_is_sent_to_sign_in_for_the_preview(client, report):
    response = client.get(preview_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_draft_is_not_public(client, report, partner_staff):
    assert client.get(reverse("reports:detail", args=[PAST.label])).status_code == 404
    assert client.get(reverse("reports:pdf", args=[PAST.label])).status_code == 404
    assert f"FY {PAST.label}" not in client.get(reverse("reports:report_list")).content.decode()
    client.force_login(partner_staff)
    assert client.get(reverse("reports:detail", args=[PAST.label])).status_code == 404


def test_staff_publishes_from_the_preview(
    client, staff, report, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(publish_url(), {"note": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:detail", args=[PAST.label])
    version = ReportVersion.objects.get(report=report)
    assert version.number == 1 and version.published_by == staff
    assert version.pdf_en and version.pdf_fr
    listing = client.get(reverse("reports:report_list")).content.decode()
    assert f"Annual report FY {PAST.label}" in listing


def test_a_correction_without_a_note_is_refused_on_the_form(
    client, staff, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        annual_report_publish(report=report, by=staff)
    client.force_login(staff)
    reauthenticate(client)
    response = client.post(publish_url(), {"note": ""})
    assert response.status_code == 400
    assert "say what this correction changes" in response.content.decode()
    assert ReportVersion.objects.filter(report=report).count() == 1


def test_a_correction_is_published_from_the_form_with_its_note_in_english_and_french(
    client, staff, report, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        annual_report_publish(report=report, by=staff)
    client.force_login(staff)
    reauthenticate(client)

    english_only = client.post(publish_url(), {"note": "Figures corrected.", "note_fr": ""})
    with django_capture_on_commit_callbacks(execute=True):
        both = client.post(
            publish_url(), {"note": "Figures corrected.", "note_fr": "Chiffres corrigés."}
        )

    assert english_only.status_code == 400
    assert "in French too" in english_only.content.decode()
    assert both.status_code == 302
    latest = ReportVersion.objects.get(report=report, number=2)
    assert (latest.note_en, latest.note_fr) == ("Figures corrected.", "Chiffres corrigés.")


@pytest.mark.parametrize("persona", ["partner_staff", "council_member"])
def test_others_cannot_publish(client, report, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(publish_url(), {"note": ""}).status_code == 403
    assert not ReportVersion.objects.exists()


def test_anonymous_cannot_publish(client, report):
    assert client.post(publish_url(), {"note": ""}).status_code == 302
    assert not ReportVersion.objects.exists()


def test_the_publish_service_refuses_non_staff(report, partner_staff):
    with pytest.raises(PermissionDenied):
        annual_report_publish(report=report, by=partner_staff)


def test_staff_exports_the_funder_report_as_csv_and_pdf(client, staff, year_data, past_period):
    client.force_login(staff)
    assert client.get(reverse("reports:funder_list")).status_code == 200
    csv_response = client.get(reverse("reports:funder_csv", args=[past_period.pk]))
    assert csv_response.status_code == 200
    text = csv_response.content.decode()
    assert text.splitlines()[0] == (
        "item_id,direction_code,title,lead_organization,status,percent,latest_narrative,reported_in"
    )
    assert "Mentoring circles for engineers,Harbour Settlement Services,completed,100" in text
    assert "'=HYPERLINK" in text
    pdf_response = client.get(reverse("reports:funder_pdf", args=[past_period.pk]))
    assert pdf_response.status_code == 200
    assert pdf_response["Content-Type"] == "application/pdf"
    assert pdf_response.content.startswith(b"%PDF")


@pytest.mark.parametrize("name", ["funder_csv", "funder_pdf"])
def test_partners_cannot_export_the_funder_report(client, partner_staff, past_period, name):
    client.force_login(partner_staff)
    assert client.get(reverse("reports:funder_list")).status_code == 403
    assert client.get(reverse(f"reports:{name}", args=[past_period.pk])).status_code == 403


def test_anonymous_cannot_export_the_funder_report(client, past_period):
    response = client.get(reverse("reports:funder_csv", args=[past_period.pk]))
    assert response.status_code == 302


def test_a_report_on_a_plan_the_council_has_not_approved_is_refused(
    client, staff, report, past_plan
):
    type(past_plan).objects.filter(pk=past_plan.pk).update(status="submitted")
    client.force_login(staff)
    reauthenticate(client)
    response = client.post(publish_url(), {"note": ""})
    assert response.status_code == 400
    assert "not approved by the Council yet" in response.content.decode()
    assert not ReportVersion.objects.exists()
