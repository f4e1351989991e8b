"""The open data as a Frictionless Data Package: /data/datapackage.json.

The descriptor and every Table Schema are built from the datasets' declarations in opendata.py,
the same ones the /data/ page documents and the writers follow, so none can drift.

Versioning: SCHEMA_VERSION is the version of the schemas. Within a major version changes are only
additive (new columns at the end, new resources). A breaking change bumps the major version; the
previous major version stays served for one more version under /data/v<major>/ (SERVED_MAJORS).
The structure of the current version's schemas is committed as a snapshot
(reports/schemas/datapackage-<major>.json, written by `manage.py open_data_schema --write`) and a
test fails when the live schemas differ from it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Max, Min
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actionplans.models import ProgressUpdate
from consultations.models import ResultsSnapshot
from core.fiscal import FiscalYear

from . import opendata
from .models import ReportVersion

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

SCHEMA_VERSION = "1.0.0"
MAJOR = int(SCHEMA_VERSION.split(".")[0])
# The major versions served under /data/v<major>/: the current one, and after a breaking change
# the previous one too, for one more version.
SERVED_MAJORS = (MAJOR,)
SNAPSHOT_DIRECTORY = Path(__file__).resolve().parent / "schemas"


@dataclass(frozen=True)
class Licence:
    title: StrOrPromise
    path_en: str
    path_fr: str


LICENCES = {
    "OGL-Canada-2.0": Licence(
        gettext_lazy("Open Government Licence – Canada"),
        "https://open.canada.ca/en/open-government-licence-canada",
        "https://ouvert.canada.ca/fr/licence-du-gouvernement-ouvert-canada",
    ),
    "CC-BY-4.0": Licence(
        gettext_lazy("Creative Commons Attribution 4.0 International"),
        "https://creativecommons.org/licenses/by/4.0/",
        "https://creativecommons.org/licenses/by/4.0/deed.fr",
    ),
}


# Resources that are not tables (for example the governance as Popolo JSON, /data/popolo.json):
# each a function of the language giving its resource descriptor, e.g. {"name": "popolo",
# "path": "popolo.json", "format": "json", "mediatype": "application/json", ...}.
def popolo_resource(language: str) -> dict[str, Any]:
    with translation.override(language):
        return {
            "name": "governance",
            "type": "json",
            "path": "popolo.json",
            "title": _("Governance and decisions"),
            "description": _(
                "The groups, their public memberships and posts, and every decision with its vote"
                " counts, as Popolo JSON (https://www.popoloproject.com/specs/)."
            ),
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
        }


OTHER_RESOURCES: tuple[Callable[[str], dict[str, Any]], ...] = (popolo_resource,)


def licence() -> dict[str, str]:
    """The licence of the open data (OPEN_DATA_LICENCE) in the active language."""
    code = settings.OPEN_DATA_LICENCE
    found = LICENCES[code]
    path = found.path_fr if translation.get_language() == "fr" else found.path_en
    return {"name": code, "title": str(found.title), "path": path}


# --- Table Schemas ----------------------------------------------------------------------------


def _field(column: opendata.Column, *, descriptions: bool) -> dict[str, Any]:
    constraints: dict[str, Any] = {"required": column.required}
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    field: dict[str, Any] = {"name": column.name, "type": column.type}
    if descriptions:
        field["description"] = str(column.description)
    field["constraints"] = constraints
    return field


def resource_name(dataset: opendata.Dataset, fiscal_year: FiscalYear | None) -> str:
    return f"{dataset.slug}-{fiscal_year.label}" if fiscal_year else dataset.slug


def _referenced_resource(slug: str, fiscal_year: FiscalYear | None) -> str:
    """A yearly dataset refers to the resource of the same fiscal year of another yearly one."""
    target = opendata.dataset_by_slug(slug)
    return f"{slug}-{fiscal_year.label}" if target and fiscal_year else slug


def table_schema(
    dataset: opendata.Dataset, fiscal_year: FiscalYear | None = None, *, descriptions: bool = True
) -> dict[str, Any]:
    """The Table Schema of a dataset (of a fiscal year's resource, for a yearly one): a
    suppressed or empty cell is the missing value ""."""
    schema: dict[str, Any] = {
        "fields": [_field(column, descriptions=descriptions) for column in dataset.columns],
        "missingValues": [""],
    }
    if dataset.primary_key:
        schema["primaryKey"] = list(dataset.primary_key)
    if dataset.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.columns),
                "reference": {
                    "resource": _referenced_resource(key.dataset, fiscal_year),
                    "fields": list(key.reference),
                },
            }
            for key in dataset.foreign_keys
        ]
    return schema


def schema_structure() -> dict[str, Any]:
    """What the version promises: every dataset's fields, types, constraints and keys, without
    the wording of titles and descriptions (they may improve within a version)."""
    return {
        "version": SCHEMA_VERSION,
        "datasets": {
            dataset.slug: {
                "yearly": dataset.yearly,
                **table_schema(dataset, descriptions=False),
            }
            for dataset in [*opendata.available_datasets(), *opendata.current_datasets()]
        },
    }


def snapshot_path(major: int = MAJOR) -> Path:
    return SNAPSHOT_DIRECTORY / f"datapackage-{major}.json"


# --- The descriptor ---------------------------------------------------------------------------


def _resource(dataset: opendata.Dataset, fiscal_year: FiscalYear | None) -> dict[str, Any]:
    path = f"{fiscal_year.label}/{dataset.slug}.csv" if fiscal_year else f"{dataset.slug}.csv"
    title = str(dataset.title)
    if fiscal_year:
        title = _("%(title)s, FY %(year)s") % {"title": title, "year": fiscal_year.label}
    resource: dict[str, Any] = {
        "name": resource_name(dataset, fiscal_year),
        "path": path,
        "title": title,
        "description": str(dataset.description),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dataset": dataset.slug,
    }
    if fiscal_year:
        resource["fiscalYear"] = fiscal_year.label
    resource["schema"] = table_schema(dataset, fiscal_year)
    return resource


def data_times() -> tuple[datetime.datetime, datetime.datetime] | None:
    """(created, last modified) of the published data: the first and the latest report
    version, progress update or consultation results; None when nothing is published yet.
    Read from the data, so the package reads the same until the data changes. Three aggregate
    queries."""
    times: list[datetime.datetime] = []
    for model, field in (
        (ReportVersion, "published_at"),
        (ProgressUpdate, "created_at"),
        (ResultsSnapshot, "computed_at"),
    ):
        found = model._default_manager.aggregate(first=Min(field), last=Max(field))
        times += [at for at in found.values() if at is not None]
    return (min(times), max(times)) if times else None


def descriptor(*, years: list[FiscalYear], language: str) -> dict[str, Any]:
    """The data package in `language` (titles and descriptions; the same resources and schemas
    in every language). `years`: the fiscal years with open data, newest first."""
    partnership_id = settings.OPEN_DATA_PARTNERSHIP_ID
    times = data_times()
    with translation.override(language):
        contributor: dict[str, Any] = {
            "title": settings.PORTAL_NAME[language],
            "role": "publisher",
            "path": settings.PORTAL_BASE_URL + "/",
        }
        if settings.PORTAL_CONTACT_EMAIL:
            contributor["email"] = settings.PORTAL_CONTACT_EMAIL
        resources = [
            _resource(dataset, year) for dataset in opendata.available_datasets() for year in years
        ]
        resources += [_resource(dataset, None) for dataset in opendata.current_datasets()]
        resources += [build(language) for build in OTHER_RESOURCES]
        return {
            "name": f"lip-{partnership_id}",
            "id": partnership_id,
            "title": settings.PORTAL_NAME[language],
            "description": _(
                "The open data of %(name)s: its action plans and their progress, indicators, "
                "partners, decisions, annual reports and consultation results."
            )
            % {"name": settings.PORTAL_NAME[language]},
            "homepage": settings.PORTAL_BASE_URL + "/",
            "version": SCHEMA_VERSION,
            # When nothing is published yet, there is no date to give.
            **(
                {"created": times[0].isoformat(), "lastModified": times[1].isoformat()}
                if times
                else {}
            ),
            "licenses": [licence()],
            "contributors": [contributor],
            "keywords": [
                _("Local Immigration Partnership"),
                _("settlement"),
                _("immigration"),
                _("open data"),
            ],
            "partnership": {
                "id": partnership_id,
                "name": {"en": settings.PORTAL_NAME["en"], "fr": settings.PORTAL_NAME["fr"]},
                "region": settings.OPEN_DATA_REGION,
                "portal": settings.PORTAL_BASE_URL,
            },
            "resources": resources,
        }
