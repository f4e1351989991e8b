"""The yearly equity-lens review of governance.

The confidential answers (Response, Answer) are kept apart from profiles and from the
invitations: a Response carries no person, no name, no date and no key to its Invitation.
Only the person, through the key derived from their personal link, finds their own answers.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fiscal import FiscalYear, fiscal_year_display, validate_fiscal_year_label

from .questions import CATEGORY_CHOICES, DIMENSION_CHOICES


def fiscal_year_of(day: datetime.date) -> str:
    """The fiscal year (April to March) a date falls in, as "2025-26"."""
    return FiscalYear.of(day).label


def fiscal_year_bounds(fiscal_year: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of a fiscal year written "2025-26"."""
    year = FiscalYear.from_label(fiscal_year)
    return year.starts_on, year.ends_on


# The migrations name the validator here.
validate_fiscal_year = validate_fiscal_year_label


def response_key(invitation: Invitation, *, key: str | None = None) -> str:
    """The key that finds a person's answers again, derived from their personal link.

    It is a keyed hash of the link's secret under EQUITY_ANSWER_KEY (or `key`): the answers
    carry no reference to the invitation or the person, and nobody can go from an invitation
    to its answers without the link's secret and that key.
    """
    return hmac.new(
        (key or settings.EQUITY_ANSWER_KEY).encode(),
        f"equity-response:{invitation.token}".encode(),
        hashlib.sha256,
    ).hexdigest()


def response_keys(invitation: Invitation) -> list[str]:
    """The person's key under the current answer key, then under each fallback (old) key."""
    keys = [settings.EQUITY_ANSWER_KEY, *settings.EQUITY_ANSWER_KEY_FALLBACKS]
    return [response_key(invitation, key=key) for key in dict.fromkeys(keys)]


def new_token() -> str:
    return secrets.token_urlsafe(24)


class EquityReview(models.Model):
    """One fiscal year's review of who sits on the partnership's bodies."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("equity review status", "Draft")
        OPEN = "open", _("Open: questionnaire accepting answers")
        CLOSED = "closed", _("Closed: writing findings")
        PUBLISHED = "published", pgettext_lazy("equity review status", "Published")

    fiscal_year = models.CharField(
        _("fiscal year"),
        max_length=7,
        unique=True,
        validators=[validate_fiscal_year],
        help_text=_("April to March, written 2025-26."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, editable=False
    )
    bodies = models.ManyToManyField(
        "pillars.Group",
        verbose_name=_("bodies reviewed"),
        related_name="equity_reviews",
        blank=True,
        help_text=_("Leave empty to review every active group when the review opens."),
    )
    opens_on = models.DateField(_("questionnaire opens on"))
    closes_on = models.DateField(_("questionnaire closes on"))
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Why the partnership reviews its governance, shown above the figures."),
    )
    findings = models.TextField(_("findings"), blank=True)
    actions = models.TextField(_("actions agreed"), blank=True)
    progress = models.TextField(
        _("progress on the actions"),
        blank=True,
        help_text=_("Kept current after publication: what has been done so far."),
    )
    opened_at = models.DateTimeField(
        pgettext_lazy("equity review", "opened at"), null=True, editable=False
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, editable=False)
    published_at = models.DateTimeField(
        pgettext_lazy("equity review", "published at"), null=True, editable=False
    )
    answers_deleted_at = models.DateTimeField(_("answers deleted at"), null=True, editable=False)
    # The suppressed figures, computed once when the questionnaire closes: never raw counts
    # under the threshold. The staff page (once closed) and the public page (once published)
    # read only this, so no later change to the answers, their deletion included, shows.
    aggregates = models.JSONField(_("suppressed figures"), null=True, editable=False)

    if TYPE_CHECKING:
        # modeltranslation replaces the managers with a class made at run time.
        objects: ClassVar[models.Manager[EquityReview]]
        _default_manager: ClassVar[models.Manager[EquityReview]]

    class Meta:
        verbose_name = _("equity review")
        verbose_name_plural = _("equity reviews")
        ordering = ["-fiscal_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="equity_review_closes_after_it_opens",
                violation_error_message=_("The questionnaire cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Equity review %(fiscal_year)s")
            % {"fiscal_year": fiscal_year_display(self.fiscal_year)}
        )

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("equity:review_detail", kwargs={"fiscal_year": self.fiscal_year})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def accepts_answers_on(self, day: datetime.date) -> bool:
        return self.status == self.Status.OPEN and self.opens_on <= day <= self.closes_on


class Benchmark(models.Model):
    """The community's share of one category, e.g. from a census table, to compare with."""

    review = models.ForeignKey(
        EquityReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="benchmarks"
    )
    dimension = models.CharField(_("dimension"), max_length=30, choices=DIMENSION_CHOICES)
    category = models.CharField(_("category"), max_length=30, choices=CATEGORY_CHOICES)
    share = models.DecimalField(
        _("share of the population (%)"),
        max_digits=5,
        decimal_places=1,
        help_text=_("Percent of the region's population, from 0 to 100."),
    )
    source = models.CharField(
        _("source"), max_length=300, help_text=_("For example a census table and its year.")
    )
    source_url = models.URLField(_("source link"), blank=True)

    if TYPE_CHECKING:
        # modeltranslation replaces the managers with a class made at run time.
        objects: ClassVar[models.Manager[Benchmark]]
        _default_manager: ClassVar[models.Manager[Benchmark]]

    class Meta:
        verbose_name = _("community benchmark")
        verbose_name_plural = _("community benchmarks")
        ordering = ["review", "dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "dimension", "category"],
                name="equity_benchmark_one_per_category",
                violation_error_message=_("This category already has a benchmark."),
            ),
            models.CheckConstraint(
                condition=models.Q(share__gte=0, share__lte=100),
                name="equity_benchmark_share_is_a_percent",
                violation_error_message=_("A share is a percent between 0 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} · {self.get_category_display()}"

    def clean(self) -> None:
        from .questions import DIMENSIONS_BY_CODE

        dimension = DIMENSIONS_BY_CODE.get(self.dimension)
        if dimension and self.category not in dimension.category_codes:
            raise ValidationError(
                {"category": _("This category does not belong to the dimension chosen.")}
            )


class FollowUpLink(models.Model):
    """An action item, a governance change or a document that follows from the review."""

    review = models.ForeignKey(
        EquityReview,
        verbose_name=_("review"),
        on_delete=models.CASCADE,
        related_name="follow_up_links",
    )
    label = models.CharField(_("label"), max_length=200)
    url = models.URLField(_("link"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    if TYPE_CHECKING:
        # modeltranslation replaces the managers with a class made at run time.
        objects: ClassVar[models.Manager[FollowUpLink]]
        _default_manager: ClassVar[models.Manager[FollowUpLink]]

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["review", "order", "id"]

    def __str__(self) -> str:
        return self.label


class Invitation(models.Model):
    """That a person was asked to answer, and whether they did: never what they answered."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Not answered yet")
        ANSWERED = "answered", pgettext_lazy("invitation status", "Answered")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Answers withdrawn")

    review = models.ForeignKey(
        EquityReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        "partners.User",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="equity_invitations",
    )
    bodies = models.ManyToManyField(
        "pillars.Group", verbose_name=_("bodies"), related_name="+", blank=True
    )
    token = models.CharField(_("personal link key"), max_length=64, unique=True, default=new_token)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.PENDING)
    sent_at = models.DateTimeField(pgettext_lazy("invitation", "sent at"), null=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["review", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "person"], name="equity_invitation_one_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.person}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("equity:questionnaire", kwargs={"token": self.token})


class Response(models.Model):
    """One person's confidential answers, with no person, name or date attached.

    `key` is derived from the invitation's personal link (see response_key), so only
    the holder of the link finds it again; the bodies are those the person sat on, for the
    per-body aggregates.
    """

    review = models.ForeignKey(
        EquityReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="responses"
    )
    key = models.CharField(max_length=64, unique=True)
    bodies = models.ManyToManyField("pillars.Group", related_name="+", blank=True)

    class Meta:
        verbose_name = _("confidential response")
        verbose_name_plural = _("confidential responses")
        default_permissions = ()  # no one may view, add, change or delete one in the admin

    def __str__(self) -> str:
        return str(_("Confidential response"))


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    dimension = models.CharField(max_length=30, choices=DIMENSION_CHOICES)
    category = models.CharField(max_length=30, choices=CATEGORY_CHOICES)

    class Meta:
        verbose_name = _("confidential answer")
        verbose_name_plural = _("confidential answers")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["response", "dimension"], name="equity_answer_one_per_dimension"
            ),
        ]

    def __str__(self) -> str:
        return str(_("Confidential answer"))
