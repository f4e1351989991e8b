from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

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
