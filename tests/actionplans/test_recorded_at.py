"""Services record history at the time they are given (`now=`): the demo's past quarters."""

import datetime

import pytest
from django.utils import timezone

from actionplans import services
from actionplans.models import ItemStatus, ReportingPeriod

from .factories import ReportingPeriodFactory

pytestmark = pytest.mark.django_db

LAST_SPRING = timezone.now() - datetime.timedelta(days=200)


def test_a_period_opened_at_a_given_time_records_that_time(staff):
    period = ReportingPeriodFactory(state=ReportingPeriod.State.SCHEDULED)

    period = services.reporting_period_open(period=period, by=staff, now=LAST_SPRING)

    assert period.opened_at == LAST_SPRING


def test_a_period_locked_at_a_given_time_records_that_time(staff, open_period):
    locked_at = LAST_SPRING + datetime.timedelta(days=60)

    period = services.reporting_period_lock(period=open_period, by=staff, now=locked_at)

    assert period.locked_at == locked_at


def test_a_progress_update_recorded_at_a_given_time_is_stamped_with_it(
    item, open_period, partner_staff
):
    update = services.progress_update_create(
        item=item,
        author=partner_staff,
        status=ItemStatus.ON_TRACK,
        percent=20,
        narrative="Reported last spring.",
        seen_version=item.version,
        now=LAST_SPRING,
    )

    assert update.created_at == LAST_SPRING
