from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Kind(models.TextChoices):
    ACTION_ITEM = "action", _("Action items")
    ORGANIZATION = "partner", _("Partners")
    GROUP = "group", pgettext_lazy("search kind", "Groups")
    DECISION = "decision", _("Decisions")
    MINUTES = "minutes", pgettext_lazy("search kind", "Meeting minutes")
    REPORT = "report", _("Annual reports")
    CONSULTATION = "consultation", pgettext_lazy("search kind", "Consultations")
    PRACTICE = "practice", pgettext_lazy("search kind", "Practices")


class Entry(models.Model):
    """One public record in one language, as the search reads it. Written only by
    search/services.py, from records the public may see; never edited by hand."""

    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    object_id = models.PositiveIntegerField(_("record"))
    language = models.CharField(_("language"), max_length=8)
    title = models.TextField(_("title"))
    body = models.TextField(_("text"), blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    pillar = models.CharField(_("pillar"), max_length=50, blank=True)
    url = models.CharField(_("address"), max_length=300)
    # The SQLite fallback matches these (lower case, no accents); PostgreSQL reads `vector`.
    folded_title = models.TextField(editable=False, blank=True)
    folded_body = models.TextField(editable=False, blank=True)
    # PostgreSQL only: title (weight A) and body (B) under the language's text search
    # configuration; a GIN index (migration 0001) serves the matches.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"], name="search_entry_unique"
            )
        ]
        indexes = [models.Index(fields=["language", "kind"], name="search_entry_lang_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.language} · {self.title}"
