"""Consultations: questions offered in several languages, anonymous responses, what we heard.

English and French texts are always present; other offered languages (settings
CONSULTATION_LANGUAGES) vary per consultation, so every translatable text is a JSON object
{language code: text} rather than one column per language.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

REQUIRED_LANGUAGES = ("en", "fr")
SHORT_TEXT_LIMIT = 300
LONG_TEXT_LIMIT = 4000

if TYPE_CHECKING:
    from django.db.models.expressions import Combinable
    from django_stubs_ext import StrOrPromise


def pick(texts: dict[str, str] | None, language: str) -> str:
    """The text in `language`, falling back to English."""
    texts = texts or {}
    return texts.get(language) or texts.get("en") or ""


class Consultation(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("consultation status", "Draft")
        OPEN = "open", pgettext_lazy("consultation status", "Open")
        CLOSED = "closed", pgettext_lazy("consultation status", "Closed")
        PUBLISHED = "published", _("Results published")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.JSONField(_("title"), default=dict)
    description = models.JSONField(_("description"), default=dict)
    extra_languages = models.JSONField(
        _("other languages offered"),
        default=list,
        blank=True,
        help_text=_("Offered besides English and French."),
    )
    pillar = models.ForeignKey(
        "pillars.Pillar",
        verbose_name=_("pillar"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    what_we_did = models.JSONField(_("what we did"), default=dict, blank=True)
    action_items = models.ManyToManyField(
        "actionplans.ActionItem",
        verbose_name=_("action items it led to"),
        blank=True,
        related_name="consultations",
        help_text=_("Shown with the published results, with their current progress."),
    )
    created_at = models.DateTimeField(
        pgettext_lazy("consultation", "created at"), auto_now_add=True
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultations_closes_after_opens",
                violation_error_message=_("A consultation closes after it opens."),
            ),
        ]

    def __str__(self) -> str:
        return pick(self.title, "en") or self.slug

    @property
    def languages(self) -> list[str]:
        """Every language the consultation is offered in, English and French first."""
        return [
            *REQUIRED_LANGUAGES,
            *[c for c in self.extra_languages if c not in REQUIRED_LANGUAGES],
        ]

    def title_in(self, language: str) -> str:
        return pick(self.title, language)

    def description_in(self, language: str) -> str:
        return pick(self.description, language)

    def what_we_did_in(self, language: str) -> str:
        return pick(self.what_we_did, language)

    def is_accepting(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.OPEN and self.opens_at <= now < self.closes_at

    def results_are_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self) -> None:
        if any(not (self.title or {}).get(code) for code in REQUIRED_LANGUAGES):
            raise ValidationError(_("The title is needed in English and French at least."))


class Question(models.Model):
    class Kind(models.TextChoices):
        SHORT_TEXT = "short", _("Short text")
        LONG_TEXT = "long", _("Long text")
        ONE_CHOICE = "one", _("One choice")
        SEVERAL_CHOICES = "several", _("Several choices")
        SCALE = "scale", _("Scale from 1 to 5")

    CHOICE_KINDS = (Kind.ONE_CHOICE, Kind.SEVERAL_CHOICES)
    TEXT_KINDS = (Kind.SHORT_TEXT, Kind.LONG_TEXT)

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    required = models.BooleanField(_("required"), default=False)
    text = models.JSONField(_("text"), default=dict)
    # {language: [label, ...]}: the same number of labels in every language; an answer
    # stores the label's position ("1", "2", ...), so it means the same in every language.
    choices = models.JSONField(_("choices"), default=dict, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["consultation", "order", "pk"]

    def __str__(self) -> str:
        return pick(self.text, "en")

    def text_in(self, language: str) -> str:
        return pick(self.text, language)

    def choice_keys(self) -> list[str]:
        if self.kind == self.Kind.SCALE:
            return [str(n) for n in range(1, 6)]
        return [str(n) for n in range(1, len(self.choices.get("en") or []) + 1)]

    def choices_in(self, language: str) -> list[tuple[str, str]]:
        """[(key, label)] in `language`, English where a label is missing."""
        if self.kind == self.Kind.SCALE:
            return [(key, key) for key in self.choice_keys()]
        labels = self.choices.get(language) or []
        english = self.choices.get("en") or []
        return [
            (str(n), labels[n - 1] if n <= len(labels) and labels[n - 1] else english[n - 1])
            for n in range(1, len(english) + 1)
        ]

    @property
    def is_choice(self) -> bool:
        return self.kind in self.CHOICE_KINDS or self.kind == self.Kind.SCALE

    @property
    def is_text(self) -> bool:
        return self.kind in self.TEXT_KINDS

    @property
    def text_limit(self) -> int:
        return SHORT_TEXT_LIMIT if self.kind == self.Kind.SHORT_TEXT else LONG_TEXT_LIMIT


class AboutYou:
    """The optional self-identification questions: codes stored on the response."""

    PREFER_NOT = "prefer_not"
    FIELDS = {
        "newcomer_status": [
            "born_in_canada",
            "citizen",
            "permanent_resident",
            "refugee",
            "temporary",
            "other",
        ],
        "years_in_canada": ["lt1", "1_5", "6_10", "gt10", "all_my_life"],
        "age_band": ["under_18", "18_24", "25_34", "35_44", "45_64", "65_plus"],
        "gender": ["woman", "man", "another"],
        "racialized_identity": [
            "black",
            "east_asian",
            "south_asian",
            "southeast_asian",
            "mena",
            "latin_american",
            "white",
            "another",
        ],
        "first_language": [
            "en",
            "fr",
            "ar",
            "zh",
            "es",
            "pa",
            "tl",
            "uk",
            "fa",
            "so",
            "ur",
            "other",
        ],
    }

    @classmethod
    def codes(cls, field: str) -> list[str]:
        return [*cls.FIELDS[field], cls.PREFER_NOT]


def _about_field(verbose_name: StrOrPromise) -> models.CharField[str | int | Combinable, str]:
    return models.CharField(verbose_name, max_length=20, blank=True)


class Response(models.Model):
    """One person's answers. Deliberately holds no account and no network address."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper")
        COMMUNITY_SESSION = "session", _("Community session")
        INTERVIEW = "interview", _("Interview")

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="responses",
    )
    language = models.CharField(_("language"), max_length=10)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel, default=Channel.ONLINE)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    newcomer_status = _about_field(_("immigration status"))
    years_in_canada = _about_field(_("years in Canada"))
    age_band = _about_field(_("age band"))
    gender = _about_field(_("gender"))
    racialized_identity = _about_field(_("racialized identity"))
    first_language = _about_field(_("first language"))

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["consultation", "language", "channel"])]

    def __str__(self) -> str:
        return f"{self.consultation} #{self.pk}"


class Answer(models.Model):
    """One answer to one question; a question with several choices has one row per choice."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    value = models.TextField(_("value"))
    quote_approved = models.BooleanField(
        _("fit for publication"),
        default=False,
        help_text=_("A free-text answer that staff chose to quote in the published results."),
    )

    if TYPE_CHECKING:
        # Set by the moderation page (views.staff_answers) for its template.
        bidi: bool
        question_label: str

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["response", "question"]
        indexes = [
            # The few quotes chosen for publication, found without scanning every answer.
            models.Index(
                fields=["question"],
                condition=models.Q(quote_approved=True),
                name="consultations_answer_quoted",
            ),
        ]

    def __str__(self) -> str:
        return self.value[:60]


class ResultsSnapshot(models.Model):
    """A consultation's public results, computed when its state changes, not per visitor.

    `figures` holds every published count already through small-cell suppression, by
    question, choice and "about you" answer (codes and keys only: the labels are read in the
    visitor's language when the page is drawn). The counts are computed when the
    consultation closes or its results are published, and stay fixed until the next such
    change, so responses entered in between cannot be worked out by comparing two versions.
    `quotes` holds the free-text answers staff approved, refreshed at once by moderation.
    """

    consultation = models.OneToOneField(
        Consultation,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="results_snapshot",
    )
    figures = models.JSONField(_("figures"), default=dict)
    quotes = models.JSONField(_("quotes"), default=list)
    computed_at = models.DateTimeField(_("counts computed at"))
    quotes_updated_at = models.DateTimeField(_("quotes updated at"))

    class Meta:
        verbose_name = _("results snapshot")
        verbose_name_plural = _("results snapshots")

    def __str__(self) -> str:
        return str(self.consultation_id)


class FormToken(models.Model):
    """A one-time form token that was used: its unique nonce stops a second response."""

    nonce = models.CharField(_("nonce"), max_length=64, unique=True)
    used_at = models.DateTimeField(_("used at"), default=timezone.now)

    class Meta:
        verbose_name = _("used form token")
        verbose_name_plural = _("used form tokens")

    def __str__(self) -> str:
        return self.nonce


class SubmissionWindow(models.Model):
    """How many responses one address sent in the current rate-limit window.

    The address is kept only as a keyed hash (of SECRET_KEY and the address), never as it was.
    Windows follow the clock, the same for every address, so a row tells nothing of when a
    response came; rows of past windows are deleted (consultations.services)."""

    address_hash = models.CharField(_("address hash"), max_length=64, primary_key=True)
    started_at = models.DateTimeField(_("window started at"), db_index=True)
    count = models.PositiveIntegerField(_("responses in the window"), default=0)

    class Meta:
        verbose_name = _("submission window")
        verbose_name_plural = _("submission windows")

    def __str__(self) -> str:
        return f"{self.count} since {self.started_at:%Y-%m-%d %H:%M}"
