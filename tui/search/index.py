"""Library-wide fuzzy search: a term index narrows the candidates, then rapidfuzz ranks them.

Why this shape: a linear rapidfuzz scan over 200,000 paragraphs costs 360-450 ms a query here,
far too slow per keystroke. So every searchable unit (title, entity, quote, paragraph) is
indexed by its *folded* terms (lower case, no diacritics, British spellings mapped to American,
"U.S." -> "us"); a query term is expanded to index terms (exact, plural, typed prefix, and typo
neighbours found through a trigram index over the vocabulary), candidates are the units holding
every query term, and only those are tokenised and scored.

Memory: postings are ``array('I')`` of unit ids, frozen into one array per kind after a scan;
documents keep only their text (for snippets), never whole ``Document`` objects. No Textual.

The parts live beside this module: folding (normalisation), query (parsing), postings, hits
(public data), matching (scoring a unit), storage (SQLite), crossrefs. Their public names are
re-exported here.
"""

from __future__ import annotations

import heapq
import math
import re
import sqlite3
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import islice

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from parsers.model import Document
from tui.search.crossrefs import cross_references
from tui.search.folding import (
    SPELLING,
    STOPWORDS,
    Tokens,
    fold,
    term_of,
    terms,
    token_columns,
    tokenize,
    trigrams,
)
from tui.search.hits import (
    K_ENTITY,
    K_QUOTE,
    K_TITLE,
    KIND_WEIGHT,
    KINDS,
    SPEAKER_WEIGHT,
    DocHits,
    DocPayload,
    HitKind,
    SearchHit,
    prepare,
)
from tui.search.matching import (
    PHRASE,
    Match,
    Matcher,
    Scored,
    dedupe,
    exactness,
    group_hits,
    rank_score,
    window,
)
from tui.search.postings import Postings
from tui.search.query import QTok, Query, parse_query
from tui.search.storage import INDEX_VERSION, load_index, save_index

__all__ = [
    "DEFAULT_LIMIT",
    "INDEX_VERSION",
    "KINDS",
    "LOOSE_BELOW",
    "SPELLING",
    "STOPWORDS",
    "DocHits",
    "DocPayload",
    "HitKind",
    "SearchHit",
    "SearchIndex",
    "fold",
    "parse_query",
    "prepare",
    "term_of",
    "terms",
    "tokenize",
]

#: The typo-tolerant pass runs when the exact one finds fewer hits than this: a word that is
#: right and common needs no neighbours, and the pass is the costly part of a query.
LOOSE_BELOW = 20
#: Hits a search lists by default (the search screen's list, walked with n/N).
DEFAULT_LIMIT = 100
#: A multi-word query gathers up to this many candidates of each kind, to find the units that
#: hold its words as typed (see ``_prioritise``); only ``limit + 10`` of them are scored.
GATHER_CAP = 300
#: Candidates of each kind checked for the words as typed (a regex over the raw text).
PHRASE_SCAN = 300
#: Entity units scored besides the budget: enough to tell an entity query and list the
#: documents naming it; more would cost per keystroke.
ENTITY_BUDGET = 40
#: Units whose words the search keeps tokenised (about 3 KB each, so about 25 MB at most):
#: the queries of a session re-score many of the same units, and tokenising is the costly part
#: of scoring one. (As arrays the offsets would take a third of the memory, but scoring walks
#: them as Python ints and ran about a tenth slower.)
TOKEN_CACHE_UNITS = 8192
#: Entity hits scoring within this of the best are equally good names for an entity query
#: (the same name under two ids); a worse coverage of the typed words is not.
ENTITY_TIE = 1e-6


def _in_turns(runs: list[Iterable[int]]) -> Iterator[int]:
    """One item of each run in turn until all are spent (round-robin)."""
    its = [iter(r) for r in runs]
    while its:
        alive = []
        for it in its:
            for u in it:
                yield u
                alive.append(it)
                break
        its = alive


# --------------------------------------------------------------------------------------------
# The index


class SearchIndex:
    """Titles, entities, quotes and paragraphs of every document, searchable while it grows.

    Thread-safe: the library adds documents from its scan thread while the app searches from a
    worker thread.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        # documents
        self._paths: list[str] = []
        self._hashes: list[str] = []
        self._titles: list[str] = []
        self._title_at: list[int] = []
        self._texts: list[str] = []
        self._sections: list[list[tuple[int, str]]] = []
        self._alive = bytearray()
        self._first_unit = array("I")
        self._doc_of: dict[str, int] = {}
        # units
        self._u_doc = array("I")
        self._u_kind = array("B")
        self._u_start = array("I")
        self._u_end = array("I")
        self._u_extra = array("i")
        self._strings: list[str] = []
        self._string_of: dict[str, int] = {}
        # vocabulary
        self._terms: list[str] = []
        self._term_of: dict[str, int] = {}
        self._sorted: list[str] | None = None
        self._tri: dict[str, array[int]] = {}
        self._post = [Postings() for _ in KINDS]
        # entities
        self._ent_ids: list[str] = []
        self._ent_names: list[str] = []
        self._ent_types: list[str] = []
        self._ent_aliases: list[dict[str, None]] = []
        self._ent_of: dict[str, int] = {}
        self._ent_mentions: list[array[int]] = []
        self._exp_cache: dict[tuple[str, bool, bool], dict[str, float]] = {}
        self._tok_cache: dict[int, Tokens] = {}
        self._alias_cache: dict[int, list[Tokens]] = {}
        self._docs_cache: dict[int, array[int]] = {}
        self._short_cache: dict[str, Tokens] = {}
        self.dirty = False
        #: Units counted for the words' weights but not held: a server's search indexes only
        #: its candidates' units that hold a query word, and counts the rest here.
        self.units_elsewhere = 0

    # ---- building ---------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._doc_of)

    @property
    def unit_count(self) -> int:
        return len(self._u_doc)

    @property
    def dead_fraction(self) -> float:
        n = len(self._paths)
        return (n - len(self._doc_of)) / n if n else 0.0

    def documents(self) -> dict[str, str]:
        """path -> content hash of every live document."""
        with self._lock:
            return {p: self._hashes[d] for p, d in self._doc_of.items()}

    def add(self, doc: Document, content_hash: str = "") -> None:
        self.add_payload(prepare(doc, content_hash=content_hash))

    def add_payload(self, p: DocPayload) -> None:
        with self._lock:
            if p.path in self._doc_of:
                self._remove_locked(p.path)
            d = len(self._paths)
            self._paths.append(p.path)
            self._hashes.append(p.hash)
            self._titles.append(p.title)
            self._title_at.append(p.title_at)
            self._texts.append(p.text)
            self._sections.append(p.sections)
            self._alive.append(1)
            self._first_unit.append(len(self._u_doc))
            self._doc_of[p.path] = d
            ent_local: dict[str, int] = {}
            for eid, name, etype, aliases, offs in p.entities:
                ei = self._ent_of.get(eid)
                if ei is None:
                    ei = self._ent_of[eid] = len(self._ent_ids)
                    self._ent_ids.append(eid)
                    self._ent_names.append(name)
                    self._ent_types.append(etype)
                    self._ent_aliases.append({})
                    self._ent_mentions.append(array("I"))
                self._ent_aliases[ei].update(dict.fromkeys(aliases))
                self._alias_cache.pop(ei, None)
                m = self._ent_mentions[ei]
                for i in range(0, len(offs) - 1, 2):
                    m.extend((d, offs[i], offs[i + 1]))
                ent_local[eid] = ei
            new_terms = False
            term_of = self._term_of
            for kind, s, e, extra, words in p.units:
                u = len(self._u_doc)
                self._u_doc.append(d)
                self._u_kind.append(kind)
                self._u_start.append(s)
                self._u_end.append(e)
                if kind == K_ENTITY:
                    self._u_extra.append(ent_local.get(extra, -1))
                elif kind == K_QUOTE and extra:
                    sid = self._string_of.get(extra)
                    if sid is None:
                        sid = self._string_of[extra] = len(self._strings)
                        self._strings.append(extra)
                    self._u_extra.append(sid)
                else:
                    self._u_extra.append(-1)
                delta = self._post[kind].delta  # inlined Postings.add: the hot loop
                for w in words.split():
                    tid = term_of.get(w)
                    if tid is None:
                        tid = self._new_term(w)
                        new_terms = True
                    a = delta.get(tid)
                    if a is None:
                        a = delta[tid] = array("I")
                    a.append(u)
            if new_terms:
                self._exp_cache.clear()
            self.dirty = True

    def _new_term(self, w: str) -> int:
        tid = len(self._terms)
        self._terms.append(w)
        self._term_of[w] = tid
        self._sorted = None
        for g in trigrams(w):
            a = self._tri.get(g)
            if a is None:
                a = self._tri[g] = array("I")
            a.append(tid)
        return tid

    def remove(self, path: str) -> None:
        with self._lock:
            self._remove_locked(path)

    def _remove_locked(self, path: str) -> None:
        d = self._doc_of.pop(path, None)
        if d is None:
            return
        self._alive[d] = 0
        self._texts[d] = ""
        self._sections[d] = []
        self.dirty = True

    def freeze(self) -> None:
        """Pack the postings added since the last freeze (call when a scan ends)."""
        with self._lock:
            for p in self._post:
                p.freeze(len(self._terms))

    # ---- persistence ------------------------------------------------------------------------

    def save(self, conn: sqlite3.Connection) -> None:
        """Write the whole index into ``conn`` (tables ix_*), replacing what was there."""
        save_index(self, conn)

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> SearchIndex | None:
        """The index saved in ``conn``, or None if there is none or it is of another version.

        A damaged store raises ``sqlite3.DatabaseError`` or ``ValueError``; callers rebuild.
        """
        return load_index(cls, conn)

    # ---- query expansion --------------------------------------------------------------------

    def _prefix_terms(self, t: str, cap: int = 48) -> list[str]:
        if self._sorted is None:
            self._sorted = sorted(self._terms)
        st = self._sorted
        i = bisect_left(st, t)
        j = bisect_right(st, t + "\uffff", lo=i)
        found = st[i:j] if j - i <= 4000 else st[i : i + 4000]
        if len(found) > cap:
            found = sorted(found, key=len)[:cap]
        return found

    def _fuzzy_terms(self, t: str, open_: bool) -> dict[str, float]:
        n = len(t)
        if n < 4 or not t.isalpha():
            return {}
        k = 1 if n < 8 else 2
        grams = trigrams(t)
        cnt: Counter[int] = Counter()
        for g in grams:
            a = self._tri.get(g)
            if a is not None:
                cnt.update(a)
        need = max(1, len(grams) - 4 * k)  # a transposition can break four trigrams
        out: dict[str, float] = {}
        terms_ = self._terms
        for tid, c in cnt.items():
            if c < need:
                continue
            w = terms_[tid]
            if w == t:
                continue
            if abs(len(w) - n) <= k:
                dist = OSA.distance(t, w, score_cutoff=k)
                if dist <= k:
                    out[w] = 0.8 if dist == 1 else 0.65
                    continue
            if open_ and n >= 6 and len(w) > n:
                dist = OSA.distance(t, w[:n], score_cutoff=1)
                if dist <= 1:
                    out[w] = 0.7
        return out

    def _expand(self, tok: QTok, loose: bool) -> dict[str, float]:
        key = (tok.term, tok.open, loose)
        hit = self._exp_cache.get(key)
        if hit is not None:
            return hit
        t = tok.term
        out: dict[str, float] = {}
        vocab = self._term_of
        if t in vocab:
            out[t] = 1.0
        for v in (t + "s", t + "es", t[:-1] if t.endswith("s") and len(t) > 3 else ""):
            if v and v in vocab and v not in out:
                out[v] = 0.95
        if tok.open and len(t) >= 2:
            for w in self._prefix_terms(t):
                if w not in out:
                    out[w] = 0.9 if len(w) - len(t) <= 2 else 0.85
        if loose:
            for w, q in self._fuzzy_terms(t, tok.open).items():
                if w not in out:
                    out[w] = q
        if len(self._exp_cache) > 4096:
            self._exp_cache.clear()
        self._exp_cache[key] = out
        return out

    # ---- candidates -------------------------------------------------------------------------

    def gather(
        self,
        kind: int,
        exps: list[list[int]],
        cap: int,
        quality: list[list[float]] | None = None,
    ) -> tuple[list[int], list[int]]:
        """The first ``cap`` live units of ``kind`` holding every query term.

        Walks the rarest term's postings and checks the others by binary search, so a
        common word costs ``cap`` steps, not one per posting. Also returns each term's count.
        Without ``quality`` the units come in library order. With it (per term, how well each
        spelling stands for the word), the walked word's best spellings come first, and
        spellings of equal standing take turns: a typo's neighbour found in 3 units is not
        crowded out by one found in 3,000, and an exact word late in the library is not
        crowded out by prefixes early in it.
        """
        post = self._post[kind]
        lists: list[tuple[int, int, list[Sequence[int]]]] = []
        for i, tids in enumerate(exps):
            seqs = [s for tid in tids for s in post.get(tid)]
            lists.append((sum(len(s) for s in seqs), i, seqs))
        sizes = [n for n, _, _ in lists]
        if not lists or min(sizes) == 0 or cap <= 0:
            return [], sizes
        order = sorted(lists, key=lambda x: x[0])
        _, lead, driver = order[0]
        others = [seqs for _, _, seqs in order[1:]]
        walk: Iterable[int]
        if quality is not None and len(exps[lead]) > 1:
            walk = self._by_standing(post, exps[lead], quality[lead])
        else:
            walk = heapq.merge(*driver) if len(driver) > 1 else driver[0]
        all_alive = len(self._doc_of) == len(self._paths)
        alive, u_doc = self._alive, self._u_doc
        out: list[int] = []
        last = -1
        # Plain loops, no generator per unit: a common word walks thousands of units.
        for u in walk:
            if u == last:
                continue
            last = u
            if not all_alive and not alive[u_doc[u]]:
                continue
            for seqs in others:
                for seq in seqs:
                    i = bisect_left(seq, u)
                    if i < len(seq) and seq[i] == u:
                        break
                else:
                    break  # no spelling of this word in the unit
            else:
                out.append(u)
                if len(out) >= cap:
                    break
        return out, sizes

    @staticmethod
    def _by_standing(post: Postings, tids: list[int], quality: list[float]) -> Iterable[int]:
        """One word's units, best spellings first (:func:`exactness`), spellings of equal
        standing in turns, each unit once."""
        tiers: dict[int, list[int]] = {}
        for tid, q in zip(tids, quality, strict=True):
            tiers.setdefault(exactness(q), []).append(tid)
        seen: set[int] = set()
        for level in sorted(tiers, reverse=True):
            runs: list[Iterable[int]] = []
            for tid in tiers[level]:
                seqs = post.get(tid)
                if seqs:
                    runs.append(heapq.merge(*seqs) if len(seqs) > 1 else seqs[0])
            for u in _in_turns(runs):
                if u not in seen:
                    seen.add(u)
                    yield u

    # ---- search -----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Ranked hits for ``query`` (typos, missing diacritics and spelling variants allowed).

        Best first by how well the words match (phrase, window, all, some; exact, prefix,
        typo), then by kind. An entity query (the words of an entity's name or spelling, typos
        allowed) puts the documents mentioning that entity first, most mentions first. Hits
        come grouped by document (see :func:`group_hits`): the best hit of each document
        decides where the document stands, its other hits follow it.
        """
        q = parse_query(query)
        if not q.toks or limit <= 0:
            return []
        with self._lock:
            scored: set[int] = set()
            found = self._search(q, limit, loose=False, scored=scored)
            if len(found) < min(limit, LOOSE_BELOW):
                more = self._search(q, limit, loose=True, scored=scored)
                seen = {(h.doc, h.kind, h.unit_start) for h in found}
                found.extend(h for h in more if (h.doc, h.kind, h.unit_start) not in seen)
                found.sort(key=Scored.order)
            counts = self._entity_counts(q, found)
            hits = [h.hit() for h in found[:limit]]
        return group_hits(hits, counts)

    def _entity_counts(self, q: Query, hits: list[Scored]) -> dict[str, int]:
        """Mentions per document of the entities the whole query names (for entity-first).

        An entity hit whose name or spelling is exactly the query's words, in order (each
        word exact or a typo neighbour), makes the query an entity query.
        """
        named = [h for h in hits if h.kind == "entity" and h.entity_id and h.score >= PHRASE]
        # Only the best-matching names, by the whole score, not just the grade: an exact
        # "Ferguson" leaves "Fergus" (a typo away) out, and an entity named exactly "American
        # soldier" leaves out one that merely has "American soldiers" among its spellings (the
        # plural is as exact a word, but not the whole name as typed).
        top = max((h.score for h in named), default=0.0)
        ents = {h.entity_id or "" for h in named if h.score >= top - ENTITY_TIE}
        out: dict[str, int] = {}
        n = len(q.toks)
        listed = {h.doc for h in hits}
        for eid in ents:
            ei = self._ent_of.get(eid)
            if ei is None:
                continue
            names = (self._ent_names[ei], *self._ent_aliases[ei])
            if not any(len(terms(a)) == n for a in names):
                continue
            # Mentions are (doc, start, end) triples in document order: count those of the
            # documents on the list only, by binary search over the documents' column.
            docs = self._mention_docs(ei)
            for d in listed:
                lo = bisect_left(docs, d)
                hi = bisect_right(docs, d, lo=lo)
                if hi > lo:
                    p = self._paths[d]
                    out[p] = out.get(p, 0) + hi - lo
        return out

    def _mention_docs(self, ei: int) -> array[int]:
        """The document number of each of an entity's mentions, in order (cached: a common
        entity has thousands, and an entity query counts them per keystroke)."""
        m = self._ent_mentions[ei]
        got = self._docs_cache.get(ei)
        if got is None or 3 * len(got) != len(m):
            if len(self._docs_cache) >= 4096:
                self._docs_cache.clear()
            got = self._docs_cache[ei] = m[0::3]
        return got

    def _prioritise(
        self, per_kind: list[list[int]], exps: list[dict[str, float]], budget: int
    ) -> list[list[int]]:
        """The ``budget`` units to score: those holding the query as typed (the words in order,
        adjacent, checked on the raw text) first, then the rest in kind and library order."""
        alts: list[str] = []
        for e in exps:
            words = sorted(e, key=len, reverse=True)
            if not words or len(words) > 64:
                alts = []  # too many spellings to look for: kind order alone
                break
            # The first word's start (no word character before it) is checked after the word,
            # by a look-behind of its length: the pattern then starts with literal words, and
            # the regex engine skips quickly to where one of their first letters stands.
            # Same matches as a (?<!\w) in front, about twice as fast over a paragraph.
            if not alts:
                alts.append(
                    "(?:"
                    + "|".join(re.escape(w) + rf"(?<!\w[\s\S]{{{len(w)}}})" for w in words)
                    + ")"
                )
            else:
                alts.append("(?:" + "|".join(re.escape(w) for w in words) + ")")
        rx = re.compile(r"\W+".join(alts) + r"(?!\w)", re.IGNORECASE) if alts else None
        texts, titles, u_doc, u_start, u_end = (
            self._texts,
            self._titles,
            self._u_doc,
            self._u_start,
            self._u_end,
        )
        first: list[list[int]] = []
        rest: list[list[int]] = []
        found = 0
        for kind, cand in enumerate(per_kind):
            f: list[int] = []
            r: list[int] = []
            scan = 0 if rx is None or kind == K_ENTITY else min(len(cand), PHRASE_SCAN)
            i = 0
            # Kinds go in rank order: once ``budget`` units hold the words as typed, the
            # rest cannot make the list, so stop looking.
            while i < scan and found < budget:
                u = cand[i]
                i += 1
                if kind == K_TITLE:
                    ok = rx.search(titles[u_doc[u]]) is not None  # type: ignore[union-attr]
                else:
                    ok = rx.search(texts[u_doc[u]], u_start[u], u_end[u]) is not None  # type: ignore[union-attr]
                if ok:
                    f.append(u)
                    found += 1
                else:
                    r.append(u)
            first.append(f)
            rest.append(r + cand[i:])
        out: list[list[int]] = [[] for _ in per_kind]
        out[K_ENTITY] = per_kind[K_ENTITY]
        left = budget
        for part in (first, rest):
            for kind, units in enumerate(part):
                if kind == K_ENTITY:
                    continue
                take = units[: max(0, left)]
                out[kind].extend(take)
                left -= len(take)
        return out

    def _search(
        self, q: Query, limit: int, loose: bool, scored: set[int] | None = None
    ) -> list[Scored]:
        """One pass; ``scored`` collects the units scored, and a later pass skips them."""
        filt = [t for t in q.toks if not t.stop] or q.toks
        all_exps = [self._expand(t, loose) for t in q.toks]
        filt_exps = [self._expand(t, loose) for t in filt]
        if not loose and any(not e for e in filt_exps):
            return []  # a word the vocabulary lacks: leave it to the typo-tolerant pass
        tid_exps = [[self._term_of[w] for w in e] for e in filt_exps]
        q_exps = [list(e.values()) for e in filt_exps]
        # Only ``budget`` units are scored (tokenising is the costly part). A multi-word query
        # gathers more and scores first the units that hold its words as typed, since a phrase
        # outranks any kind; otherwise kinds go in rank order (title, entity, quote, paragraph).
        budget = limit + 10
        cap = GATHER_CAP if len(q.toks) > 1 else budget
        per_kind: list[list[int]] = []
        df = [0] * len(filt)
        for kind in range(len(KINDS)):
            # Names are few and cheap to score, and decide an entity query: their own budget.
            cand, sizes = self.gather(
                kind, tid_exps, ENTITY_BUDGET if kind == K_ENTITY else cap, q_exps
            )
            if cap < GATHER_CAP and kind != K_ENTITY:
                cap -= len(cand)
            for i, n in enumerate(sizes):
                df[i] += n
            per_kind.append(cand)
        if len(q.toks) > 1 and sum(len(c) for c in per_kind) - len(per_kind[K_ENTITY]) > budget:
            per_kind = self._prioritise(per_kind, all_exps, budget)
        if loose and not any(per_kind) and len(filt) > 1:
            # No unit holds every word: drop one word at a time, most common first.
            for drop in sorted(range(len(filt)), key=lambda i: -df[i]):
                part = [x for i, x in enumerate(tid_exps) if i != drop]
                part_q = [x for i, x in enumerate(q_exps) if i != drop]
                budget = limit + 10
                per_kind = []
                for k in range(len(KINDS)):
                    per_kind.append(self.gather(k, part, budget, part_q)[0])
                    budget -= len(per_kind[-1])
                if any(per_kind):
                    break
        if not any(per_kind):
            return []
        n_units = max(1, len(self._u_doc) + self.units_elsewhere)
        idf_f = {id(e): math.log(1 + n_units / (1 + df[i])) for i, e in enumerate(filt_exps)}
        weights = [idf_f.get(id(e), 0.2) for e in all_exps]
        need = [not t.stop for t in q.toks]
        mt = Matcher(all_exps, weights, q.phrase, need)
        hits: list[Scored] = []
        if scored is None:
            scored = set()
        for kind, units in enumerate(per_kind):
            for u in units:
                if u in scored:
                    continue
                scored.add(u)
                h = self._score_unit(u, kind, q, mt)
                if h is not None:
                    hits.append(h)
        hits = dedupe(hits)
        hits.sort(key=Scored.order)
        return hits

    def _section(self, d: int, pos: int) -> str | None:
        secs = self._sections[d]
        if not secs:
            return None
        i = bisect_right(secs, (pos, "\uffff")) - 1
        return secs[i][1] if i >= 0 else None

    def _tokens(self, u: int, body: str) -> Tokens:
        """A unit's words, cached: typing a word re-scores the same units keystroke after
        keystroke."""
        toks = self._tok_cache.get(u)
        if toks is None:
            cache = self._tok_cache
            if len(cache) >= TOKEN_CACHE_UNITS:  # the oldest quarter goes: recent words stay
                for k in list(islice(cache, TOKEN_CACHE_UNITS // 4)):
                    del cache[k]
            toks = cache[u] = token_columns(body)
        return toks

    def _short_tokens(self, text: str) -> Tokens:
        """The words of a short text that recurs (a speaker, an entity's name or mention),
        cached: the same few are matched for many units of one query and the next."""
        toks = self._short_cache.get(text)
        if toks is None:
            if len(self._short_cache) >= 8192:
                self._short_cache.clear()
            toks = self._short_cache[text] = token_columns(text)
        return toks

    def _alias_tokens(self, ei: int) -> list[Tokens]:
        """The words of an entity's name and of each of its spellings, cached."""
        got = self._alias_cache.get(ei)
        if got is None:
            if len(self._alias_cache) >= 4096:
                self._alias_cache.clear()
            got = self._alias_cache[ei] = [
                token_columns(a) for a in (self._ent_names[ei], *self._ent_aliases[ei])
            ]
        return got

    def _score_unit(self, u: int, kind: int, q: Query, mt: Matcher) -> Scored | None:
        """How well unit ``u`` matches: its rank and place now; its hit (the excerpt and the
        section, the costly part) is built only if it makes the list (:meth:`Scored.hit`)."""
        d = self._u_doc[u]
        text = self._texts[d]
        s, e = self._u_start[u], self._u_end[u]
        extra = self._u_extra[u]
        speaker = None
        weight = KIND_WEIGHT[kind]
        if kind == K_TITLE:
            body = self._titles[d]
            base = self._title_at[d]
            best = mt.match(self._tokens(u, body))
        elif kind == K_ENTITY:
            if extra < 0:
                return None
            # The same entity in many documents: its names are matched once per query.
            if extra in mt.memo:
                best = mt.memo[extra]
            else:
                best = None
                for toks in self._alias_tokens(extra):
                    m = mt.match(toks)
                    if m is not None and (best is None or (m[3], m[0]) > (best[3], best[0])):
                        best = m
                mt.memo[extra] = best
            if best is None:
                return None
            rank = rank_score(best[3], kind, weight * best[0])
            eid = self._ent_ids[extra]
            return Scored(
                rank, d, s, e, "entity", s, e, eid, partial(self._entity_hit, u, rank, mt)
            )
        else:
            body = text[s:e]
            base = s
            best = mt.match(self._tokens(u, body))
            if kind == K_QUOTE and extra >= 0:
                speaker = self._strings[extra]
                sm = mt.match(self._short_tokens(speaker), phrase_required=False)
                if sm is not None and (best is None or (sm[3], sm[0]) >= (best[3], best[0])):
                    rank = rank_score(sm[3], kind, SPEAKER_WEIGHT * sm[0])
                    return Scored(
                        rank, d, s, e, "quote", s, e, None, partial(self._speaker_hit, u, rank, sm)
                    )
        if best is None:
            return None
        score, _, (cs, ce), grade = best
        if q.folded:
            score += (
                0.1
                * fuzz.partial_ratio(
                    q.folded, fold(body[max(0, cs - 40) : ce + 40]), processor=None
                )
                / 100
            )
        if base < 0:
            hs = he = 0
        else:
            hs, he = base + cs, base + ce
        if kind == K_TITLE:
            us, ue = (base, base + len(body)) if base >= 0 else (0, 0)
        else:
            us, ue = s, e
        rank = rank_score(grade, kind, weight * score)
        return Scored(
            rank,
            d,
            hs,
            he,
            KINDS[kind],
            us,
            ue,
            None,
            partial(self._body_hit, u, kind, rank, hs, he, us, ue, best, speaker),
        )

    def _entity_hit(self, u: int, rank: float, mt: Matcher) -> SearchHit:
        """An entity mention's hit: the entity's name and type, then the mention in context."""
        d, s, e, ei = self._u_doc[u], self._u_start[u], self._u_end[u], self._u_extra[u]
        text = self._texts[d]
        name = self._ent_names[ei]
        label = f"{name} ({self._ent_types[ei]})"
        inner = [(s + a, s + b) for a, b in mt.spans(self._short_tokens(text[s:e]))] or [(s, e)]
        ctx = window(text, s, e, 60, inner)
        snippet = f"{label}: {ctx[0]}"
        spans = tuple(mt.spans(self._short_tokens(name))) + tuple(
            (a + len(label) + 2, b + len(label) + 2) for a, b in ctx[1]
        )
        return SearchHit(
            self._paths[d],
            self._titles[d],
            s,
            e,
            snippet,
            spans,
            rank,
            "entity",
            self._section(d, s),
            s,
            e,
            self._ent_ids[ei],
            None,
        )

    def _speaker_hit(self, u: int, rank: float, sm: Match) -> SearchHit:
        """A quote found by who said it: the quote's opening, then the speaker highlighted."""
        d, s, e = self._u_doc[u], self._u_start[u], self._u_end[u]
        speaker = self._strings[self._u_extra[u]]
        snip, _ = window(self._texts[d][s:e], 0, 0, 70)
        lead = f"{snip} — "
        sp = tuple((a + len(lead), b + len(lead)) for a, b in sm[1])
        return SearchHit(
            self._paths[d],
            self._titles[d],
            s,
            e,
            lead + speaker,
            sp,
            rank,
            "quote",
            self._section(d, s),
            s,
            e,
            None,
            speaker,
        )

    def _body_hit(
        self,
        u: int,
        kind: int,
        rank: float,
        hs: int,
        he: int,
        us: int,
        ue: int,
        best: Match,
        speaker: str | None,
    ) -> SearchHit:
        """A title, quote or paragraph hit: the words matched, in an excerpt of the unit."""
        d = self._u_doc[u]
        _, spans_local, (cs, ce), _ = best
        if kind == K_TITLE:
            snippet, spans = self._titles[d], tuple(spans_local)
        else:
            body = self._texts[d][self._u_start[u] : self._u_end[u]]
            snippet, spans = window(body, cs, ce, 70, spans_local)
        return SearchHit(
            self._paths[d],
            self._titles[d],
            hs,
            he,
            snippet,
            spans,
            rank,
            KINDS[kind],
            self._section(d, hs),
            us,
            ue,
            None,
            speaker,
        )

    # ---- cross-references -------------------------------------------------------------------

    def entity(self, entity_id: str) -> tuple[str, str, list[str]] | None:
        """(name, type, spellings) of an entity known to the index."""
        with self._lock:
            ei = self._ent_of.get(entity_id)
            if ei is None:
                return None
            return self._ent_names[ei], self._ent_types[ei], list(self._ent_aliases[ei])

    def cross_references(self, target: str, limit: int = 5000) -> list[DocHits]:
        """Every paragraph and quote mentioning an entity (by id) or a phrase, by document.

        A phrase matches by words (folded, spelling variants, no typos); a phrase that is a
        known spelling of an entity also brings that entity's other spellings.
        """
        with self._lock:
            return cross_references(self, target, limit)
