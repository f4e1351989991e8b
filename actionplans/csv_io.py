"""One spreadsheet format for a reporting period, out and back in.

Staff export the open period's items, partners fill in the last three columns, staff import the
file. The columns the portal reads back are `item_id`, `version`, `new_status`, `new_percent` and
`new_narrative`; the others are there for people to read. Cells that a spreadsheet would run as a
formula are written with a leading apostrophe, and the apostrophe is taken off on the way in.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.spreadsheets import formula_safe, formula_unescape

from .models import ItemStatus

COLUMNS = [
    "item_id",
    "version",
    "direction",
    "title",
    "lead_organization",
    "current_status",
    "current_percent",
    "new_status",
    "new_percent",
    "new_narrative",
]
REQUIRED_COLUMNS = {"item_id", "version", "new_status", "new_percent", "new_narrative"}
MAX_ROWS = 5000


_unescape = formula_unescape


def export_period_items(items):
    """The CSV text for these items (an iterable of ActionItem with lead_organization loaded)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow(
            [
                item.pk,
                item.version,
                formula_safe(item.strategic_direction.code),
                formula_safe(item.title),
                formula_safe(item.lead_organization.name),
                item.status,
                item.percent,
                "",
                "",
                "",
            ]
        )
    return buffer.getvalue()


@dataclass
class ImportRow:
    line: int
    item_id: int | None = None
    version: int | None = None
    status: str = ""
    percent: int | None = None
    narrative: str = ""
    errors: list = field(default_factory=list)


class MalformedFile(ValueError):
    """The file as a whole cannot be read (not CSV, wrong columns, too long)."""


def parse_import(text):
    """Parse an uploaded CSV into the rows to record, skipping rows nobody filled in.

    Each row carries its line in the file and its own errors; the service refuses the whole
    file when any row has one.
    """
    if text.startswith("\ufeff"):  # a byte order mark from spreadsheet programs
        text = text[1:]
    # newline=None reads CR, LF and CRLF line endings alike (old spreadsheet programs save CR).
    reader = csv.DictReader(io.StringIO(text, newline=None))
    rows = []
    try:
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise MalformedFile(
                _("The file lacks the column(s) %(columns)s: start from an exported file.")
                % {"columns": ", ".join(sorted(missing))}
            )
        for record in reader:
            if len(rows) >= MAX_ROWS:
                raise MalformedFile(_("The file has more than %(max)s rows.") % {"max": MAX_ROWS})
            line = reader.line_num
            status = _unescape(record.get("new_status"))
            percent = _unescape(record.get("new_percent"))
            narrative = _unescape(record.get("new_narrative"))
            if not (status or percent or narrative):
                continue  # not filled in: nothing to report for this item
            rows.append(_parse_row(line, record, status, percent, narrative))
    except csv.Error as error:
        raise MalformedFile(
            _("The file is not valid CSV near line %(line)s.") % {"line": reader.line_num}
        ) from error
    return rows


def _parse_row(line, record, status, percent, narrative):
    row = ImportRow(line=line, narrative=narrative)
    try:
        row.item_id = int(_unescape(record.get("item_id")))
    except ValueError:
        row.errors.append(_("the item_id is not a number."))
    try:
        row.version = int(_unescape(record.get("version")))
    except ValueError:
        row.errors.append(_("the version is not a number: keep the exported value."))
    labels = {str(label).casefold(): value for value, label in ItemStatus.choices}
    if status in ItemStatus.values:
        row.status = status
    elif status.casefold() in labels:
        row.status = labels[status.casefold()]
    else:
        row.errors.append(
            _("the status %(status)s is not one of: %(choices)s.")
            % {"status": repr(status), "choices": ", ".join(ItemStatus.values)}
        )
    try:
        row.percent = int(percent.rstrip("%").strip())
    except ValueError:
        row.errors.append(
            _("the percent %(percent)s is not a whole number.") % {"percent": repr(percent)}
        )
    else:
        if not 0 <= row.percent <= 100:
            row.errors.append(_("the percent must be from 0 to 100."))
    return row
