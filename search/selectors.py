"""Reads of the search: the public's results, from the index alone (search/services.py writes
only what the public may see, so no permission is checked here)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.utils.safestring import SafeString

from . import text
from .models import Entry, Kind
from .services import CONFIGS

PER_PAGE = 20


@dataclass(frozen=True)
class Hit:
    kind: str
    kind_label: str
    detail: str
    url: str
    title: SafeString
    excerpt: SafeString


def _filtered(language: str, kind: str, pillar: str) -> QuerySet[Entry]:
    entries = Entry.objects.filter(language=language)
    if kind:
        entries = entries.filter(kind=kind)
    if pillar:
        entries = entries.filter(pillar=pillar)
    return entries


def postgres_results(*, query: str, language: str, kind: str = "", pillar: str = "") -> QuerySet:  # type: ignore[type-arg]
    """PostgreSQL: the stored tsvectors matched by a web-search query (quotes, `or` and `-` as
    a search engine reads them; anything else typed is a word, never an operator), best first."""
    config = CONFIGS.get(language, "simple")
    search = SearchQuery(query, search_type="websearch", config=config)
    return (
        _filtered(language, kind, pillar)
        .filter(vector=search)
        .annotate(
            rank=SearchRank(F("vector"), search),
            title_html=SearchHeadline(
                "title",
                search,
                config=config,
                highlight_all=True,
                start_sel=text.START_MARK,
                stop_sel=text.STOP_MARK,
            ),
            excerpt_html=SearchHeadline(
                "body",
                search,
                config=config,
                max_words=40,
                min_words=20,
                start_sel=text.START_MARK,
                stop_sel=text.STOP_MARK,
            ),
        )
        .order_by("-rank", "title", "pk")
    )


def simple_results(
    *, query: str, language: str, kind: str = "", pillar: str = ""
) -> QuerySet[Entry]:
    """Any database (the SQLite default): every word of the query, folded (no case, no
    accents) and lightly stemmed, in the title or text; those matching in the title first."""
    entries = _filtered(language, kind, pillar)
    words = text.terms(query)
    rank: Combinable = Value(0, output_field=IntegerField())
    for word in words:
        entries = entries.filter(Q(folded_title__contains=word) | Q(folded_body__contains=word))
        rank = rank + Case(
            When(folded_title__contains=word, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return entries.annotate(rank=rank).order_by("-rank", "title", "pk")


def _hit(entry: Entry, words: list[str]) -> Hit:
    title_html = getattr(entry, "title_html", None)
    excerpt_html = getattr(entry, "excerpt_html", None)
    return Hit(
        kind=entry.kind,
        kind_label=str(Kind(entry.kind).label),
        detail=entry.detail,
        url=entry.url,
        title=text.headline_html(title_html)
        if title_html is not None
        else text.highlight(entry.title, words, width=1000),
        excerpt=text.headline_html(excerpt_html)
        if excerpt_html is not None
        else text.highlight(entry.body, words),
    )


def search_page(
    *, query: str, language: str, kind: str = "", pillar: str = "", page: str | int = 1
) -> tuple[Page, list[Hit]]:  # type: ignore[type-arg]
    """One page of results for a query already checked by the form: two queries (the count and
    the page, its highlights computed by the database on PostgreSQL)."""
    if connection.vendor == "postgresql":
        results = postgres_results(query=query, language=language, kind=kind, pillar=pillar)
    else:
        results = simple_results(query=query, language=language, kind=kind, pillar=pillar)
    paginator = Paginator(results, PER_PAGE)
    found = paginator.get_page(page)
    words = text.terms(query)
    return found, [_hit(entry, words) for entry in found.object_list]
