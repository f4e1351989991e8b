import itertools

from django.utils import translation

from lip_portal.suppression import suppress_count, suppress_series, suppress_table


def visible(series):
    return {key: cell.value for key, cell in series.cells.items()}


def test_cells_at_or_above_the_threshold_are_shown_as_they_are():
    series = suppress_series({"women": 12, "men": 9, "another gender": 5})

    assert visible(series) == {"women": 12, "men": 9, "another gender": 5}
    assert series.total.value == 26


def test_a_cell_under_the_threshold_reads_fewer_than_5():
    series = suppress_series({"women": 12, "men": 9, "another gender": 2})

    assert str(series.cells["another gender"]) == "fewer than 5"


def test_fewer_than_5_is_said_in_french_too():
    series = suppress_series({"a": 12, "b": 9, "c": 2})

    with translation.override("fr"):
        assert str(series.cells["c"]) == "moins de 5"


def test_a_single_small_cell_cannot_be_recovered_from_the_total():
    series = suppress_series({"women": 12, "men": 9, "another gender": 2})

    hidden = [key for key, cell in series.cells.items() if cell.suppressed]
    assert hidden == ["men", "another gender"]  # the smallest other cell is hidden with it
    assert series.total.value == 23


def test_hidden_cells_adding_up_to_less_than_the_threshold_hide_one_more():
    # 1 + 1 = 2: knowing the pair adds to 2 would tell that each is 1 (or 0 and 2).
    series = suppress_series({"a": 30, "b": 20, "c": 1, "d": 1})

    assert visible(series) == {"a": 30, "b": None, "c": None, "d": None}
    assert series.total.value == 52


def test_total_is_hidden_when_it_is_itself_under_the_threshold():
    series = suppress_series({"a": 2, "b": 1})

    assert series.total.suppressed
    assert all(cell.suppressed for cell in series.cells.values())


def test_share_is_none_for_a_hidden_cell():
    series = suppress_series({"a": 40, "b": 10, "c": 3})

    assert series.share("a") == 40 / 53
    assert series.share("c") is None


def test_no_hidden_cell_of_a_series_can_be_worked_out_by_subtraction():
    for counts in itertools.product(range(0, 9), repeat=3):
        series = suppress_series(dict(zip("abc", counts, strict=True)))
        hidden = [cell for cell in series.cells.values() if cell.suppressed]
        if series.total.suppressed or not hidden:
            continue
        assert len(hidden) >= 2, counts
        hidden_sum = series.total.value - sum(
            cell.value for cell in series.cells.values() if not cell.suppressed
        )
        assert hidden_sum >= 5, counts


def test_a_table_protects_a_hidden_cell_in_its_row_and_its_column():
    table = suppress_table(
        {
            "Council": {"racialized": 8, "not racialized": 7},
            "Work steering group": {"racialized": 3, "not racialized": 9},
            "Settle steering group": {"racialized": 10, "not racialized": 6},
        }
    )

    hidden = {
        (row, column)
        for row, columns in table.cells.items()
        for column, cell in columns.items()
        if cell.suppressed
    }
    assert ("Work steering group", "racialized") in hidden
    # Its row and its column each hide at least one more cell.
    assert sum(1 for row, _ in hidden if row == "Work steering group") >= 2
    assert sum(1 for _, column in hidden if column == "racialized") >= 2


def test_no_hidden_table_cell_can_be_worked_out_from_any_published_margin():
    for counts in itertools.product([0, 2, 4, 6, 9], repeat=4):
        rows = {"r1": {"c1": counts[0], "c2": counts[1]}, "r2": {"c1": counts[2], "c2": counts[3]}}
        table = suppress_table(rows)
        lines = [[("r1", "c1"), ("r1", "c2")], [("r2", "c1"), ("r2", "c2")]]
        lines += [[("r1", "c1"), ("r2", "c1")], [("r1", "c2"), ("r2", "c2")]]
        margins = [table.row_totals["r1"], table.row_totals["r2"]]
        margins += [table.column_totals["c1"], table.column_totals["c2"]]
        for line, margin in zip(lines, margins, strict=True):
            hidden = [key for key in line if table.cells[key[0]][key[1]].suppressed]
            if margin.suppressed or not hidden:
                continue
            assert len(hidden) >= 2, counts
            assert sum(rows[r][c] for r, c in hidden) >= 5, counts


def test_a_lone_count_under_the_threshold_is_hidden_and_one_at_it_is_shown():
    assert str(suppress_count(4)) == "fewer than 5"
    assert suppress_count(4).suppressed
    assert suppress_count(5).value == 5
