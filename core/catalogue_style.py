"""The house rules of the French catalogue, beyond what msgfmt checks (core/catalogues.py):

- typography (Canadian French, after the Translation Bureau's "Le guide du rédacteur" and the
  Office québécois de la langue française): a no-break space U+00A0 before « : », between a
  number and « % », after « « » and before « » »; a narrow no-break space U+202F before « ; »,
  « ! » and « ? ». Never an ordinary space there (a line could break between a word and its
  colon), never no space at all.
- terminology: the glossary beside the catalogue (locale/fr/glossary.csv) names one French term
  per concept and the variants that drift from it; a translation using a variant is flagged
  unless the entry carries a translator comment `# glossary-ok: <variant>: <why>`.

`style_errors(path)` lists what breaks them as "file:line: msgid "...": what to fix";
`fix_typography(path)` rewrites the catalogue's translations to the typography rule, line by
line, so the file's layout (and so its diff) stays as it was.
"""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib

NBSP = "\u00a0"
NNBSP = "\u202f"
NAMES = {" ": "an ordinary space", NBSP: "a no-break space (U+00A0)", NNBSP: "a narrow one"}
WANTED = {
    NBSP: "a no-break space (U+00A0)",
    NNBSP: "a narrow no-break space (U+202F)",
}
# Marks that take a space before them, and the space they take.
BEFORE = {":": NBSP, "»": NBSP, ";": NNBSP, "!": NNBSP, "?": NNBSP}
SPACES = " " + NBSP + NNBSP
MARKS = re.compile(r"[:;!?«»%]")
# What may stand right before a mark that lacks its space: a word, a closing bracket or quote.
GLUED = re.compile(r"[\w)\]»]")
# A mark followed by one of these is not punctuation: https://, 10:30, ?page=, <!--, &amp;.
NOT_PUNCTUATION_AFTER = re.compile(r"[\w/=&#\-]")
ENTITY = re.compile(r"&#?\w+$")
# A number before a percent sign: digits or a placeholder (%(percent)s, %s, %d).
NUMBER_END = re.compile(r"(?:\d|%\(\w+\)[sdif]|%[sdif])$")
GLOSSARY_OK = "glossary-ok:"


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str
    problem: str


@dataclass(frozen=True)
class Term:
    english: str
    french: str
    source: str
    forbidden: tuple[str, ...]


def typography_edits(text: str, *, python_format: bool) -> list[Edit]:
    """The edits that bring `text` to the typography rule, each with what was wrong."""
    edits: list[Edit] = []
    literal_percents = set(_literal_percents(text, python_format=python_format))
    for match in MARKS.finditer(text):
        mark, at = match.group(), match.start()
        before = text[at - 1] if at else ""
        after = text[match.end() : match.end() + 1]
        if mark == "%":
            if at not in literal_percents:
                continue
            space = before if before in SPACES else ""
            if NUMBER_END.search(text, 0, at - len(space)):
                edits.extend(_space_edit(at - len(space), space, NBSP, "between a number and"))
            continue
        if mark == "«":
            if after and not after.isspace() or after in SPACES and after:
                edits.extend(_space_edit(match.end(), after, NBSP, "after", mark="«"))
            continue
        if NOT_PUNCTUATION_AFTER.match(after) or mark == ";" and ENTITY.search(text, 0, at):
            continue
        if before in SPACES and before:
            edits.extend(_space_edit(at - 1, before, BEFORE[mark], "before", mark=mark))
        elif before and GLUED.match(before):
            edits.extend(_space_edit(at, "", BEFORE[mark], "before", mark=mark))
    return edits


def _space_edit(at: int, space: str, wanted: str, where: str, mark: str = "%") -> Iterator[Edit]:
    if space == wanted:
        return
    found = NAMES[space] if space else "no space"
    yield Edit(at, at + len(space), wanted, f"{found} {where} « {mark} »: use {WANTED[wanted]}")


def _literal_percents(text: str, *, python_format: bool) -> Iterator[int]:
    """Where a literal percent sign stands: %% in a python-format string, else any % that does
    not open a placeholder."""
    if python_format:
        for match in re.finditer(r"%%|%(?:\([^)]*\))?[^%]*?[diouxXeEfFgGcrsa]|%", text):
            if match.group() == "%%":
                yield match.start()
    else:
        for match in re.finditer(r"%(?!\()", text):
            yield match.start()


def apply_edits(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda edit: edit.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def load_glossary(path: str | Path) -> list[Term]:
    """The glossary's terms: a CSV file (lines starting with # are comments) with the columns
    english, french, source, forbidden (variants separated by |)."""
    with open(path, encoding="utf-8", newline="") as lines:
        rows = csv.DictReader(line for line in lines if not line.startswith("#"))
        return [
            Term(
                english=row["english"].strip(),
                french=row["french"].strip(),
                source=row["source"].strip(),
                forbidden=tuple(
                    variant.strip() for variant in row["forbidden"].split("|") if variant.strip()
                ),
            )
            for row in rows
        ]


def glossary_path(catalogue: str | Path) -> Path:
    """locale/fr/LC_MESSAGES/django.po -> locale/fr/glossary.csv"""
    return Path(catalogue).parent.parent / "glossary.csv"


def style_errors(path: str | Path) -> list[str]:
    """Typography and glossary problems in the French catalogue at `path`, one per line."""
    catalogue = polib.pofile(str(path))
    glossary = glossary_path(path)
    terms = load_glossary(glossary) if glossary.exists() else []
    forbidden = _forbidden_variants(terms)
    errors = []
    for entry in catalogue:
        if entry.obsolete or entry.fuzzy or not entry.translated():
            continue
        where = f"{path}:{entry.linenum}: msgid {_shorten(entry.msgid)}"
        allowed = _allowed_variants(entry)
        for translation in _translations(entry):
            for edit in typography_edits(translation, python_format="python-format" in entry.flags):
                errors.append(f"{where}: {edit.problem}, in {_excerpt(translation, edit)}")
            for match, term in _forbidden_uses(forbidden, translation):
                if match.casefold() in allowed:
                    continue
                errors.append(
                    f"{where}: « {match} » is off the glossary: {term.english} is "
                    f"« {term.french} » ({glossary}); if this use is right, say why in a "
                    f"translator comment '# {GLOSSARY_OK} {match}: <why>'"
                )
    return errors


# Placeholders are code, not words: %(email)s or {email} is no use of "email".
PLACEHOLDER = re.compile(r"%\([^)]*\)[#0\- +]*\d*(?:\.\d+)?[a-zA-Z]|\{[^{}]*\}")


@dataclass(frozen=True)
class Variant:
    needle: str  # casefolded, for a quick look before the pattern
    pattern: re.Pattern[str]
    term: Term


def _forbidden_variants(terms: list[Term]) -> list[Variant]:
    """A pattern per forbidden variant: a whole word (or phrase), so no letter or hyphen may
    touch its ends; matched without regard to case unless the variant starts with =."""
    variants = []
    for term in terms:
        for variant in term.forbidden:
            text = variant.removeprefix("=")
            pattern = re.escape(text)
            if re.match(r"\w", text):
                pattern = r"(?<![\w-])" + pattern
            if re.search(r"\w$", text):
                pattern += r"(?![\w-])"
            flags = 0 if variant.startswith("=") else re.IGNORECASE
            variants.append(Variant(text.casefold(), re.compile(pattern, flags), term))
    return variants


def _forbidden_uses(variants: list[Variant], translation: str) -> Iterator[tuple[str, Term]]:
    # The glossary is typed with ordinary spaces; the catalogue has no-break ones.
    plain = PLACEHOLDER.sub("…", translation.replace(NBSP, " ").replace(NNBSP, " "))
    folded = plain.casefold()
    taken: list[tuple[int, int]] = []  # "Réfugié ou demandeur d'asile" is one use, not three
    for variant in variants:
        if variant.needle in folded:
            for match in variant.pattern.finditer(plain):
                if all(match.end() <= start or end <= match.start() for start, end in taken):
                    taken.append(match.span())
                    yield match.group(), variant.term


def fix_typography(path: str | Path) -> int:
    """Rewrite the translations of the catalogue at `path` to the typography rule; how many
    translations changed. Only msgstr lines change, and each keeps its place in the file."""
    lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    catalogue = polib.pofile(str(path))
    python_format = {
        entry.linenum: "python-format" in entry.flags for entry in catalogue if not entry.obsolete
    }
    first_entry = min(python_format, default=len(lines) + 1)
    changed = 0
    formatted = False
    index = 0
    while index < len(lines):
        formatted = python_format.get(index + 1, formatted)
        if not lines[index].startswith("msgstr") or index + 1 < first_entry:  # not the header
            index += 1
            continue
        block = [index]
        while block[-1] + 1 < len(lines) and lines[block[-1] + 1].startswith('"'):
            block.append(block[-1] + 1)
        changed += _fix_block(lines, block, python_format=formatted)
        index = block[-1] + 1
    Path(path).write_text("".join(lines), encoding="utf-8")
    return changed


def _fix_block(lines: list[str], block: list[int], *, python_format: bool) -> int:
    """Fix one msgstr's quoted strings in place, keeping where its lines break. The edits are
    found on the escaped text, which the rules read alike (an edit never touches an escape)."""
    parts = []
    for number in block:
        line = lines[number]
        opening, closing = line.index('"'), line.rindex('"')
        parts.append((line[: opening + 1], line[opening + 1 : closing], line[closing:]))
    raw = "".join(content for _, content, _ in parts)
    edits = typography_edits(raw, python_format=python_format)
    if not edits:
        return 0
    offset = 0
    for position, (number, (prefix, content, suffix)) in enumerate(zip(block, parts, strict=True)):
        end = offset + len(content)
        last = position == len(block) - 1
        mine = [
            Edit(edit.start - offset, edit.end - offset, edit.text, edit.problem)
            for edit in edits
            if offset <= edit.start < end or (last and edit.start == end)
        ]
        lines[number] = prefix + apply_edits(content, mine) + suffix
        offset = end
    return 1


def _allowed_variants(entry: Any) -> set[str]:
    allowed = set()
    for line in (entry.tcomment or "").splitlines():
        line = line.strip()
        if line.startswith(GLOSSARY_OK):
            variant = line.removeprefix(GLOSSARY_OK).split(":", 1)[0].strip()
            allowed.add(variant.casefold())
    return allowed


def _translations(entry: Any) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _shorten(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "\\n")
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


def _excerpt(text: str, edit: Edit) -> str:
    start, end = max(0, edit.start - 20), min(len(text), edit.end + 20)
    shown = text[start:end].replace(NBSP, "⍽").replace(NNBSP, "‿").replace("\n", "\\n")
    return f'"{"…" if start else ""}{shown}{"…" if end < len(text) else ""}"'
