"""Read a peer's data package, validate it and keep what the /network/ page compares.

One path for every package, whoever reads the bytes: `read_package(location, read)` takes the
descriptor's address and a function that returns the bytes at an address (the guarded HTTP
fetcher for real peers, files shipped in the repository for the demo ones), validates the
descriptor with `frictionless` (Package), then each resource the page needs (the latest year's
`action-items-<fy>` and `indicators-<fy>`, and `practices` when present) with `frictionless`
against its Table Schema and against the columns network/schema.py expects, and returns the
snapshot stored as the peer's last good copy. Any problem raises PackageError.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from frictionless import FrictionlessException, Package, Resource, Schema

from . import schema as expected
from .fetch import FetchError

NOT_JSON = "not_json"
INVALID_PACKAGE = "invalid_package"
YEARLY_NAME = re.compile(r"^action-items-(\d{4}-\d{2})$")

# Reads an address: (the address the bytes came from, after any redirects; the bytes).
type Reader = Callable[[str], tuple[str, bytes]]


class PackageError(Exception):
    """The package could not be used: `kind` (a Peer.ErrorKind value) and a message."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


def _invalid(message: str) -> PackageError:
    return PackageError(INVALID_PACKAGE, message[:2000])


def _read(read: Reader, location: str) -> tuple[str, bytes]:
    try:
        return read(location)
    except FetchError as error:
        raise PackageError(error.kind, error.message) from error


def _descriptor(body: bytes) -> dict[str, Any]:
    try:
        descriptor = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise PackageError(NOT_JSON, f"The package is not JSON: {error}"[:500]) from error
    if not isinstance(descriptor, dict):
        raise PackageError(NOT_JSON, "The package is JSON but not an object.")
    return descriptor


def _check_descriptor(descriptor: dict[str, Any]) -> None:
    """Refuse what would make frictionless read anything itself (a schema or dialect given by
    address or file, a custom profile), then validate the descriptor with frictionless."""
    resources = descriptor.get("resources")
    if not isinstance(resources, list) or not resources:
        raise _invalid("The package lists no resources.")
    for resource in resources:
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            raise _invalid("A resource is not an object with a name.")
        # A resource that is not a table (the Popolo JSON, say) has no schema; one that has a
        # schema must give it inline.
        if "schema" in resource and not isinstance(resource["schema"], dict):
            raise _invalid(f"The resource {resource['name']} has no inline Table Schema.")
        if "dialect" in resource and not isinstance(resource["dialect"], dict):
            raise _invalid(f"The resource {resource['name']} names its dialect by address.")
    cleaned = copy.deepcopy(descriptor)
    for entry in [cleaned, *cleaned["resources"]]:
        entry.pop("$schema", None)
        entry.pop("profile", None)
        if isinstance(entry.get("schema"), dict):
            entry["schema"].pop("$schema", None)
            entry["schema"].pop("profile", None)
    try:
        Package.from_descriptor(cleaned)
    except FrictionlessException as error:
        raise _invalid(f"The package is not a valid Data Package: {error}") from error
    partnership = descriptor.get("partnership")
    if not isinstance(partnership, dict) or not isinstance(partnership.get("name"), dict):
        raise _invalid("The package has no partnership with a name.")


def _latest_year(descriptor: dict[str, Any]) -> str:
    years = sorted(
        match.group(1)
        for resource in descriptor["resources"]
        if (match := YEARLY_NAME.match(resource["name"]))
    )
    if not years:
        raise _invalid("The package has no action-items resource of any fiscal year.")
    return years[-1]


def _rows(
    descriptor_location: str, resource: dict[str, Any], dataset: str, read: Reader
) -> tuple[str, list[dict[str, Any]]]:
    """The resource's address and its rows, validated; raise PackageError."""
    name = resource["name"]
    if not isinstance(resource.get("schema"), dict):
        raise _invalid(f"The resource {name} has no inline Table Schema.")
    problems = expected.schema_problems(dataset, resource["schema"].get("fields") or [])
    if problems:
        raise _invalid("; ".join(problems))
    path = resource.get("path")
    if not isinstance(path, str) or not path:
        raise _invalid(f"The resource {name} has no path.")
    location = urljoin(descriptor_location, path)
    location, body = _read(read, location)
    # Foreign keys to other resources are checked where the package is published (its own
    # validation, whole); here each resource is read alone, so they would only fail.
    descriptor = copy.deepcopy(resource["schema"])
    foreign_keys = descriptor.get("foreignKeys")
    if isinstance(foreign_keys, list):
        descriptor["foreignKeys"] = [
            key
            for key in foreign_keys
            if isinstance(key, dict) and not (key.get("reference") or {}).get("resource")
        ]
    try:
        table_schema = Schema.from_descriptor(descriptor)
        report = Resource(body, format="csv", encoding="utf-8", schema=table_schema).validate()
    except FrictionlessException as error:
        raise _invalid(f"{name}: {error}") from error
    if not report.valid:
        errors = [error.message for task in report.tasks for error in task.errors][:3]
        errors += [error.message for error in report.errors][:3]
        raise _invalid(f"{name} does not match its schema: " + " ".join(errors))
    table = Resource(body, format="csv", encoding="utf-8", schema=table_schema)
    rows = [row.to_dict() for row in table.read_rows()]  # type: ignore[attr-defined]
    return location, rows


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _number(value: Any) -> str | None:
    if value is None:
        return None
    return (
        str(Decimal(str(value)).normalize()) if isinstance(value, (Decimal, float)) else str(value)
    )


def read_package(location: str, read: Reader) -> dict[str, Any]:
    """Read, validate and summarize the package at `location` with `read`: the snapshot."""
    # Resource paths are relative to where the descriptor was found (after redirects).
    location, body = _read(read, location)
    descriptor = _descriptor(body)
    _check_descriptor(descriptor)
    fiscal_year = _latest_year(descriptor)
    by_name = {resource["name"]: resource for resource in descriptor["resources"]}
    sources: dict[str, str] = {}

    items_url, item_rows = _rows(
        location, by_name[f"action-items-{fiscal_year}"], "action-items", read
    )
    sources["action_items"] = items_url
    items = [
        {
            "pillar": _text(row.get("pillar")),
            "status": _text(row.get("status")),
            "percent": int(row.get("percent") or 0),
        }
        for row in item_rows[: expected.MAX_ITEMS]
    ]

    indicators: list[dict[str, Any]] = []
    indicator_resource = by_name.get(f"indicators-{fiscal_year}")
    if indicator_resource is not None:
        indicators_url, indicator_rows = _rows(location, indicator_resource, "indicators", read)
        sources["indicators"] = indicators_url
        indicators = [
            {
                "code": _text(row.get("indicator_code")),
                "name_en": _text(row.get("indicator_en")),
                "name_fr": _text(row.get("indicator_fr")),
                "unit": _text(row.get("unit")),
                "fiscal_year": _text(row.get("fiscal_year")),
                "value": None if row.get("suppressed") else _number(row.get("value")),
                "suppressed": bool(row.get("suppressed")),
            }
            for row in indicator_rows
            if not row.get("breakdown")
        ][: expected.MAX_INDICATORS]

    practices: list[dict[str, Any]] = []
    if "practices" in by_name:
        practices_url, practice_rows = _rows(location, by_name["practices"], "practices", read)
        sources["practices"] = practices_url
        practices = [
            {
                "title_en": _text(row.get("title_en")),
                "title_fr": _text(row.get("title_fr")),
                "pillar": _text(row.get("pillar")),
                "outcome": _text(row.get("outcome")),
                "url": _text(row.get("url")),
            }
            for row in practice_rows[: expected.MAX_PRACTICES]
        ]

    partnership = descriptor["partnership"]
    names = partnership.get("name") or {}
    return {
        "title": _text(descriptor.get("title")),
        "homepage": _text(descriptor.get("homepage")),
        "version": _text(descriptor.get("version")),
        "last_modified": _text(descriptor.get("lastModified")),
        "partnership": {
            "id": _text(partnership.get("id") or descriptor.get("id")),
            "name_en": _text(names.get("en")),
            "name_fr": _text(names.get("fr") or names.get("en")),
            "region": _text(partnership.get("region")),
            "portal": _text(partnership.get("portal") or descriptor.get("homepage")),
        },
        "fiscal_year": fiscal_year,
        "sources": sources,
        "items": items,
        "indicators": indicators,
        "practices": practices,
    }


def file_reader(directory: Path, base_url: str) -> Reader:
    """Read the addresses under `base_url`'s folder from files under `directory` (the demo
    peers' packages shipped with the portal): the same validation path as a fetched package."""
    root = directory.resolve()
    prefix = urljoin(base_url, ".")

    def read(location: str) -> tuple[str, bytes]:
        if not location.startswith(prefix):
            raise FetchError("refused_address", f"{location} is not part of the package.")
        path = (root / location[len(prefix) :]).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise FetchError("unreachable", f"{location} is not in the package.")
        return location, path.read_bytes()

    return read
