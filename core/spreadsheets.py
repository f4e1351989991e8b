"""CSV files: cells that spreadsheets would run as formulas (CSV injection), neutralised, and
uploaded files read with one set of rules for every import."""

import re
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class Readable(Protocol):
    """An uploaded file, or any file open for reading (bytes or text)."""

    def read(self, size: int, /) -> bytes | str: ...


def formula_safe(value: object) -> str:
    """Prefix an apostrophe to a cell a spreadsheet would otherwise evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def formula_unescape(value: str | None) -> str:
    """Undo formula_safe on a cell read back from a CSV the portal exported."""
    text = (value or "").strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def _size_limit() -> str:
    return filesizeformat(settings.CSV_IMPORT_MAX_BYTES)


def csv_size_help() -> str:
    """The limit for an import form's help text ("At most 2.0 MB."), in the active language."""
    return _("At most %(size)s.") % {"size": _size_limit()}


def csv_upload_text(upload: Readable) -> str:
    """The text of an uploaded CSV file, or a ValidationError that says why it cannot be read:
    larger than CSV_IMPORT_MAX_BYTES, not UTF-8 text, or binary (a NUL character, given with its
    line: PostgreSQL cannot store one). A byte order mark is dropped; CR, LF and CRLF line
    endings are all left for the csv module, which reads each of them."""
    limit = settings.CSV_IMPORT_MAX_BYTES
    raw = upload.read(limit + 1)
    if len(raw) > limit:
        raise ValidationError(
            _("The file is larger than %(size)s: split it and import each part.")
            % {"size": _size_limit()},
            code="too_large",
        )
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw.removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _('The file is not UTF-8 text: save it as "CSV UTF-8" and try again.'),
            code="not_text",
        ) from error
    if "\x00" in text:
        line = len(re.split(r"\r\n|\r|\n", text[: text.index("\x00")]))
        raise ValidationError(
            _(
                "Line %(line)s holds a NUL character, which text cannot contain: is this "
                "the exported spreadsheet saved as CSV?"
            )
            % {"line": line},
            code="binary",
        )
    return text
