"""Small-cell suppression, case by case (test_suppression_property.py checks every small table)."""

from django.utils import translation

from core.suppression import (
    Cell,
    restore,
    suppress_count,
    suppress_series,
    suppress_table,
)

HIDDEN = "not shown, to protect small counts"


def visible(series):
    return {key: cell.value for key, cell in series.cells.items()}


def labels(series):
    return {key: str(cell) for key, cell in series.cells.items()}


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
        assert str(series.cells["b"]) == "non affiché, pour protéger les petits nombres"


def test_a_single_small_cell_cannot_be_recovered_from_the_total():
    series = suppress_series({"women": 12, "men": 9, "another gender": 2})

    hidden = [key for key, cell in series.cells.items() if cell.suppressed]
    assert hidden == ["men", "another gender"]  # the smallest other cell is hidden with it
    assert series.total.value == 23


def test_a_cell_hidden_to_protect_a_small_one_does_not_read_fewer_than_5():
    # The demo report's ages: 41 people aged 18 to 24 are hidden to protect the 3 aged 65+.
    series = suppress_series({"18 to 24": 41, "25 to 44": 168, "45 to 64": 50, "65 and over": 3})

    assert labels(series) == {
        "18 to 24": HIDDEN,
        "25 to 44": "168",
        "45 to 64": "50",
        "65 and over": "fewer than 5",
    }
    assert series.total.value == 262


def test_hidden_cells_adding_up_to_less_than_the_threshold_hide_one_more():
    # 1 + 1 = 2: knowing the pair adds to 2 would tell that each is 1 (or 0 and 2).
    series = suppress_series({"a": 30, "b": 20, "c": 1, "d": 1})

    assert visible(series) == {"a": 30, "b": None, "c": None, "d": None}
    assert series.total.value == 52


def test_the_label_of_a_protecting_cell_cannot_narrow_a_small_one_down():
    # Hiding the 5 with the 2 would leave 7 between them; "5 or more" for one would then tell
    # that the other is 0, 1 or 2. The 20 is hidden instead: 22 shared leaves 0 to 4 open.
    series = suppress_series({"a": 2, "b": 5, "c": 20})

    assert visible(series) == {"a": None, "b": 5, "c": None}
    assert str(series.cells["c"]) == HIDDEN
    assert series.total.value == 27


def test_small_cells_whose_total_would_narrow_them_down_hide_the_total():
    # 2 + 3 = 5 with each under 5: each would be at least 1.
    series = suppress_series({"a": 2, "b": 3})

    assert labels(series) == {"a": "fewer than 5", "b": "fewer than 5"}
    assert series.total.suppressed


def test_small_cells_that_can_each_be_anything_from_0_to_4_keep_their_total():
    # 0 + 4 = 4: either could be 0 or 4, and anything between.
    series = suppress_series({"a": 0, "b": 4, "c": 30})

    assert visible(series) == {"a": None, "b": None, "c": 30}
    assert series.total.value == 34


def test_a_hidden_total_reads_not_shown_whatever_its_size():
    small = suppress_series({"a": 2, "b": 1})
    large = suppress_series({"a": 2, "b": 3})

    assert small.total.suppressed and large.total.suppressed
    assert str(small.total) == str(large.total) == HIDDEN


def test_the_same_counts_hide_the_same_way_whatever_the_names_of_their_categories():
    english = suppress_series({"Women": 7, "Men": 7, "Another gender": 2})
    french = suppress_series({"Femmes": 7, "Hommes": 7, "Autre genre": 2})

    assert list(visible(english).values()) == list(visible(french).values())


def test_share_is_none_for_a_hidden_cell():
    series = suppress_series({"a": 40, "b": 10, "c": 3})

    assert series.share("a") == 40 / 53
    assert series.share("c") is None


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
    assert table.cells["Work steering group"]["racialized"].is_small
    # Its row and its column each hide at least one more cell, or their total.
    row_protected = table.row_totals["Work steering group"].suppressed or (
        sum(1 for row, _ in hidden if row == "Work steering group") >= 2
    )
    column_protected = table.column_totals["racialized"].suppressed or (
        sum(1 for _, column in hidden if column == "racialized") >= 2
    )
    assert row_protected and column_protected


def test_a_tables_column_totals_make_the_series_of_its_columns():
    table = suppress_table({"r1": {"a": 30, "b": 2}, "r2": {"a": 25, "b": 9}})

    series = table.column_series()

    assert series.cells == table.column_totals
    assert series.total == table.total


def test_a_lone_count_under_the_threshold_is_hidden_and_one_at_it_is_shown():
    assert str(suppress_count(4)) == "fewer than 5"
    assert suppress_count(4).suppressed
    assert suppress_count(5).value == 5


def test_the_threshold_comes_from_the_setting(settings):
    settings.SUPPRESSION_THRESHOLD = 10

    series = suppress_series({"a": 40, "b": 30, "c": 7})

    assert str(series.cells["c"]) == "fewer than 10"
    assert str(suppress_count(9)) == "fewer than 10"


def test_a_hidden_figure_stored_without_its_reason_reads_not_shown():
    # Figures stored before hidden cells said why: true of every hidden cell.
    assert str(restore(None, 5)) == HIDDEN
    assert str(Cell(None, 5)) == HIDDEN
    assert str(restore(None, 5, small=True)) == "fewer than 5"
    assert str(restore(12, 5)) == "12"
