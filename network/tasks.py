from celery import shared_task

from outbox import services as outbox

from . import services


@shared_task
def fetch_peer(peer_id: int) -> None:
    """Fetch one peer's package, validate it and store the outcome."""
    services.peer_refresh(peer_id=peer_id)


@shared_task
def fetch_all_peers() -> int:
    """Every NETWORK_FETCH_INTERVAL_SECONDS (settings.CELERY_BEAT_SCHEDULE): queue a fetch of
    each peer, one task each, so a slow peer never holds the others back."""
    ids = services.peers_to_fetch()
    for pk in ids:
        outbox.task_enqueue(task=fetch_peer, kwargs={"peer_id": pk}, unique=True)
    return len(ids)
