"""CSV cells that spreadsheets would run as formulas (CSV injection), neutralised."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value):
    """Prefix an apostrophe to a cell a spreadsheet would otherwise evaluate."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def formula_unescape(value):
    """Undo formula_safe on a cell read back from a CSV the portal exported."""
    text = (value or "").strip()
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text
