from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task
def send_email(*, subject, body, to, html_body="", from_email=None):
    """Send one email. Queued through the outbox (lip_portal.mail.email_send), which sends it
    once even when delivered twice, and tries it again later if the mail server fails."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
