"""Cross-references: every paragraph and quote that mentions an entity or a phrase, by document."""

from __future__ import annotations

import sys
from bisect import bisect_right
from typing import TYPE_CHECKING

from tui.search.folding import terms, tokenize
from tui.search.hits import K_PARA, K_QUOTE, K_TITLE, DocHits, HitKind, SearchHit
from tui.search.matching import window

if TYPE_CHECKING:
    from tui.search.index import SearchIndex


def cross_references(ix: SearchIndex, target: str, limit: int = 5000) -> list[DocHits]:
    """Every paragraph and quote mentioning an entity (by id) or a phrase, by document.

    A phrase matches by words (folded, spelling variants, no typos); a phrase that is a
    known spelling of an entity also brings that entity's other spellings.
    """
    with ix._lock:
        found: dict[int, dict[tuple[int, int], SearchHit]] = {}
        places: dict[int, list[tuple[int, int, int]]] = {}
        ents: set[int] = set()
        by_id = ix._ent_of.get(target)
        toks = terms(target)
        if by_id is not None:
            ents.add(by_id)
        elif toks:
            for i, name in enumerate(ix._ent_names):
                if terms(name) == toks or any(terms(a) == toks for a in ix._ent_aliases[i]):
                    ents.add(i)
        for ei in ents:
            m = ix._ent_mentions[ei]
            for j in range(0, len(m), 3):
                d, s, e = m[j], m[j + 1], m[j + 2]
                if ix._alive[d]:
                    add_ref(ix, found, places, d, s, e, ix._ent_ids[ei])
        if by_id is None and toks:
            phrase_refs(ix, toks, found, places)
        out: list[DocHits] = []
        n = 0
        for d in sorted(found, key=lambda d: (-len(found[d]), ix._titles[d])):
            hits = sorted(found[d].values(), key=lambda h: h.start)
            out.append(DocHits(ix._paths[d], ix._titles[d], hits))
            n += len(hits)
            if n >= limit:
                break
        return out


def phrase_refs(
    ix: SearchIndex,
    toks: list[str],
    found: dict[int, dict[tuple[int, int], SearchHit]],
    places: dict[int, list[tuple[int, int, int]]],
) -> None:
    exps: list[dict[str, float]] = []
    for t in toks:
        e = {t: 1.0}
        for v in (t + "s", t + "es"):
            if v in ix._term_of:
                e[v] = 0.95
        exps.append(e)
    tids = [[ix._term_of[w] for w in e if w in ix._term_of] for e in exps]
    for kind in (K_QUOTE, K_PARA, K_TITLE):
        cand, _ = ix.gather(kind, tids, 1 << 30)
        for u in cand:
            d = ix._u_doc[u]
            if not ix._alive[d]:
                continue
            if kind == K_TITLE:
                body, base = ix._titles[d], ix._title_at[d]
            else:
                us, ue = ix._u_start[u], ix._u_end[u]
                body, base = ix._texts[d][us:ue], us
            if base < 0:
                continue
            tk = tokenize(body)
            n = len(toks)
            for j in range(len(tk) - n + 1):
                if all(tk[j + i][0] in exps[i] for i in range(n)):
                    a, b = base + tk[j][1], base + tk[j + n - 1][2]
                    add_ref(ix, found, places, d, a, b, None)
                    break


def add_ref(
    ix: SearchIndex,
    found: dict[int, dict[tuple[int, int], SearchHit]],
    places: dict[int, list[tuple[int, int, int]]],
    d: int,
    s: int,
    e: int,
    entity_id: str | None,
) -> None:
    """File a mention under the quote (or else paragraph) holding it, once per unit."""
    units = places.get(d)
    if units is None:
        lo = ix._first_unit[d]
        hi = ix._first_unit[d + 1] if d + 1 < len(ix._first_unit) else len(ix._u_doc)
        units = places[d] = sorted(
            (ix._u_start[u], -ix._u_kind[u], u)
            for u in range(lo, hi)
            if ix._u_kind[u] in (K_QUOTE, K_PARA)
        )
    unit = None
    i = bisect_right(units, (s, 0, sys.maxsize))
    while i > 0:
        i -= 1
        us, _, u = units[i]
        if e <= ix._u_end[u] and (
            unit is None or (ix._u_kind[u] == K_QUOTE and ix._u_kind[unit] == K_PARA)
        ):
            unit = u
        if us < s - 20000:
            break
    kind: HitKind = "paragraph"
    if unit is None:
        us, ue = s, e
    else:
        us, ue = ix._u_start[unit], ix._u_end[unit]
        if ix._u_kind[unit] == K_QUOTE:
            kind = "quote"
    key = (us, ue)
    per = found.setdefault(d, {})
    if key in per:
        return
    body = ix._texts[d][us:ue]
    snippet, spans = window(body, s - us, e - us, 70, [(s - us, e - us)])
    speaker = None
    if unit is not None and kind == "quote" and ix._u_extra[unit] >= 0:
        speaker = ix._strings[ix._u_extra[unit]]
    per[key] = SearchHit(
        ix._paths[d],
        ix._titles[d],
        s,
        e,
        snippet,
        spans,
        1.0,
        kind,
        ix._section(d, s),
        us,
        ue,
        entity_id,
        speaker,
    )
