"""Nothing lost, nothing silently overwritten: the form carries the item's version."""

import pytest
from django.urls import reverse

from actionplans import services
from actionplans.models import ProgressUpdate

pytestmark = pytest.mark.django_db


def test_save_is_refused_when_someone_else_updated_after_the_form_was_opened(
    client, partner_staff, staff, item, open_period
):
    client.force_login(partner_staff)
    form_version = item.version  # the partner opens the form...
    services.progress_update_create(  # ...and a colleague saves first
        item=item,
        author=staff,
        status="at_risk",
        percent=20,
        narrative="The venue *fell through*.",
        seen_version=form_version,
        period=open_period,
    )

    response = client.post(
        reverse("actionplans:item_update", args=[item.pk]),
        {
            "status": "on_track",
            "percent": 50,
            "narrative": "My long report typed over an hour.",
            "version": form_version,
            "period": open_period.pk,
        },
    )

    assert response.status_code == 409
    assert ProgressUpdate.objects.count() == 1
    item.refresh_from_db()
    assert (item.status, item.percent) == ("at_risk", 20)
    html = response.text
    assert "Someone else reported on this item" in html
    assert "The venue <em>fell through</em>." in html  # their update is shown
    assert "My long report typed over an hour." in html  # the text typed is kept
    assert 'name="version" value="1"' in html  # the next save knows about their update


def test_saving_again_after_reading_the_other_update_succeeds(
    client, partner_staff, staff, item, open_period
):
    services.progress_update_create(
        item=item,
        author=staff,
        status="at_risk",
        percent=20,
        narrative="",
        seen_version=0,
        period=open_period,
    )
    client.force_login(partner_staff)

    response = client.post(
        reverse("actionplans:item_update", args=[item.pk]),
        {
            "status": "on_track",
            "percent": 50,
            "narrative": "",
            "version": 1,
            "period": open_period.pk,
        },
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.percent, item.version) == (50, 2)


def test_locked_period_refuses_updates_and_keeps_the_text(
    client, partner_staff, staff, item, open_period
):
    client.force_login(partner_staff)
    services.reporting_period_lock(period=open_period, by=staff)

    response = client.post(
        reverse("actionplans:item_update", args=[item.pk]),
        {
            "status": "on_track",
            "percent": 50,
            "narrative": "Report written before the lock.",
            "version": 0,
            "period": open_period.pk,
        },
    )

    assert response.status_code == 200
    assert "is locked: it takes no more updates" in response.text
    assert "Report written before the lock." in response.text
    assert not ProgressUpdate.objects.exists()
    item.refresh_from_db()
    assert item.version == 0


def test_service_refuses_a_locked_period(staff, item, open_period):
    from django.core.exceptions import ValidationError

    services.reporting_period_lock(period=open_period, by=staff)

    with pytest.raises(ValidationError, match="locked"):
        services.progress_update_create(
            item=item,
            author=staff,
            status="on_track",
            percent=10,
            narrative="",
            seen_version=0,
            period=open_period,
        )
