from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Pillar(models.Model):
    """One of the partnership's three areas of work: Settle, Work, Belong."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    summary = models.TextField(_("summary"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    if TYPE_CHECKING:
        # modeltranslation swaps in a manager of its own at run time (pillars/translation.py).
        objects: ClassVar[models.Manager[Pillar]]
        _default_manager: ClassVar[models.Manager[Pillar]]

    class Meta:
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pillars:pillar_detail", kwargs={"slug": self.slug})


class Group(models.Model):
    """The Council, a pillar's steering group, or an action group formed for a project."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        STEERING = "steering", _("Steering group")
        ACTION = "action", _("Action group")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    pillar = models.ForeignKey(
        Pillar,
        verbose_name=_("pillar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("For an action group: the steering group or the Council it reports to."),
    )
    mandate = models.TextField(_("mandate"), blank=True)
    formed_on = models.DateField(_("formed on"), null=True, blank=True)
    sunset_on = models.DateField(_("sunset on"), null=True, blank=True)
    votes_are_public = models.BooleanField(
        _("votes are public"),
        default=False,
        help_text=_("The terms of reference say how each member voted may be published."),
    )

    if TYPE_CHECKING:
        # modeltranslation swaps in a manager of its own at run time (pillars/translation.py).
        objects: ClassVar[models.Manager[Group]]
        _default_manager: ClassVar[models.Manager[Group]]
        # Its translated columns, which modeltranslation adds.
        name_en: str | None
        name_fr: str | None
        mandate_en: str | None
        mandate_fr: str | None
        # What pillars.selectors attaches for the pages that show a group.
        action_groups: list[Group]
        is_wound_down: bool
        chair: Membership | None
        chairs: list[Membership]
        current_members: list[Membership]
        upcoming_members: list[Membership]
        past_members: list[Membership]
        terms: TermsOfReference | None
        published_meetings: list[Meeting]
        terms_versions: list[TermsOfReference]

    class Meta:
        # Not plain "group": the back office also lists Django's groups (the staff roles).
        verbose_name = _("partnership group")
        verbose_name_plural = _("partnership groups")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="steering") | Q(pillar__isnull=False),
                name="pillars_group_steering_has_pillar",
                violation_error_message=_("A steering group belongs to a pillar."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="action") | Q(parent__isnull=False),
                name="pillars_group_action_has_parent",
                violation_error_message=_("An action group reports to a parent group."),
            ),
            models.CheckConstraint(
                condition=Q(sunset_on__isnull=True)
                | Q(formed_on__isnull=True)
                | Q(sunset_on__gte=F("formed_on")),
                name="pillars_group_sunset_after_formed",
                violation_error_message=_("A group cannot wind down before it is formed."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("pillars:group_detail", kwargs={"slug": self.slug})

    def has_wound_down(self, today: datetime.date | None = None) -> bool:
        """An action group past its sunset date has finished its work."""
        return self.sunset_on is not None and self.sunset_on < (today or timezone.localdate())


def running_on(day: datetime.date, *, through: str = "") -> Q:
    """The condition on memberships whose term covers `day` (a term end is its last day).
    `through` reads them across a relation, e.g. "memberships__" from a group."""
    return running_during(day, day, through=through)


def running_during(start: datetime.date, end: datetime.date, *, through: str = "") -> Q:
    """The condition on memberships whose term shares at least one day with [start, end]."""
    return Q(**{f"{through}term_start__lte": end}) & (
        Q(**{f"{through}term_end__isnull": True}) | Q(**{f"{through}term_end__gte": start})
    )


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active_on(self, day: datetime.date) -> Self:
        """Memberships whose term covers the given day (a term end is its last day)."""
        return self.filter(running_on(day))

    def ended_before(self, day: datetime.date) -> Self:
        return self.filter(term_end__lt=day)


class Membership(models.Model):
    """A person's seat on a group, for a term, possibly representing an organization."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        STAFF_LIAISON = "staff_liaison", _("Staff liaison")
        EX_OFFICIO = "ex_officio", _("Ex officio")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("organization represented"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role, default=Role.MEMBER)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(
        _("term end"),
        null=True,
        blank=True,
        help_text=_("The last day of the term. Leave empty for a term without a set end."),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "role", "term_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="pillars_membership_term_in_order",
                violation_error_message=_("A term cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["group"],
                condition=Q(role="chair", term_end__isnull=True),
                name="pillars_membership_one_open_chair_per_group",
                violation_error_message=_("This group already has a chair."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} · {self.get_role_display()} · {self.group}"


class TermsOfReference(models.Model):
    """A version of a group's terms of reference; the newest approved one is in force."""

    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="terms_of_reference"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    adopted_on = models.DateField(_("adopted on"))

    if TYPE_CHECKING:
        # modeltranslation swaps in a manager of its own at run time (pillars/translation.py).
        objects: ClassVar[models.Manager[TermsOfReference]]
        _default_manager: ClassVar[models.Manager[TermsOfReference]]
        # The day the next version replaced it, set for the group page's list of versions.
        replaced_on: datetime.date | None

    class Meta:
        verbose_name = _("terms of reference")
        verbose_name_plural = _("terms of reference")
        ordering = ["group", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "version"], name="pillars_terms_of_reference_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} · v{self.version}"


class Meeting(models.Model):
    group = models.ForeignKey(
        Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    # Optional: a meeting without a time shows in calendars as a whole day.
    starts_at = models.TimeField(_("starts at"), null=True, blank=True)
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    location = models.CharField(
        _("location"),
        max_length=200,
        blank=True,
        help_text=_('An address, a room or "online". Shown to the public once published.'),
    )
    # Calendar apps notice a change by LAST-MODIFIED (pillars/calendar.py).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    decisions = models.TextField(_("decisions"), blank=True)
    is_published = models.BooleanField(pgettext_lazy("meeting", "published"), default=False)

    if TYPE_CHECKING:
        # modeltranslation swaps in a manager of its own at run time (pillars/translation.py).
        objects: ClassVar[models.Manager[Meeting]]
        _default_manager: ClassVar[models.Manager[Meeting]]
        # Its translated columns, which modeltranslation adds.
        agenda_en: str | None
        agenda_fr: str | None
        minutes_en: str | None
        minutes_fr: str | None
        decisions_en: str | None
        decisions_fr: str | None

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["group", "-held_on"]

    def __str__(self) -> str:
        return f"{self.group} · {self.held_on}"


class MeetingAttendance(models.Model):
    """Whether a member whose seat ran on the day of a meeting attended it, as the group's chair
    or backbone staff recorded it (services.meeting_attendance_record). Read only as counts, for
    the partnership's self-evaluation."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="meeting_attendance",
    )
    attended = models.BooleanField(_("attended"))

    class Meta:
        verbose_name = _("meeting attendance")
        verbose_name_plural = _("meeting attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], name="pillars_attendance_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.person}"
