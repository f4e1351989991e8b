"""Text helpers of the search that need no database: folding, light stemming, highlighting.

The SQLite fallback matches folded words (lower case, no accents) with a crude suffix strip, so
"Consultations publiques" finds "consultation publique" there too; PostgreSQL uses its own
'english' and 'french' stemmers instead. Highlighting always escapes the stored text first: it is
never trusted as HTML.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Markers PostgreSQL's ts_headline puts around a match: private-use characters, removed from
# every indexed text, so the only ones in a headline are the markers themselves.
START_MARK = "\ue000"
STOP_MARK = "\ue001"
_MARKS = re.compile(f"[{START_MARK}{STOP_MARK}]")
# Control characters (NUL among them) never reach the database or the page.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WORD = re.compile(r"\w+")
# Endings stripped by the SQLite fallback, longest first (English and French plurals and the
# commonest derivations), keeping at least 3 letters of the word.
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "es", "s", "e")
MAX_TERMS = 12


def clean(text: str) -> str:
    """Stored or typed text without control characters or highlight markers."""
    return _MARKS.sub("", _CONTROL.sub(" ", text or ""))


def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKD", char)[:1].lower()[:1]
    return folded or char


def fold(text: str) -> str:
    """Lower case without accents, one character for one: positions stay those of `text`."""
    return "".join(_fold_char(char) for char in text)


def stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def terms(query: str) -> list[str]:
    """The folded, stemmed words of a query, each once, in order (operators and punctuation
    dropped: every word must match)."""
    found: list[str] = []
    for word in _WORD.findall(fold(clean(query))):
        term = stem(word.replace("_", ""))
        if term and term not in found:
            found.append(term)
    return found[:MAX_TERMS]


def has_words(query: str) -> bool:
    return any(word.replace("_", "") for word in _WORD.findall(clean(query)))


def highlight(text: str, words: list[str], *, width: int = 240) -> SafeString:
    """An escaped excerpt of `text` around its first match, each match of `words` (folded
    terms) wrapped in <mark>."""
    text = clean(text)
    folded = fold(text)
    spans: list[tuple[int, int]] = []
    for word in words:
        # From the word's start to its end: "newcomer" marks all of "newcomers".
        for match in re.finditer(rf"\b{re.escape(word)}\w*", folded):
            spans.append((match.start(), match.end()))
    spans.sort()
    start = 0
    if spans and len(text) > width:
        start = max(0, spans[0][0] - width // 3)
    end = min(len(text), start + width)
    pieces: list[str] = ["…" if start else ""]
    position = start
    for span_start, span_end in spans:
        if span_start < position or span_start >= end:
            continue
        span_end = min(span_end, end)
        pieces.append(escape(text[position:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    pieces.append(escape(text[position:end]))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))  # noqa: S308  # every piece of text escaped above


def headline_html(headline: str) -> SafeString:
    """PostgreSQL's headline (text with START_MARK/STOP_MARK) as escaped HTML with <mark>."""
    escaped = str(escape(headline))
    html = escaped.replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
    return mark_safe(html)  # noqa: S308  # the text is escaped; only our markers become tags
