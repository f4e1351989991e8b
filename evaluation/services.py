"""Writes for the evaluation app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from partners.models import Organization

from .models import SectorReference

if TYPE_CHECKING:
    from partners.models import User

# --- Process and outcome indicators ----------------------------------------------------------


def sector_reference_validate(*, organization_sectors: list[str], lived_experience: bool) -> None:
    """A reference sector names known organization sectors, or people seated in their own
    name, or both; raises ValidationError."""
    known = set(Organization.Sector.values)
    unknown = [sector for sector in organization_sectors if sector not in known]
    if unknown:
        raise ValidationError(
            {
                "organization_sectors": _("Not a sector of organizations: %(sectors)s")
                % {"sectors": ", ".join(unknown)}
            }
        )
    if not organization_sectors and not lived_experience:
        raise ValidationError(
            _(
                "Choose the organization sectors that count as this sector, or count the people"
                " seated in their own name."
            )
        )


@transaction.atomic
def sector_reference_save(*, by: User | None, reference: SectorReference) -> SectorReference:
    """Add or change a sector of the reference list the breadth of membership is measured
    against: backbone staff whose role grants it."""
    permission = (
        "evaluation.edit_sector_reference" if reference.pk else "evaluation.add_sector_reference"
    )
    if by is None or not by.has_perm(permission):
        raise PermissionDenied
    reference.organization_sectors = sorted(set(reference.organization_sectors or []))
    sector_reference_validate(
        organization_sectors=reference.organization_sectors,
        lived_experience=reference.lived_experience,
    )
    reference.full_clean()
    reference.save()
    return reference


@transaction.atomic
def sector_reference_delete(*, by: User | None, reference: SectorReference) -> None:
    """Take a sector off the reference list."""
    if by is None or not by.has_perm("evaluation.remove_sector_reference"):
        raise PermissionDenied
    reference.delete()
