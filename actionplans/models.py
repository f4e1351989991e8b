"""The Community Action Plan, its annual plans of action items, and how they progress.

Status fields that only a Council decision or a progress update may change are not editable
(`editable=False`): no admin or form can touch them; the services in services.py do.
Translations and history are registered in translation.py.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fiscal import FiscalYear

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
    from simple_history.manager import HistoryManager

    from approvals.models import Decision
    from core.charts import LineChart

    from .selectors import Breakdown


class ApprovalStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("approval status", "Draft")
    SUBMITTED = "submitted", _("Submitted to the Council")
    APPROVED = "approved", pgettext_lazy("approval status", "Approved")
    RETURNED = "returned", _("Returned for changes")


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    DELAYED = "delayed", _("Delayed")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", pgettext_lazy("action item status", "Cancelled")


# Items in these states need no more reporting.
FINISHED_STATUSES = (ItemStatus.COMPLETED, ItemStatus.CANCELLED)


class CommunityActionPlan(models.Model):
    """The multi-year plan (for example FY 2022-23 to FY 2026-27) the Council adopted."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("first fiscal year"), help_text=_("The calendar year the first fiscal year starts in.")
    )
    last_year = models.PositiveSmallIntegerField(
        _("last fiscal year"), help_text=_("The calendar year the last fiscal year starts in.")
    )

    if TYPE_CHECKING:
        # modeltranslation swaps in a generated MultilingualManager at runtime, a class the
        # django-stubs plugin cannot resolve; its querysets are plain QuerySets to callers.
        objects: ClassVar[models.Manager[CommunityActionPlan]]
        _default_manager: ClassVar[models.Manager[CommunityActionPlan]]
        # The columns modeltranslation adds per language (translation.py).
        title_en: str | None
        title_fr: str | None
        # Registered in translation.py; django-simple-history is untyped.
        history: ClassVar[HistoryManager]

    class Meta:
        verbose_name = _("Community Action Plan")
        verbose_name_plural = _("Community Action Plans")
        ordering = ["-first_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="actionplans_cap_years_in_order",
                violation_error_message=_("The plan cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def first_fiscal_year(self) -> FiscalYear:
        return FiscalYear(self.first_year)

    @property
    def last_fiscal_year(self) -> FiscalYear:
        return FiscalYear(self.last_year)


class StrategicDirection(models.Model):
    """A direction of the plan under one pillar, such as "W2"; the Council approves it."""

    plan = models.ForeignKey(
        CommunityActionPlan,
        verbose_name=_("Community Action Plan"),
        on_delete=models.PROTECT,
        related_name="directions",
    )
    pillar = models.ForeignKey(
        "pillars.Pillar", verbose_name=_("pillar"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("code"), max_length=10, help_text=_('For example "W2".'))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("approval status"),
        max_length=10,
        choices=ApprovalStatus,
        default=ApprovalStatus.DRAFT,
        editable=False,
    )
    approved_on = models.DateField(
        pgettext_lazy("strategic direction", "approved on"), null=True, blank=True, editable=False
    )

    if TYPE_CHECKING:
        # modeltranslation swaps in a generated MultilingualManager at runtime, which the
        # django-stubs plugin cannot resolve; to callers it is a Manager of QuerySets.
        objects: ClassVar[models.Manager[StrategicDirection]]
        _default_manager: ClassVar[models.Manager[StrategicDirection]]
        # The columns modeltranslation adds per language (translation.py).
        title_en: str | None
        title_fr: str | None
        # Set on approved directions by the approvals' {% attach_approving_decisions %} tag.
        approving_decision: Decision | None
        # Registered in translation.py; django-simple-history is untyped.
        history: ClassVar[HistoryManager]

    class Meta:
        verbose_name = _("strategic direction")
        verbose_name_plural = _("strategic directions")
        ordering = ["plan", "pillar__order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "code"], name="actionplans_direction_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"


class AnnualActionPlan(models.Model):
    """The action items planned for one fiscal year; the Council approves it."""

    plan = models.ForeignKey(
        CommunityActionPlan,
        verbose_name=_("Community Action Plan"),
        on_delete=models.PROTECT,
        related_name="annual_plans",
    )
    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        unique=True,
        help_text=_("The calendar year the fiscal year starts in: 2025 for FY 2025-26."),
    )
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("approval status"),
        max_length=10,
        choices=ApprovalStatus,
        default=ApprovalStatus.DRAFT,
        editable=False,
    )
    approved_on = models.DateField(
        pgettext_lazy("annual plan", "approved on"), null=True, blank=True, editable=False
    )

    if TYPE_CHECKING:
        # modeltranslation swaps in a generated MultilingualManager at runtime, which the
        # django-stubs plugin cannot resolve; to callers it is a Manager of QuerySets.
        objects: ClassVar[models.Manager[AnnualActionPlan]]
        _default_manager: ClassVar[models.Manager[AnnualActionPlan]]
        # Registered in translation.py; django-simple-history is untyped.
        history: ClassVar[HistoryManager]

    class Meta:
        verbose_name = _("annual action plan")
        verbose_name_plural = _("annual action plans")
        ordering = ["-fiscal_year"]

    def __str__(self) -> str:
        return str(
            _("Annual action plan %(year)s") % {"year": FiscalYear(self.fiscal_year).display}
        )

    @property
    def fiscal_year_label(self) -> str:
        return FiscalYear(self.fiscal_year).label

    @property
    def is_public(self) -> bool:
        return self.status == ApprovalStatus.APPROVED


class ActionItem(models.Model):
    """A piece of work of an annual plan, carried by a lead organization with partners.

    Its status, percent and version are those of its latest progress update and change only
    with one (services.progress_update_create), in the same transaction.
    """

    annual_plan = models.ForeignKey(
        AnnualActionPlan,
        verbose_name=_("annual action plan"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    strategic_direction = models.ForeignKey(
        StrategicDirection,
        verbose_name=_("strategic direction"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    owning_group = models.ForeignKey(
        "pillars.Group",
        verbose_name=_("owning group"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    lead_organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("lead organization"),
        on_delete=models.PROTECT,
        related_name="led_items",
    )
    partner_organizations = models.ManyToManyField(
        "partners.Organization",
        verbose_name=_("partner organizations"),
        blank=True,
        related_name="supported_items",
    )
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    target_date = models.DateField(_("target date"))
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much the item counts in the progress of its direction and pillar."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ItemStatus,
        default=ItemStatus.NOT_STARTED,
        editable=False,
    )
    percent = models.PositiveSmallIntegerField(_("percent complete"), default=0, editable=False)
    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        editable=False,
        help_text=_("Goes up by one with each progress update; guards against lost updates."),
    )
    latest_update = models.ForeignKey(
        "ProgressUpdate",
        verbose_name=_("latest update"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    if TYPE_CHECKING:
        # modeltranslation swaps in a generated MultilingualManager at runtime, which the
        # django-stubs plugin cannot resolve; to callers it is a Manager of QuerySets.
        objects: ClassVar[models.Manager[ActionItem]]
        _default_manager: ClassVar[models.Manager[ActionItem]]
        # Registered in translation.py; django-simple-history is untyped.
        history: ClassVar[HistoryManager]
        # The columns modeltranslation adds per language (translation.py).
        title_en: str | None
        title_fr: str | None
        description_en: str | None
        description_fr: str | None
        # Set on the dashboard's rows, once per page (lip_portal.views.dashboard).
        status_label: str
        url: str
        update_url: str
        report_label: str
        share_url: str
        share_label: str

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["strategic_direction__pillar__order", "strategic_direction__code", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_date__gte=F("start_date")),
                name="actionplans_item_dates_in_order",
                violation_error_message=_("The target date cannot come before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(percent__lte=100), name="actionplans_item_percent_at_most_100"
            ),
            models.CheckConstraint(condition=Q(weight__gte=1), name="actionplans_item_weight_min"),
        ]

    def __str__(self) -> str:
        return self.title


class ReportingPeriod(models.Model):
    """A fiscal quarter partners report on; staff open it, then lock it."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        OPEN = "open", pgettext_lazy("reporting period state", "Open")
        LOCKED = "locked", _("Locked")

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    due_date = models.DateField(_("due date"))
    state = models.CharField(
        _("state"), max_length=10, choices=State, default=State.SCHEDULED, editable=False
    )
    opened_at = models.DateTimeField(
        pgettext_lazy("reporting period", "opened at"), null=True, blank=True, editable=False
    )
    locked_at = models.DateTimeField(_("locked at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-fiscal_year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "quarter"], name="actionplans_period_unique_quarter"
            ),
            # Partners report on one quarter at a time.
            models.UniqueConstraint(
                fields=["state"],
                condition=Q(state="open"),
                name="actionplans_period_one_open",
                violation_error_message=_("Another reporting period is already open."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4),
                name="actionplans_period_quarter_1_to_4",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Q%(quarter)s FY %(year)s")
            % {"quarter": self.quarter, "year": FiscalYear(self.fiscal_year).display}
        )

    @property
    def fiscal_year_label(self) -> str:
        return FiscalYear(self.fiscal_year).label

    @property
    def starts_on(self) -> datetime.date:
        return FiscalYear(self.fiscal_year).quarter_starts_on(self.quarter)

    @property
    def ends_on(self) -> datetime.date:
        return FiscalYear(self.fiscal_year).quarter_ends_on(self.quarter)

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class ProgressUpdate(models.Model):
    """One report on an item. Append-only: never edited, never deleted."""

    class Source(models.TextChoices):
        FORM = "form", _("Update form")
        IMPORT = "import", _("Spreadsheet import")

    item = models.ForeignKey(
        ActionItem, verbose_name=_("action item"), on_delete=models.PROTECT, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="progress_updates",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)
    reporting_period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="updates",
    )
    status = models.CharField(_("status"), max_length=12, choices=ItemStatus)
    percent = models.PositiveSmallIntegerField(
        _("percent complete"), validators=[MaxValueValidator(100)]
    )
    narrative = models.TextField(_("narrative"), blank=True)
    narrative_html = models.TextField(_("narrative (sanitised HTML)"), blank=True, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=Source, default=Source.FORM)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100), name="actionplans_update_percent_at_most_100"
            ),
        ]
        indexes = [models.Index(fields=["item", "reporting_period"])]

    def __str__(self) -> str:
        return f"{self.item} · {self.created_at:%Y-%m-%d} · {self.percent}%"


class ReminderSent(models.Model):
    """Proof that a period's reminder went out, so the daily task sends each one once."""

    class Kind(models.TextChoices):
        WEEK_BEFORE = "week_before", _("A week before the due date")
        DUE_DAY = "due_day", _("On the due date")

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    sent_at = models.DateTimeField(pgettext_lazy("reminder", "sent at"), default=timezone.now)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "kind"], name="actionplans_reminder_once_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.get_kind_display()}"


class ReminderToPerson(models.Model):
    """A reminder staff sent one person now, from the period's page: at most one a day each."""

    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("reporting period"),
        on_delete=models.CASCADE,
        related_name="reminders_to_people",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(pgettext_lazy("reminder", "sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reminder sent to a person")
        verbose_name_plural = _("reminders sent to people")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "sent_on"], name="actionplans_reminder_to_person_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period} · {self.person_id} · {self.sent_on}"


class Indicator(models.Model):
    """A measure the plan watches, such as newcomers placed in jobs in their field."""

    class Direction(models.TextChoices):
        INCREASE = "increase", _("Higher is better")
        DECREASE = "decrease", _("Lower is better")
        MAINTAIN = "maintain", _("Keep steady")

    plan = models.ForeignKey(
        CommunityActionPlan,
        verbose_name=_("Community Action Plan"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    strategic_direction = models.ForeignKey(
        StrategicDirection,
        verbose_name=_("strategic direction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(
        _("shared code"),
        max_length=50,
        blank=True,
        help_text=_(
            "A code shared with other partnerships for the same measure, for example "
            '"sense-of-belonging", so that their figures can be compared. Leave empty if none.'
        ),
    )
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, help_text=_('For example "people" or "%".'))
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction, default=Direction.INCREASE
    )
    counts_people = models.BooleanField(
        _("counts people"),
        default=True,
        help_text=_("Breakdowns of counts of people are published with small-cell suppression."),
    )
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    baseline_year = models.PositiveSmallIntegerField(_("baseline fiscal year"))
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target fiscal year"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    if TYPE_CHECKING:
        # modeltranslation swaps in a generated MultilingualManager at runtime, which the
        # django-stubs plugin cannot resolve; to callers it is a Manager of QuerySets.
        objects: ClassVar[models.Manager[Indicator]]
        _default_manager: ClassVar[models.Manager[Indicator]]
        # The columns modeltranslation adds per language (translation.py).
        name_en: str | None
        name_fr: str | None
        unit_en: str | None
        unit_fr: str | None
        # Set on the indicators of the plan's page (selectors.indicators_for_plan).
        overall_values: list[IndicatorValue]
        latest_value: IndicatorValue | None
        chart: LineChart | None
        breakdowns: list[Breakdown]

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["plan", "order", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def baseline_year_label(self) -> str:
        return FiscalYear(self.baseline_year).label

    @property
    def target_year_label(self) -> str:
        return FiscalYear(self.target_year).label


class IndicatorValue(models.Model):
    """An indicator's value for a fiscal year, overall or for one category of a breakdown."""

    class Dimension(models.TextChoices):
        NONE = "", _("Overall")
        GENDER = "gender", _("Gender")
        AGE_BAND = "age_band", _("Age band")
        IMMIGRATION_STATUS = "immigration_status", _("Immigration status")
        RACIALIZED_IDENTITY = "racialized_identity", _("Racialized identity")

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    dimension = models.CharField(
        _("breakdown"), max_length=20, choices=Dimension, default=Dimension.NONE, blank=True
    )
    category = models.CharField(
        _("category"),
        max_length=100,
        blank=True,
        help_text=_("The group within the breakdown, for example an age band."),
    )

    if TYPE_CHECKING:
        # modeltranslation swaps in a generated MultilingualManager at runtime, which the
        # django-stubs plugin cannot resolve; to callers it is a Manager of QuerySets.
        objects: ClassVar[models.Manager[IndicatorValue]]
        _default_manager: ClassVar[models.Manager[IndicatorValue]]
        # The columns modeltranslation adds per language (translation.py).
        category_en: str | None
        category_fr: str | None

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "fiscal_year", "dimension", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "fiscal_year"],
                condition=Q(dimension=""),
                name="actionplans_indicator_one_overall_value_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} · {FiscalYear(self.fiscal_year).label} · {self.value}"

    @property
    def fiscal_year_label(self) -> str:
        return FiscalYear(self.fiscal_year).label


class RollUp(models.Model):
    """An annual plan's progress figures for the whole plan, one pillar or one direction.

    Kept up to date by the services that change an item's status, percent, weight or place
    (services.rollups_apply_change), so that pages read them instead of grouping the year's
    items on every request. services.rollups_rebuild() recomputes them from the items, for data
    loaded in bulk. Cancelled items are counted by status but left out of the progress.
    """

    class Level(models.TextChoices):
        PLAN = "plan", _("Annual plan")
        PILLAR = "pillar", _("Pillar")
        DIRECTION = "direction", _("Strategic direction")

    annual_plan = models.ForeignKey(
        AnnualActionPlan,
        verbose_name=_("annual action plan"),
        on_delete=models.CASCADE,
        related_name="rollups",
    )
    level = models.CharField(_("level"), max_length=10, choices=Level)
    # The pillar's or direction's id; 0 for the whole plan.
    object_id = models.PositiveIntegerField(_("object id"), default=0)
    weighted_sum = models.BigIntegerField(_("sum of percent times weight"), default=0)
    weight_total = models.BigIntegerField(_("sum of weights"), default=0)
    item_count = models.IntegerField(_("items counted in the progress"), default=0)
    not_started = models.IntegerField(ItemStatus.NOT_STARTED.label, default=0)
    on_track = models.IntegerField(ItemStatus.ON_TRACK.label, default=0)
    at_risk = models.IntegerField(ItemStatus.AT_RISK.label, default=0)
    delayed = models.IntegerField(ItemStatus.DELAYED.label, default=0)
    completed = models.IntegerField(ItemStatus.COMPLETED.label, default=0)
    cancelled = models.IntegerField(ItemStatus.CANCELLED.label, default=0)

    class Meta:
        verbose_name = _("progress roll-up")
        verbose_name_plural = _("progress roll-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["annual_plan", "level", "object_id"], name="actionplans_rollup_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.annual_plan} · {self.level} {self.object_id} · {self.percent}%"

    @property
    def percent(self) -> int | None:
        """The weighted mean percent complete, or None when no item counts."""
        return weighted_percent(self.weighted_sum, self.weight_total)

    @property
    def status_total(self) -> int:
        return sum(getattr(self, status) for status in ItemStatus.values)

    def status_counts(self) -> list[tuple[str, StrOrPromise, int]]:
        """[(status value, label, count)] for every status, zeros included."""
        return [(value, label, getattr(self, value)) for value, label in ItemStatus.choices]


def weighted_percent(weighted_sum: int, weight_total: int) -> int | None:
    """The one rounding of a weighted mean percent: None when nothing counts."""
    if not weight_total:
        return None
    return round(weighted_sum / weight_total)


def weighted_figures() -> dict[str, models.Sum]:
    """The sums behind a weighted mean percent complete, as aggregates over action items: each
    item counts `weight` times, a cancelled one not at all."""
    counted = ~Q(status=ItemStatus.CANCELLED)
    return {
        "weighted_sum": models.Sum(F("percent") * F("weight"), filter=counted, default=0),
        "weight_total": models.Sum("weight", filter=counted, default=0),
    }


def weighted_progress(items: QuerySet[ActionItem]) -> int | None:
    """The weighted mean percent complete of these action items, or None when none counts."""
    figures = items.aggregate(**weighted_figures())
    return weighted_percent(figures["weighted_sum"], figures["weight_total"])
