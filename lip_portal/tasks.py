import smtplib

from celery import shared_task
from django.core.mail import EmailMultiAlternatives


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
    acks_late=True,
)
def send_email(*, subject, body, to, html_body="", from_email=None):
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
