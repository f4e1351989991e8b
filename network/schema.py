"""The columns of a peer's package that the network compares: the one place that names them.

They follow the shared data-package contract of the portals (/data/datapackage.json): a
peer's resource must declare each of these columns in its Table Schema, with a type among those
given (None: any type), and its CSV must have them. Other columns are allowed and ignored. When
the portal's own Table Schemas are importable, these can be read from them instead.
"""

from __future__ import annotations

NUMERIC = frozenset({"integer", "number"})
TEXT = frozenset({"string"})

# dataset slug -> {column: allowed Table Schema types, or None for any}
EXPECTED_COLUMNS: dict[str, dict[str, frozenset[str] | None]] = {
    "action-items": {
        "item_id": None,
        "fiscal_year": None,
        "pillar": TEXT,
        "title_en": TEXT,
        "title_fr": TEXT,
        "status": TEXT,
        "percent": NUMERIC,
    },
    "indicators": {
        "indicator_id": None,
        "indicator_code": TEXT,
        "indicator_en": TEXT,
        "indicator_fr": TEXT,
        "unit": TEXT,
        "fiscal_year": None,
        "breakdown": TEXT,
        "value": NUMERIC,
        "suppressed": frozenset({"boolean"}),
    },
    "practices": {
        "practice_id": None,
        "title_en": TEXT,
        "title_fr": TEXT,
        "pillar": TEXT,
        "outcome": None,
        "url": frozenset({"string"}),
    },
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
