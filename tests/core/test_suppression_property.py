"""Property: on any small one- or two-way table, what is published (visible counts, visible
totals and the labels of the hidden ones) leaves every hidden figure at least `threshold`
possible values, so none can be worked out exactly or narrowed down to a few people.

The check is exact and independent of the suppression code: it enumerates every table of
non-negative integers consistent with what is published. A hidden figure only needs to be
looked at within threshold - 1 of its true value: moving it by d can always be done without
moving any other figure by more than d (the tables are networks, and a change of flow splits
into cycles), so the values found in that window are all there are near it.
"""

import itertools

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from core.suppression import suppress_series, suppress_table

SMALL, PROTECT = "small", "protect"
MAX_SOLUTIONS_TRIED = 60_000


def _shown(cell):
    if not cell.suppressed:
        return cell.value
    return SMALL if cell.is_small else PROTECT


def _domain(true_value, label, threshold):
    """The values a reader allows a hidden cell, near its true value."""
    low, high = (0, threshold - 1) if label == SMALL else (threshold, 10**9)
    near = threshold - 1
    return range(max(low, true_value - near), min(high, true_value + near) + 1)


def possible_values(grid, cells, row_totals, column_totals, total, threshold):
    """{hidden figure: the set of its values consistent with everything published}.

    `cells` holds a number or a label per cell; the totals hold a number, None when hidden,
    or are None altogether when not published (the column totals of a one-way table)."""
    rows, columns = len(grid), len(grid[0])
    hidden = [
        (i, j) for i in range(rows) for j in range(columns) if cells[i][j] in (SMALL, PROTECT)
    ]
    domains = [_domain(grid[i][j], cells[i][j], threshold) for i, j in hidden]
    size = 1
    for domain in domains:
        size *= len(domain)
    assume(size <= MAX_SOLUTIONS_TRIED)
    found = {("cell", i, j): set() for i, j in hidden}
    if row_totals is not None:
        found |= {("row", i): set() for i in range(rows) if row_totals[i] is None}
    if column_totals is not None:
        found |= {("column", j): set() for j in range(columns) if column_totals[j] is None}
    if total is not None and total[0] is None:
        found[("all",)] = set()
    for values in itertools.product(*domains):
        table = [[cells[i][j] for j in range(columns)] for i in range(rows)]
        for (i, j), value in zip(hidden, values, strict=True):
            table[i][j] = value
        row_sums = [sum(row) for row in table]
        column_sums = [sum(table[i][j] for i in range(rows)) for j in range(columns)]
        if row_totals is not None and any(
            shown is not None and shown != row_sums[i] for i, shown in enumerate(row_totals)
        ):
            continue
        if column_totals is not None and any(
            shown is not None and shown != column_sums[j] for j, shown in enumerate(column_totals)
        ):
            continue
        if total is not None and total[0] is not None and total[0] != sum(row_sums):
            continue
        for key, seen in found.items():
            if key[0] == "cell":
                seen.add(table[key[1]][key[2]])
            elif key[0] == "row":
                seen.add(row_sums[key[1]])
            elif key[0] == "column":
                seen.add(column_sums[key[1]])
            else:
                seen.add(sum(row_sums))
    return found


def assert_published_figures_are_true(grid, cells, threshold):
    for i, row in enumerate(cells):
        for j, shown in enumerate(row):
            if shown == SMALL:
                assert grid[i][j] < threshold
            elif shown == PROTECT:
                assert grid[i][j] >= threshold
            else:
                assert shown == grid[i][j]
                assert shown >= threshold


def assert_every_hidden_figure_is_protected(found, threshold):
    for figure, values in found.items():
        assert len(values) >= 2, f"{figure} can be worked out: {sorted(values)}"
        assert len(values) >= threshold, f"{figure} narrowed down to {sorted(values)}"


thresholds = st.integers(min_value=2, max_value=5)


@st.composite
def one_way_tables(draw):
    threshold = draw(thresholds)
    counts = draw(
        st.lists(st.integers(min_value=0, max_value=4 * threshold), min_size=1, max_size=6)
    )
    return threshold, counts


@st.composite
def two_way_tables(draw):
    threshold = draw(thresholds)
    rows = draw(st.integers(min_value=1, max_value=3))
    columns = draw(st.integers(min_value=1, max_value=3))
    value = st.integers(min_value=0, max_value=4 * threshold)
    grid = [[draw(value) for _ in range(columns)] for _ in range(rows)]
    return threshold, grid


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(one_way_tables())
def test_no_hidden_count_of_a_one_way_table_can_be_narrowed_below_the_threshold(table):
    threshold, counts = table
    series = suppress_series(
        {f"category {n}": c for n, c in enumerate(counts)}, threshold=threshold
    )
    cells = [[_shown(cell) for cell in series.cells.values()]]
    total = series.total.value

    assert_published_figures_are_true([counts], cells, threshold)
    assert total is None or total == sum(counts)
    found = possible_values([counts], cells, [total], None, None, threshold)
    assert_every_hidden_figure_is_protected(found, threshold)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(two_way_tables())
def test_no_hidden_count_of_a_two_way_table_can_be_narrowed_below_the_threshold(table):
    threshold, grid = table
    suppressed = suppress_table(
        {f"row {i}": {f"column {j}": v for j, v in enumerate(row)} for i, row in enumerate(grid)},
        threshold=threshold,
    )
    cells = [[_shown(cell) for cell in row.values()] for row in suppressed.cells.values()]
    row_totals = [cell.value for cell in suppressed.row_totals.values()]
    column_totals = [cell.value for cell in suppressed.column_totals.values()]
    total = suppressed.total.value

    assert_published_figures_are_true(grid, cells, threshold)
    assert all(t is None or t == sum(row) for t, row in zip(row_totals, grid, strict=True))
    assert all(t is None or t == sum(row[j] for row in grid) for j, t in enumerate(column_totals))
    assert total is None or total == sum(map(sum, grid))
    found = possible_values(grid, cells, row_totals, column_totals, [total], threshold)
    assert_every_hidden_figure_is_protected(found, threshold)
