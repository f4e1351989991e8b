"""Keep the search index current: a write to a record the search shows (or to one that decides
whether it is shown, such as an annual plan's approval) marks the records to index again, and they
are indexed once when the transaction commits. The receivers carry no business rule: they only
say which entries may have changed; search/documents.py says what the public may see."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.db import connections, transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from actionplans.models import ActionItem, AnnualActionPlan, StrategicDirection
from approvals.models import ApprovalRequest, Decision
from consultations.models import Consultation
from core import page_cache
from partners.models import Organization
from pillars.models import Group, Meeting
from practices.models import Practice
from reports.models import AnnualReport, ReportVersion

from . import services
from .models import Kind

logger = logging.getLogger(__name__)

type Pending = set[tuple[str, int]]


def _ids(queryset: Any) -> list[int]:
    return list(queryset.values_list("pk", flat=True))


# For each watched model: which (kind, ids) a write to one of its rows may change, read when the
# transaction commits.
AFFECTS: dict[type[Model], Callable[[int], list[tuple[str, list[int]]]]] = {
    ActionItem: lambda pk: [(Kind.ACTION_ITEM, [pk])],
    AnnualActionPlan: lambda pk: [
        (Kind.ACTION_ITEM, _ids(ActionItem.objects.filter(annual_plan_id=pk)))
    ],
    StrategicDirection: lambda pk: [
        (Kind.ACTION_ITEM, _ids(ActionItem.objects.filter(strategic_direction_id=pk))),
        (Kind.DECISION, _ids(Decision.objects.filter(request__directions=pk))),
    ],
    # An item's (and a practice's) text names its lead organization.
    Organization: lambda pk: [
        (Kind.ORGANIZATION, [pk]),
        (Kind.ACTION_ITEM, _ids(ActionItem.objects.filter(lead_organization_id=pk))),
        (Kind.PRACTICE, _ids(Practice.objects.filter(lead_organization_id=pk))),
    ],
    Group: lambda pk: [
        (Kind.GROUP, [pk]),
        (Kind.MINUTES, _ids(Meeting.objects.filter(group_id=pk))),
    ],
    Meeting: lambda pk: [(Kind.MINUTES, [pk])],
    ApprovalRequest: lambda pk: [(Kind.DECISION, _ids(Decision.objects.filter(request_id=pk)))],
    Decision: lambda pk: [(Kind.DECISION, [pk])],
    AnnualReport: lambda pk: [(Kind.REPORT, [pk])],
    ReportVersion: lambda pk: [
        (Kind.REPORT, list(ReportVersion.objects.filter(pk=pk).values_list("report_id", flat=True)))
    ],
    Consultation: lambda pk: [(Kind.CONSULTATION, [pk])],
    Practice: lambda pk: [(Kind.PRACTICE, [pk])],
}
_PENDING_ATTRIBUTE = "_search_pending"


def _pending(using: str) -> Pending:
    connection = connections[using]
    pending: Pending | None = getattr(connection, _PENDING_ATTRIBUTE, None)
    if pending is None:
        pending = set()
        setattr(connection, _PENDING_ATTRIBUTE, pending)
    return pending


def _schedule(model: type[Model], pk: int, using: str) -> None:
    pending = _pending(using)
    pending.add((model._meta.label, pk))
    connection = connections[using]
    if connection.in_atomic_block and any(
        isinstance(entry[1], _Flush) and not entry[1].done for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_Flush(using), using=using, robust=True)


class _Flush:
    """The on-commit callback (a class, so a transaction registers it once)."""

    def __init__(self, using: str) -> None:
        self.using = using
        self.done = False

    def __call__(self) -> None:
        self.done = True
        flush(self.using)


def flush(using: str = "default") -> None:
    """Index again what the committed writes touched."""
    pending = _pending(using)
    marked = sorted(pending)
    pending.clear()
    by_label = {model._meta.label: model for model in AFFECTS}
    wanted: dict[str, set[int]] = {}
    for label, pk in marked:
        for kind, ids in AFFECTS[by_label[label]](pk):
            wanted.setdefault(kind, set()).update(ids)
    for kind, kind_ids in wanted.items():
        services.search_index_records(kind=kind, ids=kind_ids)
    if wanted:
        page_cache.content_changed(using=using)


def _saved(sender: type[Model], instance: Model, using: str = "default", **kwargs: Any) -> None:
    _schedule(sender, instance.pk, using)


# A deleted version's report is known only before the row goes: mark the report itself.
def _deleted(sender: type[Model], instance: Model, using: str = "default", **kwargs: Any) -> None:
    if isinstance(instance, ReportVersion):
        _schedule(AnnualReport, instance.report_id, using)
    else:
        _schedule(sender, instance.pk, using)


def _directions_changed(
    sender: type[Model], instance: Model, action: str, using: str = "default", **kwargs: Any
) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
        instance, ApprovalRequest
    ):
        _schedule(ApprovalRequest, instance.pk, using)


def connect_signals() -> None:
    for model in AFFECTS:
        uid = f"search:{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
    m2m_changed.connect(
        _directions_changed,
        sender=ApprovalRequest.directions.through,
        dispatch_uid="search:approvalrequest.directions",
    )
