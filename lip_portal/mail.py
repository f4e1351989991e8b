from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction

from .tasks import send_email

_suppressed = ContextVar("emails_suppressed", default=False)


@contextmanager
def emails_suppressed():
    """Send no email from within: the demo seed must not write to the people it invents."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def email_send(*, subject, body, to, html_body="", from_email=None):
    """Send an email through the task queue, once the current transaction commits.

    Nothing is sent for a transaction that rolls back, and a slow mail server never holds
    up the request that asked for the email.
    """
    if _suppressed.get():
        return
    recipients = [to] if isinstance(to, str) else list(to)
    transaction.on_commit(
        lambda: send_email.delay(
            subject=subject,
            body=body,
            to=recipients,
            html_body=html_body,
            from_email=from_email,
        )
    )
