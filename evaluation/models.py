from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fiscal import validate_fiscal_year_label

# --- The yearly partnership health check (issue 18) -------------------------------------------
#
# Members of every body rate a few statements about how the partnership works, anonymously.
# Who answered and what was answered are kept apart, and nothing joins them again:
# - Participation says that a person answered a health check, and nothing of what;
# - HealthCheckResponse, HealthCheckAnswer and HealthCheckComment say what was answered, and
#   hold no person, no date or time, and no sequential key: their keys are random UUIDs and
#   no default ordering exists, so neither the order nor the time of insertion links an
#   answer to its participation. The only dates are the health check's own (opened, closed).
# A person sitting on several bodies answers once per health check, for the one body they
# choose among those they sit on (README "What is in it"): the overall figure counts each person
# once, and the body recorded with the answers is published only where enough people chose it
# (evaluation/health_check.py).


class HealthCheckStatement(models.Model):
    """A statement members rate from 1 (strongly disagree) to 5 (strongly agree)."""

    text = models.CharField(
        _("statement"),
        max_length=300,
        help_text=_("For example: Decisions are made transparently."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("asked"),
        default=True,
        help_text=_(
            "Asked in the next health checks. Untick rather than delete a statement already "
            "answered: past results keep it."
        ),
    )

    if TYPE_CHECKING:
        # modeltranslation replaces the managers with a class made at run time.
        objects: ClassVar[models.Manager[HealthCheckStatement]]
        _default_manager: ClassVar[models.Manager[HealthCheckStatement]]
        text_en: str | None
        text_fr: str | None

    class Meta:
        verbose_name = _("health check statement")
        verbose_name_plural = _("health check statements")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text


class HealthCheck(models.Model):
    """One fiscal year's partnership health check, opened and closed by backbone staff."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open: members may answer")
        CLOSED = "closed", _("Closed: results published")

    fiscal_year = models.CharField(
        _("fiscal year"),
        max_length=7,
        unique=True,
        validators=[validate_fiscal_year_label],
        help_text=_("April to March, written 2025-26."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, editable=False
    )
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Why the partnership asks, shown above the questions and the results."),
    )
    statements = models.ManyToManyField(
        HealthCheckStatement,
        verbose_name=_("statements asked"),
        related_name="health_checks",
        blank=True,
        editable=False,
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, editable=False)
    # The suppressed results, computed once when the health check closes (never a figure of
    # fewer than SUPPRESSION_THRESHOLD people): every page and the annual report read these.
    results = models.JSONField(_("suppressed results"), null=True, editable=False)

    if TYPE_CHECKING:
        # modeltranslation replaces the managers with a class made at run time.
        objects: ClassVar[models.Manager[HealthCheck]]
        _default_manager: ClassVar[models.Manager[HealthCheck]]

    class Meta:
        verbose_name = _("partnership health check")
        verbose_name_plural = _("partnership health checks")
        ordering = ["-fiscal_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=models.Q(status="open"),
                name="evaluation_health_check_one_open",
                violation_error_message=_("Another health check is open: close it first."),
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Partnership health check %(fiscal_year)s") % {"fiscal_year": self.fiscal_year}
        )

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("evaluation:health_check_results", kwargs={"fiscal_year": self.fiscal_year})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Participation(models.Model):
    """That a person answered a health check: never what they answered."""

    health_check = models.ForeignKey(
        HealthCheck, on_delete=models.CASCADE, related_name="participations"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        default_permissions = ()  # the back office shows counts, never who
        constraints = [
            models.UniqueConstraint(
                fields=["health_check", "person"], name="evaluation_participation_once"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Participation"))


class HealthCheckResponse(models.Model):
    """One person's ratings, with the body they chose: no person, no date, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    health_check = models.ForeignKey(
        HealthCheck, on_delete=models.CASCADE, related_name="responses"
    )
    body = models.ForeignKey("pillars.Group", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("anonymous response")
        verbose_name_plural = _("anonymous responses")
        default_permissions = ()  # no one may view, add, change or delete one in the admin

    def __str__(self) -> str:
        return str(_("Anonymous response"))


class HealthCheckAnswer(models.Model):
    """A rating from 1 to 5 of one statement; empty for "don't know"."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(
        HealthCheckResponse, on_delete=models.CASCADE, related_name="answers"
    )
    statement = models.ForeignKey(HealthCheckStatement, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(null=True)

    class Meta:
        verbose_name = _("anonymous answer")
        verbose_name_plural = _("anonymous answers")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["response", "statement"], name="evaluation_answer_once_per_statement"
            ),
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__gte=1, rating__lte=5),
                name="evaluation_answer_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Anonymous answer"))


class HealthCheckComment(models.Model):
    """An open comment, on its own: not linked to the ratings or the body, so a quote says
    nothing of who wrote it. Published only once staff approve it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved: may be quoted")
        REJECTED = "rejected", _("Rejected: never shown")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    health_check = models.ForeignKey(
        HealthCheck,
        verbose_name=_("health check"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    text = models.TextField(_("comment"), max_length=2000, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, editable=False
    )

    class Meta:
        verbose_name = _("health check comment")
        verbose_name_plural = _("health check comments")
        # No ordering by insertion: by text, which says nothing of when it was written.
        ordering = ["text"]
        default_permissions = ("view", "change")

    def __str__(self) -> str:
        return self.text[:60]


# --- Process and outcome indicators ----------------------------------------------------------


class SectorReference(models.Model):
    """A sector the partnership means to have at its tables (settlement, health, residents with
    lived experience...). The breadth of membership of the Council and of each steering group
    is measured against this list, which backbone staff keep (services.sector_reference_save).

    A sector is present at a table when someone sits on it for an organization of one of
    `organization_sectors` (partners.Organization.Sector values), or, with
    `lived_experience`, when someone sits on it in their own name (a membership representing no
    organization: residents and newcomers)."""

    name = models.CharField(_("name"), max_length=100)
    organization_sectors = models.JSONField(
        _("organization sectors"),
        default=list,
        blank=True,
        help_text=_("The sectors of partner organizations that count as this sector."),
    )
    lived_experience = models.BooleanField(
        _("people seated in their own name"),
        default=False,
        help_text=_(
            "Members who represent no organization count as this sector: residents and"
            " newcomers with lived experience."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    if TYPE_CHECKING:
        # modeltranslation swaps in a manager of its own at run time (evaluation/translation.py).
        objects: ClassVar[models.Manager[SectorReference]]
        _default_manager: ClassVar[models.Manager[SectorReference]]
        name_en: str | None
        name_fr: str | None

    class Meta:
        verbose_name = _("sector the partnership seeks")
        verbose_name_plural = _("sectors the partnership seeks")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.name
