from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def email_message(
    *,
    subject: str,
    body: str,
    to: list[str],
    html_body: str = "",
    from_email: str | None = None,
    language: str = "",
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """The email as it leaves: the plain text, an HTML part (the text itself when none was
    written, links made clickable), the portal's List-Id, and the language it is written in;
    `headers` adds to those (List-Unsubscribe for the emails of following/)."""
    language = language or settings.LANGUAGE_CODE
    if not html_body:
        with translation.override(language):
            html_body = render_to_string(
                "core/email/message.html",
                {"subject": subject, "body": body, "language": language},
            )
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=from_email,
        to=to,
        headers={
            "List-Id": settings.EMAIL_LIST_ID,
            "Content-Language": language,
            **(headers or {}),
        },
    )
    message.attach_alternative(html_body, "text/html")
    return message


# Named by its first home, so an email already waiting in the outbox under that name is sent.
@shared_task(name="lip_portal.tasks.send_email")
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html_body: str = "",
    from_email: str | None = None,
    language: str = "",
) -> None:
    """Send one email. Queued through the outbox (core.mail.email_send), which sends it
    once even when delivered twice, and tries it again later if the mail server fails."""
    email_message(
        subject=subject,
        body=body,
        to=to,
        html_body=html_body,
        from_email=from_email,
        language=language,
    ).send()
