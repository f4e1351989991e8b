"""Approval requests put to the Council (or to a steering group asked to endorse first), who
could vote, conflicts of interest, votes, and the decision that settles each request.

Every row here is part of the record: nothing is edited by hand. The services in services.py
open requests, record votes and conflicts, and decide; only a Decision changes the approval
status of a strategic direction or annual plan (through actionplans.services).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pillars.models import Membership

if TYPE_CHECKING:
    from simple_history.manager import HistoryManager


class DecisionRule(models.TextChoices):
    MAJORITY = "majority", _("Majority of votes cast, with quorum")
    CONSENSUS = "consensus", _("Consensus: no objection, with quorum")


class VoteChoice(models.TextChoices):
    APPROVE = "approve", _("Approve")
    OBJECT = "object", _("Object")
    ABSTAIN = "abstain", _("Abstain")


class ApprovalRequest(models.Model):
    """What a body is asked to approve: strategic directions, or one annual action plan."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for votes")
        DECIDED = "decided", _("Decided")
        CANCELLED = "cancelled", pgettext_lazy("approval request status", "Cancelled")

    body = models.ForeignKey(
        "pillars.Group",
        verbose_name=_("body asked"),
        on_delete=models.PROTECT,
        related_name="approval_requests",
        help_text=_("The Council, or a steering group asked to endorse first."),
    )
    directions = models.ManyToManyField(
        "actionplans.StrategicDirection",
        verbose_name=_("strategic directions"),
        blank=True,
        related_name="approval_requests",
    )
    annual_plan = models.ForeignKey(
        "actionplans.AnnualActionPlan",
        verbose_name=_("annual action plan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_requests",
    )
    question = models.TextField(
        _("what is asked"),
        blank=True,
        help_text=_("A sentence or two for the members: what they approve and why now."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="approval_requests_submitted",
    )
    opens_at = models.DateTimeField(_("opens at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"))
    rule = models.CharField(
        _("decision rule"), max_length=10, choices=DecisionRule, default=DecisionRule.MAJORITY
    )
    quorum_count = models.PositiveSmallIntegerField(
        _("quorum (number of members)"),
        null=True,
        blank=True,
        help_text=_("How many eligible members must take part. Leave empty to use the share."),
    )
    quorum_fraction = models.DecimalField(
        _("quorum (share of eligible members)"),
        max_digits=3,
        decimal_places=2,
        default="0.50",
        help_text=_("For example 0.50: at least half of the eligible members take part."),
    )
    endorsement = models.ForeignKey(
        "self",
        verbose_name=_("endorsement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="followed_by",
        help_text=_("The steering group's earlier, decided request that endorsed this one."),
    )
    endorsement_override = models.TextField(
        _("why the Council votes without the steering group's endorsement"),
        blank=True,
        max_length=2000,
        help_text=_(
            "Only when the steering group of a direction's pillar has not endorsed it: the "
            "reason is published in the decision log."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.OPEN, editable=False
    )
    created_at = models.DateTimeField(
        pgettext_lazy("approval request", "created at"), default=timezone.now, editable=False
    )

    if TYPE_CHECKING:
        # modeltranslation swaps in a generated MultilingualManager at runtime, which the
        # django-stubs plugin cannot resolve; to callers it is a Manager of QuerySets.
        objects: ClassVar[models.Manager[ApprovalRequest]]
        _default_manager: ClassVar[models.Manager[ApprovalRequest]]
        # The columns modeltranslation adds per language (translation.py).
        endorsement_override_en: str | None
        endorsement_override_fr: str | None
        # Set on the requests of a member's dashboard (selectors.open_requests_for_member).
        time_left: datetime.timedelta

    class Meta:
        verbose_name = _("approval request")
        verbose_name_plural = _("approval requests")
        ordering = ["-opens_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="approvals_request_closes_after_opening",
                violation_error_message=_("A request closes after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(quorum_fraction__gte=0, quorum_fraction__lte=1),
                name="approvals_request_quorum_fraction_0_to_1",
                violation_error_message=_("The quorum share is between 0 and 1."),
            ),
        ]
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self) -> str:
        return str(_("%(subject)s, to %(body)s") % {"subject": self.subject, "body": self.body})

    @property
    def subject(self) -> str:
        """What is asked, in a few words (loads the directions: prefetch them in lists)."""
        if self.annual_plan_id:
            return str(self.annual_plan)
        directions = list(self.directions.all())
        if len(directions) == 1:
            return str(_("Strategic direction %(direction)s") % {"direction": directions[0]})
        codes = ", ".join(direction.code for direction in directions)
        return str(_("Strategic directions %(codes)s") % {"codes": codes})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_endorsement(self) -> bool:
        """A request to a body other than the Council only endorses: it approves nothing."""
        return self.body.kind != "council"


class EligibleVoter(models.Model):
    """Who could vote, as their memberships stood on the day the request opened."""

    request = models.ForeignKey(
        ApprovalRequest,
        verbose_name=_("approval request"),
        on_delete=models.CASCADE,
        related_name="eligible_voters",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    membership = models.ForeignKey(
        "pillars.Membership",
        verbose_name=_("membership"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    role = models.CharField(_("role"), max_length=20, choices=Membership.Role)

    class Meta:
        verbose_name = _("eligible voter")
        verbose_name_plural = _("eligible voters")
        ordering = ["request", "person__display_name", "person__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "person"], name="approvals_eligible_once_per_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.request_id}"


class ConflictDeclaration(models.Model):
    """A member's declared conflict of interest: they do not vote and do not count to quorum."""

    request = models.ForeignKey(
        ApprovalRequest,
        verbose_name=_("approval request"),
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="conflict_declarations",
    )
    note = models.TextField(_("note"), blank=True, max_length=1000)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["request", "declared_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "person"], name="approvals_conflict_once_per_request"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.request_id}"


class Vote(models.Model):
    """One member's vote on a request: one per member, enforced by the database."""

    request = models.ForeignKey(
        ApprovalRequest,
        verbose_name=_("approval request"),
        on_delete=models.CASCADE,
        related_name="votes",
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        on_delete=models.PROTECT,
        related_name="approval_votes",
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)
    changed_at = models.DateTimeField(_("last changed at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Who entered a vote taken in a meeting; empty for a vote cast online."),
    )

    if TYPE_CHECKING:
        # Registered in translation.py; django-simple-history is untyped.
        history: ClassVar[HistoryManager]

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["request", "cast_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "voter"], name="approvals_one_vote_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voter} · {self.get_choice_display()}"


class Decision(models.Model):
    """The outcome of a request, with everything needed to audit it."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("decision outcome", "Approved")
        REJECTED = "rejected", _("Not approved")
        NO_QUORUM = "no_quorum", _("No quorum")

    class Method(models.TextChoices):
        ONLINE = "online", _("Online vote")
        MEETING = "meeting", _("Vote in a meeting")

    request = models.OneToOneField(
        ApprovalRequest,
        verbose_name=_("approval request"),
        on_delete=models.PROTECT,
        related_name="decision",
    )
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome)
    method = models.CharField(_("method"), max_length=10, choices=Method, default=Method.ONLINE)
    approve_count = models.PositiveSmallIntegerField(_("approve"), default=0)
    object_count = models.PositiveSmallIntegerField(_("object"), default=0)
    abstain_count = models.PositiveSmallIntegerField(_("abstain"), default=0)
    eligible_count = models.PositiveSmallIntegerField(
        _("eligible members"), help_text=_("Members who could vote, conflicts left out.")
    )
    conflict_count = models.PositiveSmallIntegerField(_("conflicts declared"), default=0)
    quorum_required = models.PositiveSmallIntegerField(_("quorum required"))
    quorum_met = models.BooleanField(_("quorum met"))
    decided_on = models.DateField(_("decided on"))
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    meeting = models.ForeignKey(
        "pillars.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approval_decisions",
    )
    mover = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    seconder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("seconded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    comments = models.TextField(
        _("comments"),
        blank=True,
        help_text=_("What the members asked to change, sent back with a returned item."),
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mover__isnull=True)
                | Q(seconder__isnull=True)
                | ~Q(mover=F("seconder")),
                name="approvals_decision_mover_is_not_seconder",
                violation_error_message=_("The mover and the seconder are two people."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.request} · {self.get_outcome_display()} · {self.decided_on}"

    @property
    def participant_count(self) -> int:
        return self.approve_count + self.object_count + self.abstain_count


class ReminderSent(models.Model):
    """Proof that a member was reminded to vote, so each reminder goes out once."""

    request = models.ForeignKey(
        ApprovalRequest,
        verbose_name=_("approval request"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_at = models.DateTimeField(pgettext_lazy("reminder", "sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote reminder sent")
        verbose_name_plural = _("vote reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "person"], name="approvals_reminder_once_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.request_id}"
