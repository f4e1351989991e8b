"""The transactional outbox: every side effect the portal commits to happens, once.

A task is written as a Message in the same transaction as the change that asks for it, so it
exists exactly when that change is committed. Right after the commit it is sent to the broker
(inline when tasks run eagerly); if the broker cannot take it, the relay that beat runs every
OUTBOX_RELAY_INTERVAL_SECONDS sends it. The task marks its message done itself: one not done
OUTBOX_REDELIVER_SECONDS after it was sent (the message was lost with a worker or with Redis) is
sent again, and one that failed is tried again later, up to MAX_ATTEMPTS times.

Delivered twice, a message still runs once to completion: the run claims its row first, and a
delivery that finds it done, or running elsewhere, does nothing.
"""

import datetime
import functools
import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from celery import Task, current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from .models import MAX_ATTEMPTS, Message

if TYPE_CHECKING:
    from partners.models import User

logger = logging.getLogger(__name__)

RETRY_FIRST_SECONDS = 30
RETRY_MAX_SECONDS = 60 * 60
RELAY_BATCH = 500
# How long a done message is kept (for the back office), then deleted by the relay.
KEEP_DONE = timedelta(days=1)
# After the broker refused a message, this process leaves sending to the relay for a while,
# so a request that enqueues many messages pays for one failed attempt, not one each.
BROKER_PAUSE_SECONDS = 10

_held = ContextVar("outbox_relay_held", default=False)
_broker_down_until = 0.0


@contextmanager
def relay_held() -> Iterator[None]:
    """Write messages without sending them after commit: the relay sends them (bulk loads)."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def task_enqueue(
    *, task: Task[..., Any], kwargs: dict[str, Any] | None = None, unique: bool = False
) -> Message:
    """Run the Celery `task` with `kwargs` (JSON values) once the current transaction commits.

    Nothing runs for a transaction that rolls back. With `unique`, when the same task with the
    same arguments is already waiting, that message is sent if it is due, and none is added.
    Returns the message.
    """
    kwargs = kwargs or {}
    message = None
    if unique:
        message = Message.objects.pending().filter(task=task.name, kwargs=kwargs).first()
    if message is None:
        message = Message.objects.create(task=task.name, kwargs=kwargs)
    if not _held.get():
        transaction.on_commit(lambda: _relay_after_commit(message.pk))
    return message


def _relay_after_commit(message_id: int) -> None:
    # Best effort: a broker that is down never turns a committed change into an error page.
    if time.monotonic() < _broker_down_until:
        return
    _relay(message_id, now=timezone.now())


def messages_relay(*, now: datetime.datetime | None = None) -> int:
    """Send the messages that are due to the broker; delete done ones past KEEP_DONE.

    Due: never sent (the broker was down when their transaction committed), sent but still not
    done OUTBOX_REDELIVER_SECONDS later (lost), or failed and due for their next attempt.
    Stops at the first broker error. Returns how many were sent.
    """
    now = now or timezone.now()
    sent = 0
    due = Message.objects.due(now).order_by("due_at").values_list("pk", flat=True)
    for message_id in list(due[:RELAY_BATCH]):
        outcome = _relay(message_id, now=now)
        if outcome is None:
            break
        sent += outcome
    Message.objects.filter(done_at__lt=now - KEEP_DONE).delete()
    return sent


def _relay(message_id: int, *, now: datetime.datetime) -> bool | None:
    """Send one message if it is still due. True if sent, False if not due any more, None if
    the broker could not take it (it stays due for the relay)."""
    global _broker_down_until
    from .tasks import deliver

    # Claiming the row first means two relays never send the same message at once.
    redeliver_at = now + timedelta(seconds=settings.OUTBOX_REDELIVER_SECONDS)
    claimed = Message.objects.due(now).filter(pk=message_id).update(due_at=redeliver_at)
    if not claimed:
        return False
    try:
        deliver.apply_async(args=(message_id,))
    except BrokerError:
        _broker_down_until = time.monotonic() + BROKER_PAUSE_SECONDS
        logger.warning(
            "Outbox: the broker did not take message %s; the relay will send it.",
            message_id,
            exc_info=True,
        )
    except Exception:
        logger.exception(
            "Outbox: message %s could not be sent; the relay will send it.", message_id
        )
    else:
        Message.objects.filter(pk=message_id).update(sent_count=F("sent_count") + 1)
        return True
    Message.objects.filter(pk=message_id, done_at=None).update(due_at=now)
    return None


def retry_delay(attempts: int) -> int:
    """Seconds before the next attempt of a task that failed `attempts` times."""
    # A whole number of seconds: a task that failed has made one attempt at least.
    delay: int = RETRY_FIRST_SECONDS * 2 ** (attempts - 1)
    return min(delay, RETRY_MAX_SECONDS)


def message_deliver(*, message_id: int, now: datetime.datetime | None = None) -> bool:
    """Run a message's task, unless it is done, given up on or running elsewhere; mark it done.

    What the task `outbox.tasks.deliver` does, however many times the broker delivers it. A run
    that started more than the task time limit ago is dead (its worker was killed), so it can be
    claimed again. A failure is recorded and tried again after `retry_delay`. Returns True if
    the task ran to completion now.
    """
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    claimed = (
        Message.objects.pending()
        .filter(Q(started_at=None) | Q(started_at__lt=stale), pk=message_id)
        .update(started_at=now, attempts=F("attempts") + 1)
    )
    if not claimed:
        return False
    message = Message.objects.get(pk=message_id)
    try:
        current_app.tasks[message.task](**message.kwargs)
    except Exception as error:
        retry_at = timezone.now() + timedelta(seconds=retry_delay(message.attempts))
        Message.objects.filter(pk=message_id).update(
            started_at=None, due_at=retry_at, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        if message.attempts >= MAX_ATTEMPTS:
            logger.exception("Outbox: %s failed %s times; given up.", message, message.attempts)
        else:
            logger.warning(
                "Outbox: %s failed; tried again at %s.", message, retry_at, exc_info=True
            )
        return False
    Message.objects.filter(pk=message_id).update(done_at=timezone.now(), last_error="")
    return True


def messages_retry(
    *, message_ids: Iterable[int], by: "User | None" = None, now: datetime.datetime | None = None
) -> int:
    """Send again now, from their first attempt, those of these messages not done and not
    running: given up on, or waiting for their next attempt (without a broker, beat never runs
    the relay). Returns how many.

    `by` is the person who asked (the back office's action), who must be allowed to read the
    outbox. It is None only when the system retries: a task or a management command."""
    if by is not None and not by.has_perm("outbox.retry_messages"):
        raise PermissionDenied
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    retried = list(
        Message.objects.filter(Q(started_at=None) | Q(started_at__lt=stale), done_at=None)
        .filter(pk__in=message_ids)
        .values_list("pk", flat=True)
    )
    Message.objects.filter(pk__in=retried).update(attempts=0, started_at=None, due_at=now)
    for message_id in retried:
        transaction.on_commit(functools.partial(_relay_after_commit, message_id))
    return len(retried)
