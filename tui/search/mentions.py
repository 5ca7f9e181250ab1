"""Entity mentions as the index holds them, for counting over time (the timeline, watchlist).

Why here: the index already keeps every entity mention as (document, start, end) triples and
every document's text, so "how often, in which documents, and the sentence around it" is
answered without reading a single document again. These functions read the index's arrays
under its lock; callers get plain lists and arrays.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator
from typing import TYPE_CHECKING

from parsers.sentences import split_span
from tui.search.folding import terms
from tui.search.hits import K_PARA, K_QUOTE

if TYPE_CHECKING:
    from tui.search.index import SearchIndex


def doc_paths(ix: SearchIndex) -> list[str | None]:
    """The path of every document number, None where the document was removed."""
    with ix._lock:
        return [p if ix._alive[d] else None for d, p in enumerate(ix._paths)]


def _countable(m: array[int]) -> Iterator[tuple[int, int, int]]:
    """(doc, start, end) of each mention; one overlapping the mention before it is the same
    mention (the bare name inside "Defense Minister Pål Jonson") and counts once, as the
    sidebar counts it. Mentions come in document order, each document's by start."""
    pd = pe = -1
    for j in range(0, len(m), 3):
        d, s, e = m[j], m[j + 1], m[j + 2]
        if d == pd and s < pe:  # overlaps the mention before: the same mention
            pe = max(pe, e)
            continue
        pd, pe = d, e
        yield d, s, e


def entity_docs(ix: SearchIndex) -> list[tuple[str, str, str, array[int]]]:
    """(id, name, type, document number of each countable mention) of every entity."""
    out: list[tuple[str, str, str, array[int]]] = []
    with ix._lock:
        for ei, m in enumerate(ix._ent_mentions):
            ds = m[0::3]
            # Nested mentions are rare: only walk the triples when two share a document.
            if len(ds) > 1 and len(set(ds)) < len(ds):
                ds = array("I", (d for d, _, _ in _countable(m)))
            out.append((ix._ent_ids[ei], ix._ent_names[ei], ix._ent_types[ei], ds))
    return out


def entities_named(ix: SearchIndex, target: str) -> list[str]:
    """Ids of the entities whose id is ``target`` or whose name or a spelling is its words."""
    with ix._lock:
        if target in ix._ent_of:
            return [target]
        toks = terms(target)
        if not toks:
            return []
        return [
            ix._ent_ids[i]
            for i, name in enumerate(ix._ent_names)
            if terms(name) == toks or any(terms(a) == toks for a in ix._ent_aliases[i])
        ]


def entity_mentions(ix: SearchIndex, entity_id: str) -> list[tuple[str, int, int]]:
    """(path, start, end) of every countable mention of an entity in live documents."""
    with ix._lock:
        ei = ix._ent_of.get(entity_id)
        if ei is None:
            return []
        alive, paths = ix._alive, ix._paths
        return [(paths[d], s, e) for d, s, e in _countable(ix._ent_mentions[ei]) if alive[d]]


def text_of(ix: SearchIndex, path: str) -> str | None:
    """A live document's text as indexed."""
    with ix._lock:
        d = ix._doc_of.get(path)
        return ix._texts[d] if d is not None else None


def sentence_around(ix: SearchIndex, path: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``start:end`` (its paragraph or quote, split as the parser splits
    sentences); the mention itself when the document is unknown."""
    with ix._lock:
        d = ix._doc_of.get(path)
        if d is None:
            return start, end
        text = ix._texts[d]
        lo = ix._first_unit[d]
        hi = ix._first_unit[d + 1] if d + 1 < len(ix._first_unit) else len(ix._u_doc)
        units = sorted(
            (ix._u_start[u], ix._u_end[u]) for u in range(lo, hi) if ix._u_kind[u] == K_PARA
        ) or sorted(
            (ix._u_start[u], ix._u_end[u]) for u in range(lo, hi) if ix._u_kind[u] == K_QUOTE
        )
    i = bisect_right(units, (start, 1 << 31)) - 1
    if i >= 0 and units[i][1] >= end:
        us, ue = units[i]
    else:  # a title or a heading: the line it is on
        us = text.rfind("\n", 0, start) + 1
        ue = text.find("\n", end)
        ue = len(text) if ue < 0 else ue
    for s in split_span(text, us, ue):
        if s.start <= start < s.end or (s.start <= start and end <= s.end):
            return s.start, max(s.end, end)
    return us, ue
