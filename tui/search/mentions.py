"""Entity mentions as the index holds them, for counting over time (the timeline, watchlist).

Why here: the index already keeps every entity mention as (document, start, end) triples and
every document's text, so "how often, in which documents, and the sentence around it" is
answered without reading a single document again. These functions read the index's arrays
under its lock; callers get plain lists and arrays.
"""

from __future__ import annotations

import functools
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from itertools import chain, compress
from operator import and_, eq, lt, not_
from typing import TYPE_CHECKING

from parsers.sentences import split_span
from tui.search.folding import SPELLING, fold, terms
from tui.search.hits import K_ENTITY, K_PARA, K_QUOTE, K_TITLE

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


def countable_docs(m: array[int]) -> array[int]:
    """The document number of each countable mention in one entity's (doc, start, end)
    triples: a mention overlapping the one before it in the same document is that mention.
    Done with C-level maps (no Python loop per mention): a library holds a million mentions."""
    ds = m[0::3]
    if len(ds) < 2:
        return ds
    ss, es = m[1::3], m[2::3]
    dup = list(map(and_, map(eq, ds[1:], ds[:-1]), map(lt, ss[1:], es[:-1])))
    if not any(dup):
        return ds
    return array("I", compress(ds, chain((True,), map(not_, dup))))


def entity_table(
    ix: SearchIndex,
) -> tuple[list[str], list[str], list[str], list[array[int]], dict[str, int]]:
    """Every entity's id, name, type and (doc, start, end) mention triples, and id -> number.

    Copies of the index's lists (the arrays are shared: the index only ever appends to an
    entity's array, and a reader takes its length once)."""
    with ix._lock:
        return (
            list(ix._ent_ids),
            list(ix._ent_names),
            list(ix._ent_types),
            list(ix._ent_mentions),
            dict(ix._ent_of),
        )


def entities_named(ix: SearchIndex, target: str) -> list[str]:
    """Ids of the entities whose id is ``target`` or whose name or a spelling is its words.

    The entity units' postings (each holds the words of its entity's names) narrow the
    candidates; only those are compared word for word."""
    with ix._lock:
        if target in ix._ent_of:
            return [target]
        toks = terms(target)
        if not toks or any(t not in ix._term_of for t in toks):
            return []
        units, _ = ix.gather(K_ENTITY, [[ix._term_of[t]] for t in toks], 1 << 30)
        found = dict.fromkeys(ix._u_extra[u] for u in units if ix._u_extra[u] >= 0)
        return [
            ix._ent_ids[i]
            for i in found
            if terms(ix._ent_names[i]) == toks or any(terms(a) == toks for a in ix._ent_aliases[i])
        ]


def entity_mentions(ix: SearchIndex, entity_id: str) -> list[tuple[str, int, int]]:
    """(path, start, end) of every countable mention of an entity in live documents."""
    with ix._lock:
        ei = ix._ent_of.get(entity_id)
        if ei is None:
            return []
        alive, paths = ix._alive, ix._paths
        return [(paths[d], s, e) for d, s, e in _countable(ix._ent_mentions[ei]) if alive[d]]


@functools.cache
def _letter_classes() -> dict[str, str]:
    """Per ASCII letter, a regex class of the letters that fold to it ("s" -> "[sśšş…]")."""
    found: dict[str, set[str]] = {}
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        f = fold(ch)
        if len(f) == 1 and f.isascii() and f.isalpha():
            found.setdefault(f, set()).update((ch, ch.upper(), ch.lower()))
    return {k: "[" + re.escape(k) + "".join(sorted(v)) + "]" for k, v in found.items()}


@functools.cache
def _british_forms() -> dict[str, list[str]]:
    """Index term -> the spellings that fold to it ("defense" -> ["defence"])."""
    out: dict[str, list[str]] = {}
    for k, v in SPELLING.items():
        out.setdefault(v, []).append(k)
    return out


def _word_pattern(term: str) -> str:
    """A regex for a word whose index term is ``term``: any case, accents, British form,
    plural, possessive; dots between the letters of a short one ("U.S.")."""
    classes = _letter_classes()
    forms = []
    for form in (term, *_british_forms().get(term, ())):
        sep = r"\.?" if len(form) <= 4 and form.isalpha() else ""
        forms.append(sep.join(classes.get(c, re.escape(c)) for c in form) + (sep if sep else ""))
    return "(?:" + "|".join(forms) + r")(?:e?s)?(?:['’]s)?"


def phrase_places(ix: SearchIndex, target: str) -> list[tuple[str, int, int]]:
    """(path, start, end) of every place the words of ``target`` stand together, in order
    (any case, accents, British spellings and plurals allowed, no typos), in titles and
    paragraphs.

    The postings give the units holding every word; a regex over the raw text finds the
    places (a library of 10,000 articles has tens of thousands of paragraphs with "air" and
    "defense" in them, far too many to tokenise). Unlike
    :func:`tui.search.crossrefs.cross_references` it lists every place, not one per unit,
    and never walks the entity names."""
    toks = terms(target)
    if not toks:
        return []
    rx = re.compile(
        r"(?<!\w)" + r"[\W_]+".join(_word_pattern(t) for t in toks) + r"(?!\w)", re.IGNORECASE
    )
    out: list[tuple[str, int, int]] = []
    with ix._lock:
        exps: list[list[int]] = []
        for t in toks:
            exps.append([ix._term_of[v] for v in (t, t + "s", t + "es") if v in ix._term_of])
        if any(not e for e in exps):
            return []
        for kind in (K_TITLE, K_PARA):
            units, _ = ix.gather(kind, exps, 1 << 30)
            for u in units:
                d = ix._u_doc[u]
                path = ix._paths[d]
                if kind == K_TITLE:
                    base = ix._title_at[d]
                    if base >= 0:
                        out.extend(
                            (path, base + m.start(), base + m.end())
                            for m in rx.finditer(ix._titles[d])
                        )
                else:
                    out.extend(
                        (path, m.start(), m.end())
                        for m in rx.finditer(ix._texts[d], ix._u_start[u], ix._u_end[u])
                    )
    return out


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
