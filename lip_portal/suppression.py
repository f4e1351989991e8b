"""Small-cell suppression: the one implementation every aggregate of people goes through.

A count under the threshold (default 5) is never shown; it reads "fewer than 5". Totals are
published, so a single hidden cell could be worked out by subtraction: complementary
suppression hides more cells until the hidden cells of every row and column add up to at
least the threshold and are at least two. A total that cannot be protected that way is hidden.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class Cell:
    value: int | None  # None when suppressed
    threshold: int = DEFAULT_THRESHOLD

    @property
    def suppressed(self):
        return self.value is None

    def __str__(self):
        if self.value is None:
            return str(_("fewer than %(threshold)s") % {"threshold": self.threshold})
        return str(self.value)


@dataclass(frozen=True)
class SuppressedSeries:
    """Counts per category and their total, safe to publish."""

    cells: dict
    total: Cell

    def share(self, category):
        """The category's share of the total (0 to 1), or None when either is hidden."""
        cell = self.cells[category]
        if cell.suppressed or self.total.suppressed or not self.total.value:
            return None
        return cell.value / self.total.value


def suppress_count(value, *, threshold=DEFAULT_THRESHOLD):
    """Suppress a lone count of people (e.g. how many answered): hidden under the threshold."""
    return Cell(None if value < threshold else value, threshold)


def _hidden_keys(counts, threshold, already_hidden=()):
    hidden = {key for key, value in counts.items() if value < threshold}
    hidden |= set(already_hidden) & counts.keys()
    # Complementary suppression: one hidden cell, or hidden cells that add up to less than
    # the threshold, could be recovered from the total. Hide the smallest visible cell.
    while hidden and (len(hidden) == 1 or sum(counts[k] for k in hidden) < threshold):
        visible = sorted(
            (value, str(key), key) for key, value in counts.items() if key not in hidden
        )
        if not visible:
            break
        hidden.add(visible[0][2])
    return hidden


def _total_is_safe(counts, hidden, threshold):
    total = sum(counts.values())
    if total < threshold:
        return False
    if not hidden:
        return True
    return len(hidden) >= 2 and sum(counts[k] for k in hidden) >= threshold


def suppress_series(counts, *, threshold=DEFAULT_THRESHOLD):
    """Suppress a one-way breakdown: {category: count} -> SuppressedSeries."""
    counts = dict(counts)
    hidden = _hidden_keys(counts, threshold)
    total = sum(counts.values())
    return SuppressedSeries(
        cells={
            key: Cell(None if key in hidden else value, threshold) for key, value in counts.items()
        },
        total=Cell(total if _total_is_safe(counts, hidden, threshold) else None, threshold),
    )


@dataclass(frozen=True)
class SuppressedTable:
    """A two-way table (rows x columns) with row, column and grand totals, safe to publish."""

    cells: dict  # {row: {column: Cell}}
    row_totals: dict  # {row: Cell}
    column_totals: dict  # {column: Cell}
    total: Cell


def suppress_table(rows, *, threshold=DEFAULT_THRESHOLD):
    """Suppress a two-way table {row: {column: count}} with all its margins published.

    Hiding a cell to protect its row can expose it through its column, so rows and columns
    are protected in turn until neither hides anything more.
    """
    rows = {row: dict(columns) for row, columns in rows.items()}
    columns = sorted({column for values in rows.values() for column in values}, key=str)
    for values in rows.values():
        for column in columns:
            values.setdefault(column, 0)
    hidden = {
        (row, column)
        for row, values in rows.items()
        for column, v in values.items()
        if v < threshold
    }
    while True:
        before = set(hidden)
        for row, values in rows.items():
            row_hidden = _hidden_keys(values, threshold, {c for r, c in hidden if r == row})
            hidden |= {(row, column) for column in row_hidden}
        for column in columns:
            values = {row: rows[row][column] for row in rows}
            column_hidden = _hidden_keys(values, threshold, {r for r, c in hidden if c == column})
            hidden |= {(row, column) for row in column_hidden}
        if hidden == before:
            break

    def margin(values, hidden_keys):
        safe = _total_is_safe(values, hidden_keys, threshold)
        return Cell(sum(values.values()) if safe else None, threshold)

    row_totals = {
        row: margin(values, {c for r, c in hidden if r == row}) for row, values in rows.items()
    }
    column_totals = {}
    for column in columns:
        values = {row: rows[row][column] for row in rows}
        column_totals[column] = margin(values, {r for r, c in hidden if c == column})
    grand = sum(sum(values.values()) for values in rows.values())
    # The grand total minus the visible margins must not give back a hidden margin.
    row_sums = {row: sum(values.values()) for row, values in rows.items()}
    column_sums = {column: sum(rows[row][column] for row in rows) for column in columns}
    grand_is_safe = _total_is_safe(
        row_sums, {row for row, cell in row_totals.items() if cell.suppressed}, threshold
    ) and _total_is_safe(
        column_sums,
        {column for column, cell in column_totals.items() if cell.suppressed},
        threshold,
    )
    return SuppressedTable(
        cells={
            row: {
                column: Cell(None if (row, column) in hidden else value, threshold)
                for column, value in values.items()
            }
            for row, values in rows.items()
        },
        row_totals=row_totals,
        column_totals=column_totals,
        total=Cell(grand if grand_is_safe else None, threshold),
    )
