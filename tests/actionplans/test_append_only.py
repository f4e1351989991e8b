"""Progress updates are append-only: no edit, no delete, in the admin or anywhere else."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from actionplans import services
from actionplans.models import ActionItem, ProgressUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(item, staff, open_period):
    return services.progress_update_create(
        item=item,
        author=staff,
        status="on_track",
        percent=30,
        narrative="Original words.",
        seen_version=0,
        period=open_period,
    )


@pytest.fixture
def superuser(staff):
    staff.is_superuser = True
    staff.save()
    return staff


def test_admin_gives_nobody_permission_to_add_change_or_delete_updates(superuser, update):
    admin = site._registry[ProgressUpdate]
    request = RequestFactory().get("/")
    request.user = superuser

    assert not admin.has_add_permission(request)
    assert not admin.has_change_permission(request, update)
    assert not admin.has_delete_permission(request, update)


def test_admin_refuses_to_save_an_edited_update(client, superuser, update):
    client.force_login(superuser)
    url = reverse("admin:actionplans_progressupdate_change", args=[update.pk])

    client.post(url, {"narrative": "Rewritten history.", "percent": 90})

    update.refresh_from_db()
    assert update.narrative == "Original words."


def test_admin_refuses_to_delete_an_update(client, superuser, update):
    client.force_login(superuser)

    response = client.post(
        reverse("admin:actionplans_progressupdate_delete", args=[update.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert ProgressUpdate.objects.filter(pk=update.pk).exists()


def test_an_item_with_updates_cannot_be_deleted(client, superuser, update):
    client.force_login(superuser)

    response = client.post(
        reverse("admin:actionplans_actionitem_delete", args=[update.item_id]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert ActionItem.objects.filter(pk=update.item_id).exists()


def test_status_and_percent_are_not_fields_of_the_item_admin_form(client, superuser, update):
    client.force_login(superuser)

    html = client.get(reverse("admin:actionplans_actionitem_change", args=[update.item_id])).text

    assert 'name="status"' not in html
    assert 'name="percent"' not in html
    assert "Original words." in html  # the updates are shown, read only


def test_approval_status_is_not_a_field_of_the_admin_forms(client, superuser, item):
    client.force_login(superuser)

    for url in (
        reverse("admin:actionplans_annualactionplan_change", args=[item.annual_plan_id]),
        reverse("admin:actionplans_strategicdirection_change", args=[item.strategic_direction_id]),
    ):
        assert 'name="status"' not in client.get(url).text


def test_admin_shows_item_history(client, superuser, item):
    client.force_login(superuser)
    item.title_en = "Renamed item"
    item.save()

    html = client.get(reverse("admin:actionplans_actionitem_history", args=[item.pk])).text

    assert "Renamed item" in html or html.count("<tr") >= 2
    assert item.history.count() == 2


def test_staff_adds_an_item_in_the_admin_and_its_history_starts(
    client, superuser, annual_plan, organization, other_organization
):
    from .factories import GroupFactory, StrategicDirectionFactory

    direction = StrategicDirectionFactory(plan=annual_plan.plan)
    client.force_login(superuser)

    response = client.post(
        reverse("admin:actionplans_actionitem_add"),
        {
            "annual_plan": annual_plan.pk,
            "strategic_direction": direction.pk,
            "owning_group": GroupFactory().pk,
            "lead_organization": organization.pk,
            "partner_organizations": [other_organization.pk],
            "title_en": "Mentoring circles",
            "title_fr": "Cercles de mentorat",
            "start_date": "2026-04-01",
            "target_date": "2027-03-31",
            "weight": 2,
            "updates-TOTAL_FORMS": 0,
            "updates-INITIAL_FORMS": 0,
        },
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    item = ActionItem.objects.get(title_en="Mentoring circles")
    assert (item.status, item.percent, item.version) == ("not_started", 0, 0)
    assert list(item.partner_organizations.all()) == [other_organization]
    assert item.history.filter(history_type="+").count() == 1
