"""The practice library: what a partner did on an action item, what it was for and what came of
it, told so that other partnerships may borrow it.

A practice is drawn from an action item: its pillar and lead organization come from the item
(services.practice_save sets them). Partner staff draft and submit; backbone staff who may
publish approve or return it. Only published practices are public. Translations are registered
in translation.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from simple_history.manager import HistoryManager

# The languages the work may have been offered in (codes; names come from core.languages).
LANGUAGE_CODES = (
    "en",
    "fr",
    "ar",
    "zh",
    "es",
    "fa",
    "pa",
    "so",
    "tl",
    "uk",
    "ti",
    "ur",
)


class Population(models.Model):
    """Whom a practice served: a short reference list (refugees, youth, ...) kept by staff."""

    code = models.SlugField(_("code"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    if TYPE_CHECKING:
        objects: ClassVar[models.Manager[Population]]
        _default_manager: ClassVar[models.Manager[Population]]

    class Meta:
        verbose_name = _("population served")
        verbose_name_plural = _("populations served")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class Practice(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("practice status", "Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        PUBLISHED = "published", pgettext_lazy("practice status", "Published")
        RETURNED = "returned", pgettext_lazy("practice status", "Returned with a note")

    class Outcome(models.TextChoices):
        WORKED = "worked", _("Worked")
        PROMISING = "promising", _("Promising")
        MIXED = "mixed", _("Mixed results")
        DID_NOT_WORK = "did_not_work", _("Did not work")
        TOO_EARLY = "too_early", _("Too early to tell")

    item = models.ForeignKey(
        "actionplans.ActionItem",
        verbose_name=_("action item"),
        on_delete=models.PROTECT,
        related_name="practices",
    )
    pillar = models.ForeignKey(
        "pillars.Pillar",
        verbose_name=_("pillar"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    lead_organization = models.ForeignKey(
        "partners.Organization",
        verbose_name=_("lead organization"),
        on_delete=models.PROTECT,
        related_name="practices",
        editable=False,
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    problem = models.TextField(_("the problem"), blank=True)
    what_was_done = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    populations = models.ManyToManyField(
        Population, verbose_name=_("populations served"), blank=True, related_name="practices"
    )
    languages = models.JSONField(_("languages offered"), default=list, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome)
    indicators = models.ManyToManyField(
        "actionplans.Indicator",
        verbose_name=_("indicators"),
        blank=True,
        related_name="practices",
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    contact_consent = models.BooleanField(
        _("the contact agreed to be shown publicly"), default=False
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, editable=False
    )
    review_note = models.TextField(_("note from the reviewer"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    if TYPE_CHECKING:
        objects: ClassVar[models.Manager[Practice]]
        _default_manager: ClassVar[models.Manager[Practice]]
        history: ClassVar[HistoryManager]
        title_en: str | None
        title_fr: str | None
        problem_en: str | None
        problem_fr: str | None
        what_was_done_en: str | None
        what_was_done_fr: str | None
        results_en: str | None
        results_fr: str | None
        # Set by selectors.practice_get_for_view: (code, name in its own words).
        language_names: list[tuple[str, str]]

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-published_at", "-pk"]
        permissions = [("publish_practice", _("Can publish, approve and return practices"))]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self) -> str:
        return self.title or str(_("Practice %(pk)s") % {"pk": self.pk})

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"pk": self.pk})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def shows_contact(self) -> bool:
        return self.contact_consent and bool(self.contact_name or self.contact_email)
