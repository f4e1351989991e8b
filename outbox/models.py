"""The transactional outbox: the tasks the portal has committed to run, each until it is done.

outbox/services.py says how a message is written, relayed to the broker and run once."""

import datetime
from typing import Self

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# A task that failed this many times is left for staff to look at (the admin's "Try again").
MAX_ATTEMPTS = 8


class MessageQuerySet(models.QuerySet["Message"]):
    def pending(self) -> Self:
        """Not done, and not given up on."""
        return self.filter(done_at=None, attempts__lt=MAX_ATTEMPTS)

    def due(self, now: datetime.datetime) -> Self:
        """Pending and due to be sent to the broker (again)."""
        return self.pending().filter(due_at__lte=now)

    def failed(self) -> Self:
        return self.filter(done_at=None, attempts__gte=MAX_ATTEMPTS)


class Message(models.Model):
    """A task to run once, written in the same transaction as the change that asks for it."""

    task = models.CharField(_("task"), max_length=200)
    # Never shown in the back office: an email's body may hold a password reset link.
    kwargs = models.JSONField(_("arguments"), default=dict)
    created_at = models.DateTimeField(
        pgettext_lazy("outbox message", "created at"), default=timezone.now
    )
    # When the relay sends it to the broker next: at once, then again if it is not done by then.
    due_at = models.DateTimeField(_("due at"), default=timezone.now)
    sent_count = models.PositiveIntegerField(_("times sent to the broker"), default=0)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbox message")
        verbose_name_plural = _("outbox messages")
        ordering = ["-created_at"]
        indexes = [
            models.Index(
                fields=["due_at"], condition=models.Q(done_at=None), name="outbox_message_due"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk}"
