from typing import Any

from celery import shared_task

from . import services


@shared_task
def run_approval_clock() -> dict[str, Any]:
    """Every few minutes: decide the votes that closed, remind who has not voted 48 hours
    before a vote closes (once each)."""
    decided = services.approval_requests_close_due()
    reminded = services.vote_reminders_send()
    return {"decided": [decision.pk for decision in decided], "reminded": reminded}
