from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.utils import translation

from outbox import services as outbox

from .tasks import send_email

_suppressed = ContextVar("emails_suppressed", default=False)


@contextmanager
def emails_suppressed() -> Iterator[None]:
    """Send no email from within: the demo seed must not write to the people it invents."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def email_send(
    *,
    subject: str,
    body: str,
    to: str | Iterable[str],
    html_body: str = "",
    from_email: str | None = None,
    language: str | None = None,
) -> None:
    """Send an email through the task queue, once the current transaction commits.

    Nothing is sent for a transaction that rolls back; one that commits sends it once, even if
    the broker is down meanwhile (the outbox keeps it), and a slow mail server never holds up
    the request that asked for the email.

    `language` is the one the email is written in, the recipient's (by default the active
    language: callers render the email under `translation.override(person's language)`). The
    email leaves with an HTML part (the text's own when `html_body` is empty) and the portal's
    List-Id (core.tasks.email_message).
    """
    if _suppressed.get():
        return
    recipients = [to] if isinstance(to, str) else list(to)
    outbox.task_enqueue(
        task=send_email,
        kwargs={
            "subject": str(subject),
            "body": str(body),
            "to": recipients,
            "html_body": str(html_body),
            "from_email": from_email,
            "language": language or translation.get_language() or settings.LANGUAGE_CODE,
        },
    )
