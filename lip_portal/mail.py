from django.db import transaction

from .tasks import send_email


def email_send(*, subject, body, to, html_body="", from_email=None):
    """Send an email through the task queue, once the current transaction commits.

    Nothing is sent for a transaction that rolls back, and a slow mail server never holds
    up the request that asked for the email.
    """
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
