"""People who follow a pillar, a group, a consultation or the reports by email, no account needed.

The address is stored here and nowhere else: no history table (simple-history is not registered
on these models), no outbox message (tasks take a subscription's id, and the email is built and
sent inside the task), no back-office page beyond counts (following/admin.py).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Subscription(models.Model):
    """One address following one thing, with the consent it gave (Canada's anti-spam law)."""

    class Kind(models.TextChoices):
        PILLAR = "pillar", _("Pillar")
        GROUP = "group", _("Group")
        CONSULTATION = "consultation", _("Consultation")
        REPORTS = "reports", _("Annual reports")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As soon as something changes")
        WEEKLY = "weekly", _("Once a week")

    email = models.EmailField(_("email address"), max_length=254)
    kind = models.CharField(_("follows"), max_length=12, choices=Kind)
    pillar = models.ForeignKey(
        "pillars.Pillar", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    group = models.ForeignKey(
        "pillars.Group", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # "pillar:3", "reports": one subscription per address and thing (works on SQLite too,
    # where a unique constraint cannot treat empty foreign keys as equal).
    target = models.CharField(_("followed thing"), max_length=40, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency, default=Frequency.WEEKLY
    )
    created_at = models.DateTimeField(
        pgettext_lazy("subscription", "asked at"), default=timezone.now
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    # Changes after this moment go in the next digest (the confirmation at first).
    last_digest_at = models.DateTimeField(null=True, blank=True)
    # The consent as given: the exact sentence shown, in the language shown, and on which page.
    consent_text = models.TextField(_("consent wording shown"))
    consent_language = models.CharField(_("consent language"), max_length=8)
    consent_source = models.CharField(_("consent given on page"), max_length=500)

    class Meta:
        verbose_name = _("email follower")
        verbose_name_plural = _("email followers")
        constraints = [
            models.UniqueConstraint(fields=["email", "target"], name="following_one_per_target"),
        ]
        indexes = [models.Index(fields=["frequency", "confirmed_at"])]

    def __str__(self) -> str:
        # Never the address: this is what any log or back-office page would show.
        return f"{self.get_kind_display()} · {self.pk}"


class SentItem(models.Model):
    """A change already sent to a subscription whose model keeps no date of it (a meeting
    published, a consultation's results): the digest sends each once."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "key"], name="following_sent_once"),
        ]

    def __str__(self) -> str:
        return self.key
