"""Every write of the self-evaluation goes through one of these functions.

Writes for the evaluation app."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partners.models import Organization

from .health_check import RATINGS, results_compute
from .models import (
    HealthCheck,
    HealthCheckAnswer,
    HealthCheckComment,
    HealthCheckResponse,
    HealthCheckStatement,
    Participation,
    SectorReference,
)
from .rules import may_answer
from .selectors import person_bodies

if TYPE_CHECKING:
    from partners.models import User
    from pillars.models import Group

# --- The partnership health check ---------------------------------------------------------------

COMMENT_MAX_LENGTH = 2000


def _require(by: User | None, permission: str) -> None:
    if by is None or not by.has_perm(permission):
        raise PermissionDenied(_("Only backbone staff may do this."))


def _audited[M: (HealthCheck, HealthCheckStatement)](obj: M, by: User) -> M:
    """The history row of the coming save names `by` (simple-history reads _history_user)."""
    setattr(obj, "_history_user", by)  # noqa: B010 (not a field: django-stubs does not know it)
    return obj


@transaction.atomic
def health_check_create(*, fiscal_year: str, by: User, **texts: str) -> HealthCheck:
    """A draft health check for a fiscal year; `texts` are the translated introductions."""
    _require(by, "evaluation.write_health_check")
    health_check = HealthCheck(fiscal_year=fiscal_year, **texts)
    health_check.full_clean()
    _audited(health_check, by).save()
    return health_check


@transaction.atomic
def health_check_update(
    *, health_check: HealthCheck, fiscal_year: str, by: User, **texts: str
) -> HealthCheck:
    """Change a health check's year (while a draft) and its introduction."""
    _require(by, "evaluation.manage_health_check")
    health_check = HealthCheck.objects.select_for_update().get(pk=health_check.pk)
    if fiscal_year != health_check.fiscal_year and health_check.status != HealthCheck.Status.DRAFT:
        raise ValidationError(
            {"fiscal_year": _("The year of a health check that opened cannot change.")}
        )
    health_check.fiscal_year = fiscal_year
    for field, value in texts.items():
        setattr(health_check, field, value)
    health_check.full_clean()
    _audited(health_check, by).save()
    return health_check


@transaction.atomic
def health_check_delete(*, health_check: HealthCheck, by: User) -> None:
    """Delete a draft; one that opened is part of the record."""
    _require(by, "evaluation.remove_health_check")
    health_check = HealthCheck.objects.select_for_update().get(pk=health_check.pk)
    if health_check.status != HealthCheck.Status.DRAFT:
        raise ValidationError(_("Only a draft health check can be deleted."), code="wrong_status")
    _audited(health_check, by).delete()


@transaction.atomic
def health_check_open(*, health_check: HealthCheck, by: User) -> HealthCheck:
    """Open a draft health check to the members of every body, with the statements asked
    today (their order and wording as staff left them)."""
    _require(by, "evaluation.manage_health_check")
    health_check = HealthCheck.objects.select_for_update().get(pk=health_check.pk)
    if health_check.status != HealthCheck.Status.DRAFT:
        raise ValidationError(_("Only a draft health check can be opened."), code="wrong_status")
    if HealthCheck.objects.filter(status=HealthCheck.Status.OPEN).exists():
        raise ValidationError(_("Another health check is open: close it first."), code="one_open")
    statements = list(HealthCheckStatement.objects.filter(is_active=True))
    if not statements:
        raise ValidationError(
            _("Write at least one statement to ask before opening."), code="no_statements"
        )
    health_check.statements.set(statements)
    health_check.status = HealthCheck.Status.OPEN
    health_check.opened_at = timezone.now()
    _audited(health_check, by).save(update_fields=["status", "opened_at"])
    return health_check


@transaction.atomic
def health_check_close(*, health_check: HealthCheck, by: User) -> HealthCheck:
    """Close an open health check: no more answers, and its suppressed results are computed
    now, once, and published."""
    _require(by, "evaluation.manage_health_check")
    health_check = HealthCheck.objects.select_for_update().get(pk=health_check.pk)
    if health_check.status != HealthCheck.Status.OPEN:
        raise ValidationError(_("Only an open health check can be closed."), code="wrong_status")
    health_check.status = HealthCheck.Status.CLOSED
    health_check.closed_at = timezone.now()
    health_check.results = results_compute(health_check)
    _audited(health_check, by).save(update_fields=["status", "closed_at", "results"])
    return health_check


@transaction.atomic
def statement_save(*, statement: HealthCheckStatement, by: User) -> HealthCheckStatement:
    """Add a statement or reword, reorder, retire one (English and French both required)."""
    _require(
        by, "evaluation.write_statement" if statement.pk is None else "evaluation.edit_statement"
    )
    statement.full_clean()
    _audited(statement, by).save()
    return statement


@transaction.atomic
def statement_delete(*, statement: HealthCheckStatement, by: User) -> None:
    """Delete a statement never asked; one asked stays in the results (untick "asked")."""
    _require(by, "evaluation.remove_statement")
    if statement.health_checks.exists():
        raise ValidationError(
            _("This statement was asked: untick “asked” instead of deleting it."),
            code="asked",
        )
    statement.delete()


def _clean_ratings(
    health_check: HealthCheck, ratings: Mapping[int, int | None]
) -> dict[int, int | None]:
    cleaned: dict[int, int | None] = {}
    for statement in health_check.statements.all():
        if statement.pk not in ratings:
            raise ValidationError(
                _("Rate every statement, or choose “Don't know”."), code="missing_rating"
            )
        rating = ratings[statement.pk]
        if rating is not None and rating not in RATINGS:
            raise ValidationError(_("A rating goes from 1 to 5."), code="invalid_rating")
        cleaned[statement.pk] = rating
    return cleaned


@transaction.atomic
def health_check_answer(
    *,
    health_check: HealthCheck,
    person: User,
    body: Group,
    ratings: Mapping[int, int | None],
    comment: str = "",
) -> None:
    """Record a member's anonymous answers, once per health check.

    The participation (who) and the response (what) are written apart and nothing joins
    them: the response holds the body the person chose among those they sit on, random keys
    and no time (see evaluation/models.py)."""
    if not may_answer(person):
        raise PermissionDenied(_("Only members of the partnership's bodies answer."))
    health_check = HealthCheck.objects.select_for_update().get(pk=health_check.pk)
    if health_check.status != HealthCheck.Status.OPEN:
        raise ValidationError(
            _("This health check is closed: answers can no longer be given."), code="closed"
        )
    if not person_bodies(user=person).filter(pk=body.pk).exists():
        raise ValidationError(
            {"body": _("Choose one of the bodies you sit on.")}, code="not_your_body"
        )
    cleaned = _clean_ratings(health_check, ratings)
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            {"comment": _("Keep the comment under 2,000 characters.")}, code="too_long"
        )
    try:
        with transaction.atomic():
            Participation.objects.create(health_check=health_check, person=person)
    except IntegrityError:
        raise ValidationError(
            _("You have already answered this health check. Thank you!"), code="already"
        ) from None
    response = HealthCheckResponse.objects.create(health_check=health_check, body=body)
    HealthCheckAnswer.objects.bulk_create(
        HealthCheckAnswer(response=response, statement_id=pk, rating=rating)
        for pk, rating in cleaned.items()
    )
    if comment:
        HealthCheckComment.objects.create(health_check=health_check, text=comment)


@transaction.atomic
def comment_moderate(*, comment: HealthCheckComment, status: str, by: User) -> HealthCheckComment:
    """Approve a comment for quoting, or reject it (it is then never shown)."""
    _require(by, "evaluation.moderate_comment")
    if status not in (HealthCheckComment.Status.APPROVED, HealthCheckComment.Status.REJECTED):
        raise ValidationError(_("Approve or reject the comment."), code="invalid_status")
    comment = HealthCheckComment.objects.select_for_update().get(pk=comment.pk)
    comment.status = status
    comment.save(update_fields=["status"])
    return comment


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
