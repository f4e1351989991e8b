from celery import shared_task
from django.core.mail import EmailMultiAlternatives


# Named by its first home, so an email already waiting in the outbox under that name is sent.
@shared_task(name="lip_portal.tasks.send_email")
def send_email(
    *, subject: str, body: str, to: list[str], html_body: str = "", from_email: str | None = None
) -> None:
    """Send one email. Queued through the outbox (core.mail.email_send), which sends it
    once even when delivered twice, and tries it again later if the mail server fails."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
