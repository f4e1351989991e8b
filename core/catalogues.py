"""The checks GNU `msgfmt --check` makes on a translation catalogue (.po), in Python, so that
compiling and linting need no gettext on the machine: every line is a comment, a keyword with
a quoted string or a quoted string; the header names valid plural forms where plurals are used;
no message is defined twice; a translation begins and ends with a newline when its original
does; and a translation of a python-format string is a valid format string with the same
placeholders (a plural form may leave some out), and of a python-brace-format string the same
{fields}. Fuzzy and untranslated messages are not
compiled, so not checked. One check is stricter than msgfmt's warning: the header must name
its charset, without which the compiled catalogue cannot be read.
"""

import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polib

# The placeholders of a format string: name -> kind, or the kinds in order.
type Placeholders = dict[str, str] | tuple[str, ...]

DIRECTIVE = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*(?P<width>\*|\d+)?(?:\.(?P<precision>\*|\d+))?[hlL]?"
    r"(?P<conversion>[diouxXeEfFgGcrsa%])?"
)
KINDS = {
    **dict.fromkeys("sra", "string"),
    **dict.fromkeys("diouxX", "integer"),
    **dict.fromkeys("eEfFgG", "number"),
    "c": "character",
}
LINE = re.compile(
    r'^(?:#.*|\s*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"\s*'
    r'|\s*"(?:[^"\\]|\\.)*"\s*)$'
)
PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*[^;]+;?\s*$")


class InvalidFormat(ValueError):
    pass


def catalogue_errors(path: str | Path) -> list[str]:
    """What msgfmt --check would refuse in the catalogue at `path`, as "file:line: reason"."""
    try:
        with open(path, encoding="utf-8") as lines:
            syntax = [
                f"{path}:{number}: not a comment, keyword or quoted string: {line.strip()[:60]}"
                for number, line in enumerate(lines, 1)
                if not LINE.match(line.rstrip("\n"))
            ]
        if syntax:
            return syntax
        catalogue = polib.pofile(str(path))
    except (OSError, UnicodeDecodeError) as error:
        return [f"{path}: {error}"]
    errors = [f"{path}: {problem}" for problem in _header_errors(catalogue)]
    seen: set[tuple[str | None, str]] = set()
    for entry in catalogue:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            errors.append(f"{path}:{entry.linenum}: duplicate message definition")
        seen.add(key)
        if entry.fuzzy or not entry.translated():
            continue
        errors.extend(f"{path}:{entry.linenum}: {problem}" for problem in _entry_errors(entry))
    if any(entry.msgid_plural for entry in catalogue) and not _nplurals(catalogue):
        errors.append(f"{path}: plural messages need a valid Plural-Forms header")
    return errors


# polib ships no types: a catalogue and its entries are Any.
def _header_errors(catalogue: Any) -> Iterator[str]:
    content_type = catalogue.metadata.get("Content-Type", "")
    if "charset=" not in content_type:
        yield "the header has no Content-Type with a charset"
    plural_forms = catalogue.metadata.get("Plural-Forms")
    if plural_forms is not None and not PLURAL_FORMS.match(plural_forms):
        yield f"invalid Plural-Forms header: {plural_forms!r}"


def _nplurals(catalogue: Any) -> int | None:
    match = PLURAL_FORMS.match(catalogue.metadata.get("Plural-Forms", ""))
    return int(match.group(1)) if match else None


def _entry_errors(entry: Any) -> Iterator[str]:
    translations = (
        [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
        if entry.msgid_plural
        else [entry.msgstr]
    )
    original = entry.msgid_plural or entry.msgid
    for translation in translations:
        for end, name in ((str.startswith, "begin"), (str.endswith, "end")):
            if end(entry.msgid, "\n") != end(translation, "\n"):
                yield f"msgid and msgstr do not both {name} with a newline"
    if "python-brace-format" in entry.flags:
        yield from _brace_format_errors(original, translations)
    if "python-format" not in entry.flags:
        return
    try:
        expected = python_format(original)
    except InvalidFormat as error:
        yield f"msgid is not a valid Python format string: {error}"
        return
    for translation in translations:
        try:
            found = python_format(translation)
        except InvalidFormat as error:
            yield f"msgstr is not a valid Python format string, unlike msgid: {error}"
            continue
        # A plural translation may leave the count out; a singular one keeps every placeholder.
        if found != expected and not (entry.msgid_plural and _fits_within(found, expected)):
            yield (
                f"msgstr's placeholders {_describe(found)} differ from msgid's "
                f"{_describe(expected)}"
            )


def _brace_format_errors(original: str, translations: list[str]) -> Iterator[str]:
    try:
        expected = brace_format(original)
    except InvalidFormat as error:
        yield f"msgid is not a valid Python brace format string: {error}"
        return
    for translation in translations:
        try:
            found = brace_format(translation)
        except InvalidFormat as error:
            yield f"msgstr is not a valid Python brace format string, unlike msgid: {error}"
            continue
        if found != expected:
            yield (
                f"msgstr's fields {_describe_fields(found)} differ from msgid's "
                f"{_describe_fields(expected)}"
            )


def _describe_fields(fields: set[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(fields)) or "(none)"


def brace_format(text: str) -> set[str]:
    """The field names of a str.format() string. Raises InvalidFormat where format() would."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError as error:
        raise InvalidFormat(str(error)) from None


def python_format(text: str) -> Placeholders:
    """The placeholders of a %-format string: a dict name -> kind for named ones, or a tuple
    of kinds for positional ones. Raises InvalidFormat where Python's % operator would fail."""
    named: dict[str, str] = {}
    positional: list[str] = []
    position = text.find("%")
    while position != -1:
        match = DIRECTIVE.match(text, position)
        assert match is not None  # every part after the % is optional
        conversion = match.group("conversion")
        if conversion is None:
            where = (
                "ends in the middle of a directive"
                if match.end() >= len(text)
                else (f"has an unknown directive at {text[position : match.end() + 1]!r}")
            )
            raise InvalidFormat(f"the string {where}")
        if conversion != "%":
            if match.group("name") is not None:
                if "*" in (match.group("width"), match.group("precision")):
                    raise InvalidFormat("a named placeholder cannot take its width from '*'")
                kind = KINDS[conversion]
                if named.setdefault(match.group("name"), kind) != kind:
                    raise InvalidFormat(f"%({match.group('name')}) is used as two kinds")
            else:
                positional.extend(
                    "integer" for part in ("width", "precision") if match.group(part) == "*"
                )
                positional.append(KINDS[conversion])
        position = text.find("%", match.end())
    if named and positional:
        raise InvalidFormat("the string mixes named and positional placeholders")
    return named if named else tuple(positional)


def _fits_within(found: Placeholders, expected: Placeholders) -> bool:
    if not found:
        return True
    if isinstance(found, dict) and isinstance(expected, dict):
        return all(expected.get(name) == kind for name, kind in found.items())
    return found == expected


def _describe(placeholders: Placeholders) -> str:
    if isinstance(placeholders, dict):
        return ", ".join(f"%({name})" for name in sorted(placeholders)) or "(none)"
    return ", ".join(placeholders) or "(none)"
