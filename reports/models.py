"""Annual reports: staff write the narrative, the portal adds the year's figures, and each
publication freezes everything into a numbered version that never changes afterwards.

Translations (the narrative in English and French) are registered in translation.py.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.fiscal import FiscalYear

if TYPE_CHECKING:
    import modeltranslation.manager  # noqa: F401


class AnnualReport(models.Model):
    """The report of one fiscal year: its narrative, edited by staff until they publish."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year"),
        unique=True,
        help_text=_("The calendar year the fiscal year starts in: 2025 for FY 2025-26."),
    )
    chair_message = models.TextField(_("message from the chair"), blank=True)
    highlights = models.TextField(_("highlights"), blank=True)
    whats_next = models.TextField(_("what's next"), blank=True)
    created_at = models.DateTimeField(
        pgettext_lazy("annual report", "created at"), default=timezone.now, editable=False
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-fiscal_year"]
        # Publishing is a power of its own (a role), apart from editing the narrative.
        permissions = [("publish_annualreport", "Can publish an annual report or a correction")]

    def __str__(self) -> str:
        return str(_("Annual report FY %(year)s") % {"year": self.fiscal_year_obj.display})

    @property
    def fiscal_year_obj(self) -> FiscalYear:
        return FiscalYear(self.fiscal_year)

    @property
    def fiscal_year_label(self) -> str:
        return FiscalYear(self.fiscal_year).label


def pdf_upload_to(version: "ReportVersion", filename: str) -> str:
    """reports/<fiscal year>/v<n>/<file>: one folder per published version."""
    return f"reports/{FiscalYear(version.report.fiscal_year).label}/v{version.number}/{filename}"


class ReportVersion(models.Model):
    """One publication of a report: a frozen snapshot of every text and figure, per language.

    Never edited after it is created, apart from attaching its PDFs once they are built. The
    snapshot is read only to render the version (its stored pages, its PDFs); the pages people
    read are stored in ReportVersionPage and the open data in ReportVersionDataset, so that no
    page ever loads the whole snapshot.
    """

    report = models.ForeignKey(
        AnnualReport,
        verbose_name=_("annual report"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveSmallIntegerField(_("version"))
    published_at = models.DateTimeField(
        pgettext_lazy("report version", "published at"), default=timezone.now
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(
        _("what changed"),
        blank=True,
        help_text=_("Required for a correction: say what changed since the previous version."),
    )
    snapshot = models.JSONField(_("snapshot"), default=dict, editable=False)
    pdf_en = models.FileField(_("PDF in English"), upload_to=pdf_upload_to, blank=True)
    pdf_fr = models.FileField(_("PDF in French"), upload_to=pdf_upload_to, blank=True)

    class Meta:
        verbose_name = _("published version")
        verbose_name_plural = _("published versions")
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="reports_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report} · v{self.number}"

    def pdf_field(self, language: str) -> FieldFile:
        return self.pdf_fr if language == "fr" else self.pdf_en

    def pdf_built(self, language: str) -> bool:
        """Whether the PDF in `language` is built and its file is in the media folder."""
        field = self.pdf_field(language)
        if not field.name:  # no file attached (what `bool(field)` tests)
            return False
        return field.storage.exists(field.name)


class ReportVersionPage(models.Model):
    """A page of a published version, rendered once from its snapshot and stored as HTML.

    Number 0 is the report itself (a summary); 1 and up are the pages of the frozen list of the
    items it reports on. Frozen like the version: rendered at publication, never again.
    """

    REPORT = 0

    version = models.ForeignKey(
        ReportVersion,
        verbose_name=_("published version"),
        on_delete=models.CASCADE,
        related_name="pages",
    )
    language = models.CharField(_("language"), max_length=8)
    number = models.PositiveSmallIntegerField(_("page"))
    title = models.CharField(_("title"), max_length=300)
    header_html = models.TextField(_("header (HTML)"), blank=True)
    html = models.TextField(_("body (HTML)"))

    class Meta:
        verbose_name = _("stored page of a published version")
        verbose_name_plural = _("stored pages of published versions")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "language", "number"], name="reports_version_page_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id} · {self.language} · {self.number}"


class ReportVersionDataset(models.Model):
    """The rows of one open-data dataset as published with a version (frozen)."""

    version = models.ForeignKey(
        ReportVersion,
        verbose_name=_("published version"),
        on_delete=models.CASCADE,
        related_name="datasets",
    )
    slug = models.SlugField(_("dataset"), max_length=50)
    rows = models.JSONField(_("rows"), default=list)

    class Meta:
        verbose_name = _("published dataset")
        verbose_name_plural = _("published datasets")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "slug"], name="reports_version_dataset_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version_id} · {self.slug}"
