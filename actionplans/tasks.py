from celery import shared_task

from . import services


@shared_task
def send_reporting_reminders() -> int | None:
    """Daily: remind partner staff a week before the open period's due date, and on it."""
    reminder = services.reporting_reminders_send()
    return reminder.pk if reminder else None
