"""Small-cell suppression: the one implementation every aggregate of people goes through.

A count of people under the threshold (the SUPPRESSION_THRESHOLD setting, 5 by default) is
never shown: it reads "fewer than 5". Totals are published too, so a hidden count could be
worked out, or narrowed down, from them: other figures are hidden with it (complementary
suppression), and each of those says so instead ("not shown, to protect small counts"), since
it may be large. A hidden total always reads the second way, whatever its size.

What a reader can learn is checked, not assumed. The labels are published facts too: a cell
marked "fewer than 5" holds 0 to 4 people, one hidden to protect others holds 5 or more. For
every hidden figure the audit below asks which values stay possible given everything shown
(the visible cells and totals, and those labels), and hides more until each hidden figure
could still take at least `threshold` different values; for a cell under the threshold that
means every value from 0 to 4. A table with its row and column totals is a network (each
count flows from its row to its column), so whether a value is possible is a small
feasible-flow problem, answered exactly with a max-flow.
"""

from collections import deque
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from django.conf import settings
from django.utils.translation import gettext_lazy as _

SMALL = "small"  # hidden because it is under the threshold
PROTECT = "protect"  # hidden so that a small count cannot be worked out from it

# A figure of a table: ("all",), ("row", i), ("column", j) or ("cell", i, j).
type Entry = (
    tuple[Literal["all"]] | tuple[Literal["row", "column"], int] | tuple[Literal["cell"], int, int]
)


def default_threshold() -> int:
    return settings.SUPPRESSION_THRESHOLD


def small_label(threshold: int | None = None) -> str:
    """ "fewer than 5": what a count under the threshold reads."""
    return str(_("fewer than %(threshold)s") % {"threshold": threshold or default_threshold()})


def protect_label() -> str:
    """What a figure hidden to protect small counts reads (it may be large)."""
    return str(_("not shown, to protect small counts"))


@dataclass(frozen=True)
class Cell:
    """A published count: its value, or None when hidden, and then why.

    A hidden cell whose reason is unknown (figures stored before reasons were) reads as hidden
    to protect small counts, which is true of every hidden figure."""

    value: int | None  # None when suppressed
    threshold: int = field(default_factory=default_threshold)
    reason: str = ""  # SMALL or PROTECT when hidden

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def is_small(self) -> bool:
        """Hidden because it is under the threshold ("fewer than 5")."""
        return self.value is None and self.reason == SMALL

    def __str__(self) -> str:
        if self.value is None:
            return small_label(self.threshold) if self.is_small else protect_label()
        return str(self.value)


def hidden_cell(value: int, threshold: int) -> Cell:
    """The Cell of a count that is hidden, with the reason its size gives."""
    return Cell(None, threshold, SMALL if value < threshold else PROTECT)


@dataclass(frozen=True)
class SuppressedSeries[K: Hashable]:
    """Counts per category and their total, safe to publish."""

    cells: dict[K, Cell]
    total: Cell

    def share(self, category: K) -> float | None:
        """The category's share of the total (0 to 1), or None when either is hidden."""
        cell = self.cells[category]
        if cell.suppressed or self.total.suppressed or not self.total.value:
            return None
        assert cell.value is not None  # not suppressed
        return cell.value / self.total.value


def suppress_count(value: int, *, threshold: int | None = None) -> Cell:
    """Suppress a lone count of people (e.g. how many answered): hidden under the threshold."""
    threshold = threshold or default_threshold()
    return Cell(None, threshold, SMALL) if value < threshold else Cell(value, threshold)


# --- The audit -------------------------------------------------------------------------------


class _Network:
    """A table as a network: source -> row (row total) -> column (cell) -> sink (column
    total) -> source (grand total). Each published figure is an edge whose flow is known; a
    hidden one is an edge whose flow lies within what its label says."""

    def __init__(
        self,
        rows: list[list[int]],
        *,
        row_totals: bool,
        column_totals: bool,
        grand_total: bool,
    ) -> None:
        self.rows = rows
        self.row_count = len(rows)
        self.column_count = len(rows[0]) if rows else 0
        self.published: set[Entry] = {
            ("cell", i, j) for i in range(self.row_count) for j in range(self.column_count)
        }
        if row_totals:
            self.published |= {("row", i) for i in range(self.row_count)}
        if column_totals:
            self.published |= {("column", j) for j in range(self.column_count)}
        if grand_total:
            self.published.add(("all",))
        self.values: dict[Entry, int] = {}
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                self.values[("cell", i, j)] = value
            self.values[("row", i)] = sum(row)
        for j in range(self.column_count):
            self.values[("column", j)] = sum(row[j] for row in rows)
        self.values[("all",)] = sum(self.values[("row", i)] for i in range(self.row_count))

    def cap(self, threshold: int) -> int:
        """A bound no flow needs to pass. The audit only asks whether a figure can move by up
        to threshold - 1 from its true value; some way of moving it by d moves no other figure
        by more than d (a circulation splits into cycles that agree in sign), and no true
        figure exceeds the grand total."""
        return self.values[("all",)] + threshold

    def edge_ends(self, entry: Entry) -> tuple[int, int]:
        source, sink = 0, 1
        if entry[0] == "row":
            return source, 2 + entry[1]
        if entry[0] == "cell":
            return 2 + entry[1], 2 + self.row_count + entry[2]
        if entry[0] == "column":
            return 2 + self.row_count + entry[1], sink
        return sink, source

    def entries(self) -> Iterator[Entry]:
        yield ("all",)
        for i in range(self.row_count):
            yield ("row", i)
        for j in range(self.column_count):
            yield ("column", j)
        for i in range(self.row_count):
            for j in range(self.column_count):
                yield ("cell", i, j)


def _max_flow(node_count: int, edges: list[tuple[int, int, int]], source: int, sink: int) -> int:
    """Edmonds-Karp on a small graph given as [(from, to, capacity)]."""
    graph: list[list[int]] = [[] for _ in range(node_count)]
    capacity: list[int] = []
    target: list[int] = []
    for start, end, room in edges:
        graph[start].append(len(target))
        target.append(end)
        capacity.append(room)
        graph[end].append(len(target))
        target.append(start)
        capacity.append(0)
    flow = 0
    while True:
        parent = [-1] * node_count
        parent[source] = -2
        queue = deque([source])
        while queue and parent[sink] == -1:
            node = queue.popleft()
            for index in graph[node]:
                if capacity[index] > 0 and parent[target[index]] == -1:
                    parent[target[index]] = index
                    queue.append(target[index])
        if parent[sink] == -1:
            return flow
        amount: int | None = None
        node = sink
        while node != source:
            index = parent[node]
            amount = capacity[index] if amount is None else min(amount, capacity[index])
            node = target[index ^ 1]
        assert amount is not None  # the path from source to sink has an edge
        node = sink
        while node != source:
            index = parent[node]
            capacity[index] -= amount
            capacity[index ^ 1] += amount
            node = target[index ^ 1]
        flow += amount


class _Audit:
    def __init__(self, network: _Network, threshold: int) -> None:
        self.network = network
        self.threshold = threshold
        self.big = network.cap(threshold)
        self.hidden: set[Entry] = set()

    def bounds(self, entry: Entry) -> tuple[int, int]:
        """The values an entry may take as a reader sees it."""
        network = self.network
        if entry not in network.published:
            return 0, self.big  # never published: anything
        value = network.values[entry]
        if entry not in self.hidden:
            return value, value
        if entry[0] != "cell":
            return 0, self.big  # a hidden total says nothing of its size
        if value < self.threshold:
            return 0, self.threshold - 1
        return self.threshold, self.big

    def feasible(self, entry: Entry, value: int) -> bool:
        """Could `entry` hold `value`, everything published staying as it is?"""
        network = self.network
        super_source = 2 + network.row_count + network.column_count
        super_sink = super_source + 1
        excess = [0] * (super_sink + 1)
        edges: list[tuple[int, int, int]] = []
        for each in network.entries():
            low, high = (value, value) if each == entry else self.bounds(each)
            start, end = network.edge_ends(each)
            if high > low:
                edges.append((start, end, high - low))
            excess[end] += low
            excess[start] -= low
        needed = 0
        for node, amount in enumerate(excess):
            if amount > 0:
                edges.append((super_source, node, amount))
                needed += amount
            elif amount < 0:
                edges.append((node, super_sink, -amount))
        return _max_flow(super_sink + 1, edges, super_source, super_sink) == needed

    def is_protected(self, entry: Entry) -> bool:
        """At least `threshold` values stay possible for the hidden entry."""
        value = self.network.values[entry]
        low, high = self.bounds(entry)
        # The least possible value, looked for only as far down as matters.
        least, most = max(low, value - (self.threshold - 1)), value
        while least < most:
            middle = (least + most) // 2
            if self.feasible(entry, middle):
                most = middle
            else:
                least = middle + 1
        top = least + self.threshold - 1
        return top <= high and self.feasible(entry, top)


def _protect(network: _Network, threshold: int) -> set[Entry]:
    """The published entries to hide: those under the threshold, then more until the audit
    passes for each hidden one. Deterministic: ties go to the earlier row and column."""
    audit = _Audit(network, threshold)
    values = network.values
    audit.hidden = {entry for entry in network.published if values[entry] < threshold}

    def visible(entries: Iterable[Entry]) -> list[Entry]:
        return [e for e in entries if e in network.published and e not in audit.hidden]

    def order(entry: Entry) -> tuple[int, Entry]:
        return (values[entry], entry)

    def candidates(entry: Entry) -> tuple[list[Entry], list[Entry]]:
        """What to hide next to protect `entry`: cells of its row and column first (the
        smallest), then its totals, then anything still shown."""
        rows, columns = range(network.row_count), range(network.column_count)
        if entry[0] == "cell":
            _kind, i, j = entry
            # Lists joined by unpacking, so each tuple is read as an Entry.
            cells: list[Entry] = [
                *[("cell", i, c) for c in columns],
                *[("cell", r, j) for r in rows],
            ]
            totals: list[Entry] = [("row", i), ("column", j), ("all",)]
        elif entry[0] == "row":
            cells = [("cell", entry[1], c) for c in columns]
            totals = [("all",), *[("row", r) for r in rows]]
        elif entry[0] == "column":
            cells = [("cell", r, entry[1]) for r in rows]
            totals = [("all",), *[("column", c) for c in columns]]
        else:
            cells = []
            totals = [*[("row", r) for r in rows], *[("column", c) for c in columns]]
        return sorted(visible(cells), key=order), visible(totals)

    pending = sorted(audit.hidden, key=lambda e: (e[0] != "cell", e))
    while pending:
        entry = pending[0]
        if audit.is_protected(entry):
            pending.pop(0)
            continue
        cells, totals = candidates(entry)
        choice: Entry | None = None
        # The first that protects it on its own: a cell (the smallest), else a total.
        for candidate in cells + totals:
            audit.hidden.add(candidate)
            helps = audit.is_protected(entry)
            audit.hidden.discard(candidate)
            if helps:
                choice = candidate
                break
        if choice is None:  # none does alone: hide the likeliest and look again
            likeliest = cells or totals or sorted(visible(network.entries()), key=order)
            choice = likeliest[0] if likeliest else None
        if choice is None:
            raise AssertionError("Every figure is hidden and one is still exposed.")
        audit.hidden.add(choice)
        pending.append(choice)
    return audit.hidden


# --- One-way and two-way tables --------------------------------------------------------------


def suppress_series[K: Hashable](
    counts: Mapping[K, int], *, threshold: int | None = None
) -> SuppressedSeries[K]:
    """Suppress a one-way breakdown with its total: {category: count} -> SuppressedSeries.

    Which cells hide depends only on the counts and their order, never on the keys' names, so
    the same figures hide the same way on every page and in every language."""
    threshold = threshold or default_threshold()
    keys = list(counts)
    if not keys:
        total = sum(counts.values())
        return SuppressedSeries(cells={}, total=suppress_count(total, threshold=threshold))
    network = _Network(
        [[int(counts[key]) for key in keys]],
        row_totals=True,
        column_totals=False,
        grand_total=False,
    )
    hidden = _protect(network, threshold)
    cells = {
        key: hidden_cell(counts[key], threshold)
        if ("cell", 0, j) in hidden
        else Cell(counts[key], threshold)
        for j, key in enumerate(keys)
    }
    total = network.values[("row", 0)]
    return SuppressedSeries(
        cells=cells,
        total=Cell(None, threshold, PROTECT) if ("row", 0) in hidden else Cell(total, threshold),
    )


@dataclass(frozen=True)
class SuppressedTable[R: Hashable, C: Hashable]:
    """A two-way table (rows x columns) with row, column and grand totals, safe to publish."""

    cells: dict[R, dict[C, Cell]]
    row_totals: dict[R, Cell]
    column_totals: dict[C, Cell]
    total: Cell

    def column_series(self) -> SuppressedSeries[C]:
        """The column totals as a one-way series with the grand total: the same figures, hidden
        the same way, for a chart of the columns beside the table."""
        return SuppressedSeries(cells=dict(self.column_totals), total=self.total)


def suppress_table[R: Hashable, C: Hashable](
    rows: Mapping[R, Mapping[C, int]], *, threshold: int | None = None
) -> SuppressedTable[R, C]:
    """Suppress a two-way table {row: {column: count}} with all its totals published.

    Columns are those of every row, in order of first appearance; a missing count is 0."""
    threshold = threshold or default_threshold()
    row_keys = list(rows)
    column_keys: list[C] = []
    for values in rows.values():
        column_keys += [column for column in values if column not in column_keys]
    grid = [[int(rows[r].get(c, 0)) for c in column_keys] for r in row_keys]
    if not row_keys or not column_keys:
        return SuppressedTable(
            cells={r: {} for r in row_keys},
            row_totals={r: suppress_count(0, threshold=threshold) for r in row_keys},
            column_totals={},
            total=suppress_count(0, threshold=threshold),
        )
    network = _Network(grid, row_totals=True, column_totals=True, grand_total=True)
    hidden = _protect(network, threshold)

    def margin(entry: Entry) -> Cell:
        if entry in hidden:
            return Cell(None, threshold, PROTECT)
        return Cell(network.values[entry], threshold)

    return SuppressedTable(
        cells={
            r: {
                c: hidden_cell(grid[i][j], threshold)
                if ("cell", i, j) in hidden
                else Cell(grid[i][j], threshold)
                for j, c in enumerate(column_keys)
            }
            for i, r in enumerate(row_keys)
        },
        row_totals={r: margin(("row", i)) for i, r in enumerate(row_keys)},
        column_totals={c: margin(("column", j)) for j, c in enumerate(column_keys)},
        total=margin(("all",)),
    )


# --- Stored figures ----------------------------------------------------------------------------


def restore(value: int | None, threshold: int, small: bool = False) -> Cell:
    """A Cell from stored figures: `small` says a hidden one is under the threshold."""
    if value is not None:
        return Cell(value, threshold)
    return Cell(None, threshold, SMALL if small else PROTECT)
