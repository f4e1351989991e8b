import datetime

from celery import shared_task

from . import services
from .models import Subscription


@shared_task
def send_confirmation(subscription_id: int) -> None:
    """The confirmation email of a new subscription (queued through the outbox)."""
    services.confirmation_send(subscription_id=subscription_id)


@shared_task
def send_digest(subscription_id: int, until: str) -> None:
    """One follower's digest of what changed up to `until` (queued through the outbox)."""
    services.digest_send(
        subscription_id=subscription_id, until=datetime.datetime.fromisoformat(until)
    )


@shared_task
def send_immediate_digests() -> int:
    """Every FOLLOW_IMMEDIATE_INTERVAL_SECONDS: queue the digests of those who chose at once."""
    return services.digests_enqueue(frequency=Subscription.Frequency.IMMEDIATE)


@shared_task
def send_weekly_digests() -> int:
    """Once a week (settings.CELERY_BEAT_SCHEDULE): queue the weekly digests."""
    return services.digests_enqueue(frequency=Subscription.Frequency.WEEKLY)
