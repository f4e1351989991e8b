"""The portal's Celery app with the test-only slow task registered, for
`celery -A tests.reliability.worker_app worker`."""

from lip_portal.celery import app
from tests.reliability import slow_task  # noqa: F401  (registers the task)

__all__ = ["app"]
