"""Every write of the practice library goes through one of these functions; each takes the
person acting as `by=` and checks what practices/rules.py lets them do."""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplans.models import ActionItem, Indicator

from .models import LANGUAGE_CODES, Population, Practice

if TYPE_CHECKING:
    from partners.models import User

# The texts a practice must have, in English or French at least.
REQUIRED_TEXTS = ("title", "problem", "what_was_done")


def _require(by: User | None, permission: str, obj: Model | None = None) -> None:
    if by is None or not by.has_perm(permission, obj):
        raise PermissionDenied(_("You may not do this with this practice."))


def _audited(practice: Practice, by: User) -> Practice:
    """The history row of the coming save names `by` (simple-history reads _history_user)."""
    setattr(practice, "_history_user", by)  # noqa: B010 (not a field: django-stubs does not know it)
    return practice


def _validate(practice: Practice, indicators: list[Indicator]) -> None:
    errors: dict[str, str] = {}
    labels = {
        "title": _("Give the practice a title, in English or in French."),
        "problem": _("Say what problem the practice answered, in English or in French."),
        "what_was_done": _("Say what was done, in English or in French."),
    }
    for field in REQUIRED_TEXTS:
        if not any(
            (getattr(practice, f"{field}_{language}", "") or "").strip()
            for language in ("en", "fr")
        ):
            errors[f"{field}_en"] = labels[field]
    unknown = [code for code in practice.languages if code not in LANGUAGE_CODES]
    if not isinstance(practice.languages, list) or unknown:
        errors["languages"] = _("Choose the languages from the list.")
    if (practice.contact_name or practice.contact_email) and not practice.contact_consent:
        errors["contact_consent"] = _(
            "The contact is shown publicly: confirm that they agreed, or leave it empty."
        )
    plan_id = practice.item.annual_plan.plan_id
    if any(indicator.plan_id != plan_id for indicator in indicators):
        errors["indicators"] = _("Link only indicators of the item's plan.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def practice_save(
    *,
    practice: Practice,
    populations: Iterable[Population],
    indicators: Iterable[Indicator],
    by: User,
) -> Practice:
    """Create or change a practice drawn from its item: partner staff of the item's lead
    organization (until it is published), or staff who may publish. Its pillar and lead
    organization are the item's; its status does not change here."""
    item = ActionItem.objects.select_related("strategic_direction", "annual_plan").get(
        pk=practice.item_id
    )
    if practice.pk is None:
        _require(by, "practices.share_item", item)
        practice.created_by = by
        practice.status = Practice.Status.DRAFT
    else:
        stored = Practice.objects.select_for_update().get(pk=practice.pk)
        _require(by, "practices.edit_practice", stored)
        if stored.item_id != practice.item_id:
            raise ValidationError(_("A practice stays with the item it was drawn from."))
        practice.status = stored.status
    practice.item = item
    practice.pillar_id = item.strategic_direction.pillar_id
    practice.lead_organization_id = item.lead_organization_id
    indicator_list = list(indicators)
    _validate(practice, indicator_list)
    practice.updated_at = timezone.now()
    practice.full_clean(exclude=["languages"])
    _audited(practice, by).save()
    practice.populations.set(list(populations))
    practice.indicators.set(indicator_list)
    return practice


def _locked(practice: Practice) -> Practice:
    return Practice.objects.select_for_update().select_related("item").get(pk=practice.pk)


@transaction.atomic
def practice_submit(*, practice: Practice, by: User) -> Practice:
    """Partner staff send a draft (or a returned practice) to staff for approval."""
    practice = _locked(practice)
    _require(by, "practices.submit_practice", practice)
    if practice.status not in (Practice.Status.DRAFT, Practice.Status.RETURNED):
        raise ValidationError(_("Only a draft or a returned practice can be submitted."))
    practice.status = Practice.Status.SUBMITTED
    practice.submitted_at = timezone.now()
    practice.submitted_by = by
    _audited(practice, by).save(update_fields=["status", "submitted_at", "submitted_by"])
    return practice


@transaction.atomic
def practice_publish(*, practice: Practice, by: User) -> Practice:
    """Staff who may publish approve a submitted practice, or publish their own draft."""
    practice = _locked(practice)
    _require(by, "practices.publish")
    if practice.status == Practice.Status.PUBLISHED:
        raise ValidationError(_("The practice is already published."))
    practice.status = Practice.Status.PUBLISHED
    practice.published_at = timezone.now()
    practice.approved_by = by
    practice.review_note = ""
    _audited(practice, by).save(
        update_fields=["status", "published_at", "approved_by", "review_note"]
    )
    return practice


@transaction.atomic
def practice_return(*, practice: Practice, note: str, by: User) -> Practice:
    """Staff who may publish send a submitted (or published) practice back to its organization
    with a note saying what to change; it leaves the public library."""
    practice = _locked(practice)
    _require(by, "practices.publish")
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what should change before it is published.")})
    if practice.status not in (Practice.Status.SUBMITTED, Practice.Status.PUBLISHED):
        raise ValidationError(_("Only a submitted or published practice can be returned."))
    practice.status = Practice.Status.RETURNED
    practice.review_note = note
    practice.published_at = None
    _audited(practice, by).save(update_fields=["status", "review_note", "published_at"])
    return practice


@transaction.atomic
def practice_delete(*, practice: Practice, by: User) -> None:
    """Staff who may publish remove a practice (the back office's deletion)."""
    _require(by, "practices.publish")
    _audited(_locked(practice), by).delete()


@transaction.atomic
def population_save(*, population: Population, by: User) -> Population:
    _require(by, "practices.publish")
    population.full_clean()
    population.save()
    return population


@transaction.atomic
def population_delete(*, population: Population, by: User) -> None:
    _require(by, "practices.publish")
    if population.practices.exists():
        raise ValidationError(_("Practices name this population: it stays."))
    population.delete()


def populations_ensure() -> None:
    """The reference list of populations as its migration made it, for a database that lost it
    (a test database flushed after a test, say); populations staff added stay as they are."""
    migration = importlib.import_module("practices.migrations.0002_populations")
    migration.add_populations(apps, None)
