import pytest
from django.urls import reverse

from actionplans.models import ProgressUpdate, ReportingPeriod
from tests.partners.factories import UserFactory

from .factories import ActionItemFactory

pytestmark = pytest.mark.django_db


def _post(client, item, period, **overrides):
    data = {
        "status": "on_track",
        "percent": 40,
        "narrative": "Two workshops ran.",
        "version": item.version,
        "period": period.pk,
        **overrides,
    }
    return client.post(reverse("actionplans:item_update", args=[item.pk]), data)


def test_lead_partner_staff_records_an_update(client, partner_staff, item, open_period):
    client.force_login(partner_staff)

    response = _post(client, item, open_period)

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.percent, item.version) == ("on_track", 40, 1)
    assert item.latest_update.author == partner_staff
    assert item.latest_update.reporting_period == open_period


def test_staff_of_a_partner_organization_may_update_the_item(
    client, other_partner_staff, item, open_period
):
    item.partner_organizations.add(other_partner_staff.organization)
    client.force_login(other_partner_staff)

    assert _post(client, item, open_period).status_code == 302
    assert ProgressUpdate.objects.filter(item=item).count() == 1


def test_chair_of_the_owning_group_may_update_the_item(client, chair, item, open_period):
    client.force_login(chair)

    assert _post(client, item, open_period).status_code == 302
    assert ProgressUpdate.objects.filter(item=item, author=chair).exists()


def test_backbone_staff_may_update_any_item(client, staff, item, open_period):
    client.force_login(staff)

    assert _post(client, item, open_period).status_code == 302


def test_partner_cannot_update_item_of_another_organization(
    client, other_partner_staff, item, open_period
):
    client.force_login(other_partner_staff)

    assert client.get(reverse("actionplans:item_update", args=[item.pk])).status_code == 403
    assert _post(client, item, open_period).status_code == 403
    assert not ProgressUpdate.objects.exists()


def test_former_chair_cannot_update_the_item(client, chair, item, open_period):
    membership = chair.memberships.get()
    membership.term_end = membership.term_start
    membership.save()
    client.force_login(chair)

    assert _post(client, item, open_period).status_code == 403


def test_resident_cannot_update_an_item(client, resident, item, open_period):
    client.force_login(resident)

    assert _post(client, item, open_period).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in(client, item, open_period):
    response = _post(client, item, open_period)

    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert not ProgressUpdate.objects.exists()


def test_update_form_shows_current_values_and_the_open_period(
    client, partner_staff, item, open_period
):
    client.force_login(partner_staff)

    html = client.get(reverse("actionplans:item_update", args=[item.pk])).text

    assert 'name="version" value="0"' in html
    assert f'name="period" value="{open_period.pk}"' in html
    assert str(open_period) in html


def test_form_rejects_a_percent_over_100_and_saves_nothing(
    client, partner_staff, item, open_period
):
    client.force_login(partner_staff)

    response = _post(client, item, open_period, percent=140)

    assert response.status_code == 200
    assert "field-error" in response.text
    assert not ProgressUpdate.objects.exists()


def test_completed_item_must_be_100_percent(client, partner_staff, item, open_period):
    client.force_login(partner_staff)

    response = _post(client, item, open_period, status="completed", percent=80)

    assert "A completed item is 100% complete." in response.text
    assert not ProgressUpdate.objects.exists()


def test_narrative_markdown_is_rendered_and_sanitised(client, partner_staff, item, open_period):
    client.force_login(partner_staff)
    narrative = "We **met** twice.\n\n<script>alert(1)</script>\n\n[link](javascript:alert(1))"

    _post(client, item, open_period, narrative=narrative)

    html = ProgressUpdate.objects.get().narrative_html
    assert "<strong>met</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    page = client.get(reverse("actionplans:item_detail", args=[item.pk])).text
    assert "<strong>met</strong>" in page
    assert "<script>alert(1)</script>" not in page


def test_item_of_last_years_plan_is_refused_in_this_years_period(
    client, partner_staff, organization, open_period
):
    from .factories import AnnualActionPlanFactory

    last_year = AnnualActionPlanFactory(fiscal_year=open_period.fiscal_year - 1)
    old_item = ActionItemFactory(annual_plan=last_year, lead_organization=organization)
    client.force_login(partner_staff)

    response = _post(client, old_item, open_period)

    assert response.status_code == 200
    assert "belongs to FY" in response.text
    assert not ProgressUpdate.objects.exists()


def test_without_an_open_period_the_form_says_so(client, partner_staff, item):
    client.force_login(partner_staff)

    html = client.get(reverse("actionplans:item_update", args=[item.pk])).text

    assert "No reporting period is open" in html
    assert "<textarea" not in html


def test_partner_with_no_organization_items_sees_no_update_links(client, open_period):
    person = UserFactory(organization=None)
    client.force_login(person)

    html = client.get(reverse("dashboard")).text

    assert "/update/" not in html
    assert ReportingPeriod.objects.count() == 1
