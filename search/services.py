"""Writes of the search index: the only code that writes search entries."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from . import documents, text
from .models import Entry, Kind

# PostgreSQL's text search configuration per language (its stemmers and stop words).
CONFIGS = {"en": "english", "fr": "french"}
BATCH = 1000


def _entry(document: documents.Document) -> Entry:
    title = text.clean(document.title)[:1000]
    body = text.clean(document.body)
    return Entry(
        kind=document.kind,
        object_id=document.object_id,
        language=document.language,
        title=title,
        body=body,
        detail=str(document.detail)[:200],
        pillar=document.pillar,
        url=document.url,
        folded_title=text.fold(title),
        folded_body=text.fold(body),
    )


def _fill_vectors(kind: str) -> None:
    """PostgreSQL: store each new entry's tsvector (the title weighs more than the body)."""
    if connection.vendor != "postgresql":
        return
    for language, config in CONFIGS.items():
        Entry.objects.filter(kind=kind, language=language, vector__isnull=True).update(
            vector=SearchVector("title", weight="A", config=config)
            + SearchVector("body", weight="B", config=config)
        )


def _write(kind: str, ids: list[int] | None) -> int:
    stale = Entry.objects.filter(kind=kind)
    if ids is not None:
        stale = stale.filter(object_id__in=ids)
    stale.delete()
    written = 0
    batch: list[Entry] = []
    for document in documents.build(kind, ids):
        batch.append(_entry(document))
        if len(batch) >= BATCH:
            written += len(Entry.objects.bulk_create(batch))
            batch = []
    written += len(Entry.objects.bulk_create(batch))
    _fill_vectors(kind)
    return written


def search_index_records(*, kind: str, ids: Iterable[int]) -> int:
    """Index again these records of one kind, in every language: a record the public may no
    longer see (unpublished, deleted, back to draft) leaves the index. Returns entries written."""
    wanted = sorted(set(ids))
    if not wanted:
        return 0
    with transaction.atomic():
        return _write(kind, wanted)


def search_reindex(*, kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Build the whole index again (after bulk loads, or to repair it): entries per kind."""
    counts: dict[str, int] = {}
    with transaction.atomic():
        for kind in kinds or Kind.values:
            counts[kind] = _write(kind, None)
    return counts
