"""How action items add up to progress: the one computation behind the stored roll-ups.

An item counts `weight` times in the weighted mean percent of its direction, its pillar and its
annual plan; cancelled items are left out of the mean but counted by status. The services keep
RollUp rows current with `item_contribution` deltas; `aggregate` recomputes them from the items.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet

from .models import ItemStatus, RollUp, weighted_figures

if TYPE_CHECKING:
    from .models import ActionItem

# (annual plan id, level, pillar or direction id; 0 for the whole plan)
type RollUpKey = tuple[int, str, int]

FIGURES = ("weighted_sum", "weight_total", "item_count", *ItemStatus.values)


@dataclass(frozen=True)
class ItemState:
    """Where an item sits and what it counts for, as far as roll-ups are concerned."""

    annual_plan_id: int
    direction_id: int
    pillar_id: int
    status: str
    percent: int
    weight: int

    @classmethod
    def of(cls, item: ActionItem) -> ItemState:
        """The state of an item with its strategic direction loaded (or cached)."""
        return cls(
            annual_plan_id=item.annual_plan_id,
            direction_id=item.strategic_direction_id,
            pillar_id=item.strategic_direction.pillar_id,
            status=item.status,
            percent=item.percent,
            weight=item.weight,
        )

    def rollup_keys(self) -> list[RollUpKey]:
        return [
            (self.annual_plan_id, RollUp.Level.PLAN, 0),
            (self.annual_plan_id, RollUp.Level.PILLAR, self.pillar_id),
            (self.annual_plan_id, RollUp.Level.DIRECTION, self.direction_id),
        ]

    def contribution(self) -> dict[str, int]:
        counted = self.status != ItemStatus.CANCELLED
        return {
            "weighted_sum": self.percent * self.weight if counted else 0,
            "weight_total": self.weight if counted else 0,
            "item_count": 1 if counted else 0,
            self.status: 1,
        }


def deltas(before: ItemState | None, after: ItemState | None) -> dict[RollUpKey, dict[str, int]]:
    """{key: {figure: change}} that turn the roll-ups with `before` into those with `after`
    (either may be None: an item added or removed)."""
    changes: dict[RollUpKey, dict[str, int]] = {}
    for state, sign in ((before, -1), (after, 1)):
        if state is None:
            continue
        for key in state.rollup_keys():
            figures = changes.setdefault(key, {})
            for figure, value in state.contribution().items():
                figures[figure] = figures.get(figure, 0) + sign * value
    return {
        key: {figure: value for figure, value in figures.items() if value}
        for key, figures in changes.items()
        if any(figures.values())
    }


def aggregate(items: QuerySet[ActionItem]) -> list[RollUp]:
    """Unsaved RollUp rows for every annual plan, pillar and direction of these items, in one
    query grouped by direction."""
    not_cancelled = ~Q(status=ItemStatus.CANCELLED)
    # Some figures are annotated under names computed at run time (the statuses): the rows are
    # read by name, not as the plugin's TypedDict of the literal names.
    rows: QuerySet[ActionItem, Mapping[str, Any]] = (
        items.order_by()
        .values("annual_plan", "strategic_direction", "strategic_direction__pillar")
        .annotate(
            **weighted_figures(),
            item_count=Count("pk", filter=not_cancelled),
            **{status: Count("pk", filter=Q(status=status)) for status in ItemStatus.values},
        )
    )
    rollups: dict[RollUpKey, RollUp] = {}
    for row in rows:
        plan_id = row["annual_plan"]
        for level, object_id in (
            (RollUp.Level.PLAN, 0),
            (RollUp.Level.PILLAR, row["strategic_direction__pillar"]),
            (RollUp.Level.DIRECTION, row["strategic_direction"]),
        ):
            rollup = rollups.setdefault(
                (plan_id, level, object_id),
                RollUp(annual_plan_id=plan_id, level=level, object_id=object_id),
            )
            for figure in FIGURES:
                setattr(rollup, figure, getattr(rollup, figure) + (row[figure] or 0))
    return list(rollups.values())
