from celery import shared_task

from . import services


@shared_task(acks_late=True)
def deliver(message_id: int) -> bool:
    """Run an outbox message's task once, however many times the message is delivered."""
    return services.message_deliver(message_id=message_id)


@shared_task
def relay() -> int:
    """Every minute: send what the broker could not take, and what was lost on the way."""
    return services.messages_relay()
