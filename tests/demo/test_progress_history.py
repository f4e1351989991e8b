"""The demo's progress history happened before now, in order, whatever the hour it is seeded."""

import datetime

import pytest
from django.utils import timezone

from actionplans import selectors, services
from actionplans.models import ActionItem, ItemStatus, ProgressUpdate
from core.fiscal import FiscalYear
from demo.seed import seed_demo
from reports import opendata


@pytest.fixture
def seeded_early_in_the_morning(db):
    """Seed the demo where it is 3 a.m.: the reports it stamps "today" (9 a.m. to 4 p.m.)
    would be later than anything done right after it."""
    utc_hour = timezone.now().astimezone(datetime.UTC).hour
    offset = (3 - utc_hour + 12) % 24 - 12  # hours east of UTC, from -12 to +11
    zone = datetime.timezone(datetime.timedelta(hours=offset))
    with timezone.override(zone):
        seed_demo()
        yield


def _an_open_item_with_history():
    return (
        ActionItem.objects.filter(latest_update__isnull=False)
        .exclude(status__in=[ItemStatus.COMPLETED, ItemStatus.CANCELLED])
        .select_related("latest_update__author")
        .order_by("-latest_update__created_at", "pk")
        .first()
    )


def test_seeded_progress_updates_are_all_stamped_before_now(seeded_early_in_the_morning):
    assert ProgressUpdate.objects.exists()
    assert not ProgressUpdate.objects.filter(created_at__gte=timezone.now()).exists()


def test_an_update_made_after_seeding_is_the_latest_on_the_item_page_and_in_the_csv(
    seeded_early_in_the_morning,
):
    item = _an_open_item_with_history()
    update = services.progress_update_create(
        item=item,
        author=item.latest_update.author,
        status=ItemStatus.DELAYED,
        percent=item.percent,
        narrative="Reported after the demo was loaded.",
        seen_version=item.version,
    )
    assert selectors.item_updates(item).first() == update
    last_status = {}
    for row in opendata.status_history_rows(FiscalYear.current()):
        last_status[row["item_id"]] = row["status"]
    current = dict(
        ActionItem.objects.filter(pk__in=last_status).values_list("pk", "status").order_by()
    )
    assert last_status[item.pk] == ItemStatus.DELAYED
    assert last_status == current
