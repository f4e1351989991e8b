from celery import shared_task

from .services import answers_delete_expired


@shared_task
def delete_expired_answers():
    """Daily: delete the answers of reviews published longer ago than the retention period."""
    return answers_delete_expired()
