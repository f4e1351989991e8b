"""The columns of a peer's package that the network compares: the one place that names them.

They follow this portal's own data package (/data/datapackage.json, reports/opendata.py): a
peer's resource must declare each of these columns in its Table Schema, with the type this
portal declares (a whole number or a number alike for numeric columns; any type for
identifiers), and its CSV must have them. Other columns are allowed and ignored.
"""

from __future__ import annotations

from reports import opendata

NUMERIC = frozenset({"integer", "number"})

# dataset slug -> the columns the page reads
COMPARED_COLUMNS: dict[opendata.Dataset, tuple[str, ...]] = {
    opendata.ACTION_ITEMS: (
        "item_id",
        "fiscal_year",
        "pillar",
        "title_en",
        "title_fr",
        "status",
        "percent",
    ),
    opendata.INDICATORS: (
        "indicator_id",
        "indicator_code",
        "indicator_en",
        "indicator_fr",
        "unit",
        "fiscal_year",
        "breakdown",
        "value",
        "suppressed",
    ),
    opendata.PRACTICES: ("practice_id", "title_en", "title_fr", "pillar", "outcome", "url"),
}


def _allowed_types(column: opendata.Column) -> frozenset[str] | None:
    """Identifiers are only matched by value, so another software's may be text."""
    if column.name.endswith("_id"):
        return None
    return NUMERIC if column.type in NUMERIC else frozenset({column.type})


# dataset slug -> {column: allowed Table Schema types}
EXPECTED_COLUMNS: dict[str, dict[str, frozenset[str] | None]] = {
    dataset.slug: {
        column.name: _allowed_types(column) for column in dataset.columns if column.name in names
    }
    for dataset, names in COMPARED_COLUMNS.items()
}

PILLARS = ("settle", "work", "belong")
STATUSES = ("not_started", "on_track", "at_risk", "delayed", "completed", "cancelled")

# Rows kept of one peer (a package larger than this is cut, never refused).
MAX_ITEMS = 2000
MAX_INDICATORS = 500
MAX_PRACTICES = 300


def schema_problems(dataset: str, fields: list[dict[str, object]]) -> list[str]:
    """What a resource's Table Schema fields lack of the expected columns: [] when all is
    there (names and types)."""
    declared = {str(field.get("name")): str(field.get("type", "any")) for field in fields}
    problems = []
    for column, types in EXPECTED_COLUMNS[dataset].items():
        if column not in declared:
            problems.append(f"{dataset}: the column {column} is missing")
        elif types is not None and declared[column] not in types:
            problems.append(
                f"{dataset}: the column {column} is of type {declared[column]}, "
                f"expected {' or '.join(sorted(types))}"
            )
    return problems
