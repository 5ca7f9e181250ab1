"""Library-wide fuzzy search: a term index narrows the candidates, then rapidfuzz ranks them.

Why this shape: a linear rapidfuzz scan over 200,000 paragraphs costs 360-450 ms a query here,
far too slow per keystroke. So every searchable unit (title, entity, quote, paragraph) is
indexed by its *folded* terms (lower case, no diacritics, British spellings mapped to American,
"U.S." -> "us"); a query term is expanded to index terms (exact, plural, typed prefix, and typo
neighbours found through a trigram index over the vocabulary), candidates are the units holding
every query term, and only those are tokenised and scored.

Memory: postings are ``array('I')`` of unit ids, frozen into one array per kind after a scan;
documents keep only their text (for snippets), never whole ``Document`` objects. No Textual.
"""

from __future__ import annotations

import heapq
import json
import math
import re
import sqlite3
import sys
import threading
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from parsers.model import Document

INDEX_VERSION = "2"
#: The typo-tolerant pass runs when the exact one finds fewer hits than this: a word that is
#: right and common needs no neighbours, and the pass is the costly part of a query.
LOOSE_BELOW = 20
#: Hits a search lists by default (the search screen's list, walked with n/N).
DEFAULT_LIMIT = 100

HitKind = Literal["title", "entity", "quote", "paragraph"]
KINDS: tuple[HitKind, ...] = ("title", "entity", "quote", "paragraph")
K_TITLE, K_ENTITY, K_QUOTE, K_PARA = 0, 1, 2, 3
#: A title or entity match ranks above a quote, which ranks above a passing mention.
KIND_WEIGHT = (3.0, 2.5, 1.4, 1.0)
SPEAKER_WEIGHT = 1.8

# --------------------------------------------------------------------------------------------
# Folding: the one normalisation used for indexing, querying and highlighting.

_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
    }
)
#: Words: dotted abbreviations ("U.S.") or runs of word characters joined by apostrophes.
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:['’]\w+)*")


def _words(s: str) -> list[str]:
    return s.split()


STOPWORDS = frozenset(
    _words(
        "a an and are as at be but by for from had has have he her his i in is it its not of on or "
        "she that the their they this to was we were will with would you"
    )
)


def _spelling_table() -> dict[str, str]:
    """British -> American spellings, so "air defence" finds "air defense" (and back)."""
    table: dict[str, str] = {}
    direct = {
        "defence": "defense",
        "defences": "defenses",
        "offence": "offense",
        "offences": "offenses",
        "licence": "license",
        "licences": "licenses",
        "pretence": "pretense",
        "centre": "center",
        "centres": "centers",
        "centred": "centered",
        "metre": "meter",
        "metres": "meters",
        "kilometre": "kilometer",
        "kilometres": "kilometers",
        "theatre": "theater",
        "theatres": "theaters",
        "calibre": "caliber",
        "fibre": "fiber",
        "manoeuvre": "maneuver",
        "manoeuvres": "maneuvers",
        "manoeuvring": "maneuvering",
        "programme": "program",
        "programmes": "programs",
        "catalogue": "catalog",
        "catalogues": "catalogs",
        "dialogue": "dialog",
        "dialogues": "dialogs",
        "analogue": "analog",
        "grey": "gray",
        "aluminium": "aluminum",
        "sceptic": "skeptic",
        "sceptical": "skeptical",
        "artefact": "artifact",
        "artefacts": "artifacts",
        "judgement": "judgment",
        "ageing": "aging",
        "fulfil": "fulfill",
        "enrol": "enroll",
        "jewellery": "jewelry",
        "mould": "mold",
        "plough": "plow",
        "tyre": "tire",
        "tyres": "tires",
    }
    table.update(direct)
    for stem in _words(
        "armour behaviour colour endeavour favour harbour honour humour labour neighbour "
        "rumour saviour valour vigour odour rigour tumour vapour fervour ardour clamour "
        "splendour parlour"
    ):
        us = stem[:-2] + "or"
        for suf in (
            "",
            "s",
            "ed",
            "ing",
            "able",
            "ably",
            "ite",
            "ites",
            "er",
            "ers",
            "hood",
            "hoods",
            "ly",
            "less",
            "ful",
        ):
            table[stem + suf] = us + suf
    for stem in _words(
        "organis recognis realis mobilis demobilis authoris criticis prioritis stabilis "
        "destabilis modernis normalis militaris demilitaris legitimis apologis characteris "
        "minimis maximis summaris utilis finalis jeopardis neutralis industrialis centralis "
        "decentralis privatis nationalis harmonis subsidis civilis capitalis categoris "
        "symbolis scrutinis sympathis emphasis energis optimis synchronis standardis "
        "specialis visualis formalis globalis liberalis marginalis memorialis monopolis "
        "polaris radicalis rationalis revitalis sanitis terroris theoris weaponis immobilis "
        "hospitalis incentivis digitalis criminalis colonis dramatis familiaris galvanis "
        "itemis localis materialis mechanis memoris mesmeris moralis motoris penalis "
        "personalis popularis publicis politicis randomis reorganis satiris stigmatis "
        "sterilis tantalis urbanis vandalis vaporis annualis antagonis agonis"
    ):
        us = stem[:-1] + "z"
        for suf in ("e", "es", "ed", "ing", "ation", "ations", "er", "ers"):
            table[stem + suf] = us + suf
    for stem in ("analys", "paralys", "catalys"):
        us = stem[:-1] + "z"
        for suf in ("e", "es", "ed", "ing", "er", "ers"):
            table[stem + suf] = us + suf
    for stem in (
        "travel",
        "cancel",
        "label",
        "model",
        "fuel",
        "signal",
        "channel",
        "level",
        "total",
        "counsel",
        "marshal",
        "tunnel",
        "duel",
        "dial",
        "equal",
    ):
        for suf in ("led", "ling", "ler", "lers"):
            table[stem + suf] = stem + suf[1:]
    return table


SPELLING = _spelling_table()


def fold(text: str) -> str:
    """Lower case without diacritics ("Stromšíková" -> "stromsikova"); length may change."""
    s = text.lower()
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


_MEMO: dict[str, str] = {}


def term_of(word: str) -> str:
    """The index term for one word as written (memoised: words repeat)."""
    t = _MEMO.get(word)
    if t is not None:
        return t
    if len(_MEMO) > 500_000:
        _MEMO.clear()
    t = _MEMO[word] = _term_of(word)
    return t


def _term_of(word: str) -> str:
    t = fold(word)
    if "." in t:
        t = t.replace(".", "")
    if "'" in t:
        if t.endswith("'s"):
            t = t[:-2]
        t = t.replace("'", "")
    return SPELLING.get(t, t)


def tokenize(text: str, pos: int = 0, endpos: int | None = None) -> list[tuple[str, int, int]]:
    """(term, start, end) for every word of ``text[pos:endpos]``; offsets are into ``text``."""
    out = []
    memo = _MEMO
    for m in _TOKEN.finditer(text, pos, len(text) if endpos is None else endpos):
        w = m.group()
        t = memo.get(w)
        if t is None:
            t = term_of(w)
        if t:
            out.append((t, m.start(), m.end()))
    return out


_TERMS_MEMO: dict[str, list[str]] = {}


def terms(text: str) -> list[str]:
    """The index terms of a short text (names and their spellings repeat: memoised)."""
    got = _TERMS_MEMO.get(text)
    if got is None:
        if len(_TERMS_MEMO) > 100_000:
            _TERMS_MEMO.clear()
        got = _TERMS_MEMO[text] = [t for t, _, _ in tokenize(text)]
    return got


def _trigrams(t: str) -> list[str]:
    p = f"^{t}$"
    return [p[i : i + 3] for i in range(len(p) - 2)]


# --------------------------------------------------------------------------------------------
# Public data


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One place that matches. ``start``/``end`` are the matched words in ``Document.text``."""

    path: str
    title: str
    start: int
    end: int
    snippet: str
    #: (start, end) of the matched words inside ``snippet``, for highlighting.
    snippet_spans: tuple[tuple[int, int], ...]
    score: float
    kind: HitKind
    section: str | None = None
    #: The whole unit (paragraph, quote, title line) the hit lies in.
    unit_start: int = 0
    unit_end: int = 0
    entity_id: str | None = None
    speaker: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "kind": self.kind,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "unit_start": self.unit_start,
            "unit_end": self.unit_end,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "snippet_spans": [list(s) for s in self.snippet_spans],
            "entity_id": self.entity_id,
            "speaker": self.speaker,
        }


@dataclass(slots=True)
class DocHits:
    """Cross-reference hits in one document, in reading order."""

    path: str
    title: str
    hits: list[SearchHit] = field(default_factory=list)


@dataclass(slots=True)
class DocPayload:
    """What the index needs from one document: cheap to pickle from a worker process."""

    path: str
    hash: str
    title: str
    title_at: int
    text: str
    sections: list[tuple[int, str]]
    #: (kind, start, end, extra, space-joined distinct terms); extra = speaker or entity id.
    units: list[tuple[int, int, int, str, str]]
    #: (id, name, type, aliases, flattened mention offsets s0, e0, s1, e1, ...)
    entities: list[tuple[str, str, str, list[str], list[int]]]


def prepare(doc: Document, path: str | None = None, content_hash: str = "") -> DocPayload:
    """Tokenise one document for :meth:`SearchIndex.add_payload` (pure; runs in workers)."""
    text = doc.text
    title = doc.title or ""
    title_at = -1
    if doc.title_span is not None:
        s, e = doc.title_span
        i = text.find(title, s, e) if title else -1
        title_at = i
    if title_at < 0 and title:
        i = text.find(title, 0, max(len(title) * 4, 2000))
        title_at = i
    sections = sorted((s.start, s.title) for s in doc.sections if s.title and not s.furniture)
    units: list[tuple[int, int, int, str, str]] = []
    if title:
        ts, te = (title_at, title_at + len(title)) if title_at >= 0 else (0, 0)
        units.append((K_TITLE, ts, te, "", " ".join(dict.fromkeys(terms(title)))))
    by_id: dict[str, tuple[str, str, dict[str, None], list[int]]] = {}
    for m in doc.entities:
        rec = by_id.get(m.id)
        if rec is None:
            rec = by_id[m.id] = (m.name, m.type, {}, [])
        rec[2][m.text] = None
        rec[3].extend((m.start, m.end))
    entities: list[tuple[str, str, str, list[str], list[int]]] = []
    for eid, (name, etype, aliases, offs) in by_id.items():
        alias_list = [a for a in aliases if a != name]
        entities.append((eid, name, etype, alias_list, offs))
        words = dict.fromkeys(terms(name))
        for a in alias_list:
            words.update(dict.fromkeys(terms(a)))
        units.append((K_ENTITY, offs[0], offs[1], eid, " ".join(words)))
    toks = tokenize(text)
    starts = [a for _, a, _ in toks]

    def span_terms(s: int, e: int) -> dict[str, None]:
        i, j = bisect_left(starts, s), bisect_left(starts, e)
        return dict.fromkeys(t for t, _, b in toks[i:j] if b <= e)

    for q in doc.quotes:
        words = span_terms(q.start, q.end)
        if q.speaker:
            words.update(dict.fromkeys(terms(q.speaker)))
        units.append((K_QUOTE, q.start, q.end, q.speaker or "", " ".join(words)))
    for p in doc.paragraphs:
        if p.kind == "furniture" or p.end <= p.start:
            continue
        words = span_terms(p.start, p.end)
        if words:
            units.append((K_PARA, p.start, p.end, "", " ".join(words)))
    return DocPayload(
        path or doc.path, content_hash, title, title_at, text, sections, units, entities
    )


# --------------------------------------------------------------------------------------------
# Postings


class _Postings:
    """Unit ids per term for one kind: a frozen base (one array plus offsets) and a delta."""

    __slots__ = ("base", "delta", "offsets")

    def __init__(self) -> None:
        self.base = array("I")
        self.offsets = array("I", [0])
        self.delta: dict[int, array[int]] = {}

    def add(self, tid: int, unit: int) -> None:
        a = self.delta.get(tid)
        if a is None:
            a = self.delta[tid] = array("I")
        a.append(unit)

    def get(self, tid: int) -> list[Sequence[int]]:
        out: list[Sequence[int]] = []
        if tid + 1 < len(self.offsets):
            s, e = self.offsets[tid], self.offsets[tid + 1]
            if e > s:
                out.append(memoryview(self.base)[s:e])
        a = self.delta.get(tid)
        if a:
            out.append(a)
        return out

    def freeze(self, n_terms: int) -> None:
        base = array("I")
        offsets = array("I", [0])
        old, old_off, delta = self.base, self.offsets, self.delta
        for tid in range(n_terms):
            if tid + 1 < len(old_off):
                base.extend(old[old_off[tid] : old_off[tid + 1]])
            a = delta.get(tid)
            if a:
                base.extend(a)
            offsets.append(len(base))
        self.base, self.offsets, self.delta = base, offsets, {}


def _contains(seq: Sequence[int], unit: int) -> bool:
    i = bisect_left(seq, unit)
    return i < len(seq) and seq[i] == unit


@dataclass(slots=True)
class _QTok:
    term: str
    open: bool
    stop: bool


@dataclass(slots=True)
class _Query:
    toks: list[_QTok]
    phrase: bool
    folded: str


def parse_query(query: str) -> _Query:
    """Terms of a query; the last is a typed prefix unless followed by a space or a quote."""
    q = query.strip()
    phrase = len(q) >= 2 and q[0] in '"“' and q[-1] in '"”'
    toks = [t for t, _, _ in tokenize(q)]
    open_last = bool(toks) and not phrase and not query.endswith((" ", '"', "”"))
    out = [_QTok(t, False, t in STOPWORDS) for t in toks]
    if out and open_last:
        out[-1].open = True
    if out and all(t.stop for t in out):
        for t in out:
            t.stop = False
    return _Query(out, phrase, " ".join(toks))


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
        self._post = [_Postings() for _ in KINDS]
        # entities
        self._ent_ids: list[str] = []
        self._ent_names: list[str] = []
        self._ent_types: list[str] = []
        self._ent_aliases: list[dict[str, None]] = []
        self._ent_of: dict[str, int] = {}
        self._ent_mentions: list[array[int]] = []
        self._exp_cache: dict[tuple[str, bool, bool], dict[str, float]] = {}
        self._tok_cache: dict[int, list[tuple[str, int, int]]] = {}
        self._alias_cache: dict[int, list[list[tuple[str, int, int]]]] = {}
        self.dirty = False

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
                delta = self._post[kind].delta  # inlined _Postings.add: the hot loop
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
        for g in _trigrams(w):
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
        with self._lock:
            self.freeze()
            blobs: dict[str, bytes] = {
                "u_doc": self._u_doc.tobytes(),
                "u_kind": self._u_kind.tobytes(),
                "u_start": self._u_start.tobytes(),
                "u_end": self._u_end.tobytes(),
                "u_extra": self._u_extra.tobytes(),
                "first_unit": self._first_unit.tobytes(),
                "terms": "\n".join(self._terms).encode("utf-8"),
                "strings": json.dumps(self._strings).encode("utf-8"),
                "entities": json.dumps(
                    [
                        self._ent_ids,
                        self._ent_names,
                        self._ent_types,
                        [list(a) for a in self._ent_aliases],
                    ]
                ).encode("utf-8"),
            }
            ment_off = array("I", [0])
            ment = array("I")
            for m in self._ent_mentions:
                ment.extend(m)
                ment_off.append(len(ment))
            blobs["ent_mentions"] = ment.tobytes()
            blobs["ent_offsets"] = ment_off.tobytes()
            grams = list(self._tri)
            tri_data = array("I")
            tri_off = array("I", [0])
            for g in grams:
                tri_data.extend(self._tri[g])
                tri_off.append(len(tri_data))
            blobs["tri_grams"] = "\n".join(grams).encode("utf-8")
            blobs["tri_data"] = tri_data.tobytes()
            blobs["tri_offsets"] = tri_off.tobytes()
            blobs["sections"] = json.dumps(self._sections).encode("utf-8")
            for k, p in enumerate(self._post):
                blobs[f"post{k}"] = p.base.tobytes()
                blobs[f"off{k}"] = p.offsets.tobytes()
            meta = {
                "version": INDEX_VERSION,
                "byteorder": sys.byteorder,
                "itemsize": str(array("I").itemsize),
            }
            with conn:
                conn.execute("DROP TABLE IF EXISTS ix_meta")
                conn.execute("DROP TABLE IF EXISTS ix_docs")
                conn.execute("DROP TABLE IF EXISTS ix_blobs")
                conn.execute("CREATE TABLE ix_meta (key TEXT PRIMARY KEY, value TEXT)")
                conn.execute(
                    "CREATE TABLE ix_docs (idx INTEGER PRIMARY KEY, path TEXT, hash TEXT, "
                    "title TEXT, title_at INTEGER, alive INTEGER, text TEXT)"
                )
                conn.execute("CREATE TABLE ix_blobs (name TEXT PRIMARY KEY, data BLOB)")
                conn.executemany("INSERT INTO ix_meta VALUES (?, ?)", meta.items())
                conn.executemany("INSERT INTO ix_blobs VALUES (?, ?)", blobs.items())
                conn.executemany(
                    "INSERT INTO ix_docs VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        (
                            d,
                            self._paths[d],
                            self._hashes[d],
                            self._titles[d],
                            self._title_at[d],
                            self._alive[d],
                            self._texts[d],
                        )
                        for d in range(len(self._paths))
                    ),
                )
            self.dirty = False

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> SearchIndex | None:
        """The index saved in ``conn``, or None if there is none or it is of another version.

        A damaged store raises ``sqlite3.DatabaseError`` or ``ValueError``; callers rebuild.
        """
        try:
            meta = dict(conn.execute("SELECT key, value FROM ix_meta").fetchall())
        except sqlite3.OperationalError:
            return None
        if meta != {
            "version": INDEX_VERSION,
            "byteorder": sys.byteorder,
            "itemsize": str(array("I").itemsize),
        }:
            return None
        blobs = dict(conn.execute("SELECT name, data FROM ix_blobs").fetchall())
        ix = cls()

        def arr(code: str, name: str) -> array[int]:
            a = array(code)
            a.frombytes(blobs[name])
            return a

        ix._u_doc = arr("I", "u_doc")
        ix._u_kind = arr("B", "u_kind")
        ix._u_start = arr("I", "u_start")
        ix._u_end = arr("I", "u_end")
        ix._u_extra = arr("i", "u_extra")
        ix._first_unit = arr("I", "first_unit")
        n_units = len(ix._u_doc)
        if not (
            len(ix._u_kind) == len(ix._u_start) == len(ix._u_end) == len(ix._u_extra) == n_units
        ):
            raise ValueError("index arrays disagree")
        raw_terms = blobs["terms"].decode("utf-8")
        ix._terms = raw_terms.split("\n") if raw_terms else []
        ix._term_of = {t: i for i, t in enumerate(ix._terms)}
        ix._strings = json.loads(blobs["strings"])
        ids, names, types, aliases = json.loads(blobs["entities"])
        ix._ent_ids, ix._ent_names, ix._ent_types = ids, names, types
        ix._ent_aliases = [dict.fromkeys(a) for a in aliases]
        ix._ent_of = {e: i for i, e in enumerate(ids)}
        ment = arr("I", "ent_mentions")
        ment_off = arr("I", "ent_offsets")
        ix._ent_mentions = [ment[ment_off[i] : ment_off[i + 1]] for i in range(len(ids))]
        for k, p in enumerate(ix._post):
            p.base = arr("I", f"post{k}")
            p.offsets = arr("I", f"off{k}")
            if len(p.offsets) != len(ix._terms) + 1 or (p.offsets and p.offsets[-1] != len(p.base)):
                raise ValueError("index postings disagree")
        rows = conn.execute(
            "SELECT idx, path, hash, title, title_at, alive, text FROM ix_docs ORDER BY idx"
        ).fetchall()
        sections = json.loads(blobs["sections"])
        if len(rows) != len(ix._first_unit) or len(sections) != len(rows):
            raise ValueError("index documents disagree")
        if rows:
            idx, ix._paths, ix._hashes, ix._titles, ix._title_at, alive, ix._texts = (
                list(c) for c in zip(*rows, strict=True)
            )
            if idx[-1] != len(rows) - 1:
                raise ValueError("index documents out of order")
            ix._alive = bytearray(1 if a else 0 for a in alive)
            ix._sections = [[(a, b) for a, b in secs] for secs in sections]
            ix._doc_of = {p: d for d, p in enumerate(ix._paths) if ix._alive[d]}
        grams = blobs["tri_grams"].decode("utf-8")
        tri_data = arr("I", "tri_data")
        tri_off = arr("I", "tri_offsets")
        gram_list = grams.split("\n") if grams else []
        if len(tri_off) != len(gram_list) + 1:
            raise ValueError("index trigrams disagree")
        ix._tri = {g: tri_data[tri_off[i] : tri_off[i + 1]] for i, g in enumerate(gram_list)}
        ix._sorted = sorted(ix._terms)
        return ix

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
        grams = _trigrams(t)
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

    def _expand(self, tok: _QTok, loose: bool) -> dict[str, float]:
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

    def _gather(self, kind: int, exps: list[list[int]], cap: int) -> tuple[list[int], list[int]]:
        """The first ``cap`` live units of ``kind`` (library order) holding every query term.

        Walks the rarest term's postings and checks the others by binary search, so a
        common word costs ``cap`` steps, not one per posting. Also returns each term's count.
        """
        post = self._post[kind]
        lists: list[tuple[int, list[Sequence[int]]]] = []
        for tids in exps:
            seqs = [s for tid in tids for s in post.get(tid)]
            lists.append((sum(len(s) for s in seqs), seqs))
        sizes = [n for n, _ in lists]
        if not lists or min(sizes) == 0 or cap <= 0:
            return [], sizes
        order = sorted(lists, key=lambda x: x[0])
        driver = order[0][1]
        others = [seqs for _, seqs in order[1:]]
        walk: Iterable[int] = heapq.merge(*driver) if len(driver) > 1 else driver[0]
        all_alive = len(self._doc_of) == len(self._paths)
        alive, u_doc = self._alive, self._u_doc
        out: list[int] = []
        last = -1
        for u in walk:
            if u == last:
                continue
            last = u
            if not all_alive and not alive[u_doc[u]]:
                continue
            if all(any(_contains(s, u) for s in seqs) for seqs in others):
                out.append(u)
                if len(out) >= cap:
                    break
        return out, sizes

    # ---- search -----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Ranked hits for ``query`` (typos, missing diacritics and spelling variants allowed)."""
        q = parse_query(query)
        if not q.toks or limit <= 0:
            return []
        with self._lock:
            scored: set[int] = set()
            hits = self._search(q, limit, loose=False, scored=scored)
            if len(hits) < min(limit, LOOSE_BELOW):
                # Typo-tolerant finds come after every exact find.
                more = self._search(q, limit, loose=True, scored=scored)
                seen = {(h.path, h.kind, h.unit_start) for h in hits}
                floor = min((h.score for h in hits), default=math.inf)
                hits.extend(
                    h if h.score < floor else replace(h, score=floor * 0.999)
                    for h in more
                    if (h.path, h.kind, h.unit_start) not in seen
                )
        return hits[:limit]

    def _search(
        self, q: _Query, limit: int, loose: bool, scored: set[int] | None = None
    ) -> list[SearchHit]:
        """One pass; ``scored`` collects the units scored, and a later pass skips them."""
        filt = [t for t in q.toks if not t.stop] or q.toks
        all_exps = [self._expand(t, loose) for t in q.toks]
        filt_exps = [self._expand(t, loose) for t in filt]
        if not loose and any(not e for e in filt_exps):
            return []  # a word the vocabulary lacks: leave it to the typo-tolerant pass
        tid_exps = [[self._term_of[w] for w in e] for e in filt_exps]
        # Kinds in rank order (title, entity, quote, paragraph) share one budget: a passing
        # mention cannot outrank a title or entity match, so only as many units as could make
        # the list are scored.
        budget = limit + 10
        per_kind: list[list[int]] = []
        df = [0] * len(filt)
        for kind in range(len(KINDS)):
            cand, sizes = self._gather(kind, tid_exps, budget)
            budget -= len(cand)
            for i, n in enumerate(sizes):
                df[i] += n
            per_kind.append(cand)
        if loose and not any(per_kind) and len(filt) > 1:
            # No unit holds every word: drop one word at a time, most common first.
            for drop in sorted(range(len(filt)), key=lambda i: -df[i]):
                part = [x for i, x in enumerate(tid_exps) if i != drop]
                budget = limit + 10
                per_kind = []
                for k in range(len(KINDS)):
                    per_kind.append(self._gather(k, part, budget)[0])
                    budget -= len(per_kind[-1])
                if any(per_kind):
                    break
        if not any(per_kind):
            return []
        n_units = max(1, len(self._u_doc))
        idf_f = {id(e): math.log(1 + n_units / (1 + df[i])) for i, e in enumerate(filt_exps)}
        weights = [idf_f.get(id(e), 0.2) for e in all_exps]
        mt = _Matcher(all_exps, weights, q.phrase)
        hits: list[SearchHit] = []
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
        hits = _dedupe(hits)
        hits.sort(key=lambda h: (-h.score, self._doc_of.get(h.path, 0), h.start))
        return hits

    def _section(self, d: int, pos: int) -> str | None:
        secs = self._sections[d]
        if not secs:
            return None
        i = bisect_right(secs, (pos, "\uffff")) - 1
        return secs[i][1] if i >= 0 else None

    def _tokens(self, u: int, body: str) -> list[tuple[str, int, int]]:
        """A unit's words, cached: typing a word re-scores the same units keystroke after
        keystroke."""
        toks = self._tok_cache.get(u)
        if toks is None:
            if len(self._tok_cache) >= 4096:
                self._tok_cache.clear()
            toks = self._tok_cache[u] = tokenize(body)
        return toks

    def _alias_tokens(self, ei: int) -> list[list[tuple[str, int, int]]]:
        """The words of an entity's name and of each of its spellings, cached."""
        got = self._alias_cache.get(ei)
        if got is None:
            if len(self._alias_cache) >= 4096:
                self._alias_cache.clear()
            got = self._alias_cache[ei] = [
                tokenize(a) for a in (self._ent_names[ei], *self._ent_aliases[ei])
            ]
        return got

    def _score_unit(self, u: int, kind: int, q: _Query, mt: _Matcher) -> SearchHit | None:
        d = self._u_doc[u]
        text = self._texts[d]
        s, e = self._u_start[u], self._u_end[u]
        extra = self._u_extra[u]
        entity_id = speaker = None
        weight = KIND_WEIGHT[kind]
        if kind == K_TITLE:
            body = self._titles[d]
            base = self._title_at[d]
            best = mt.match(tokenize(body))
        elif kind == K_ENTITY:
            if extra < 0:
                return None
            entity_id = self._ent_ids[extra]
            best = None
            for toks in self._alias_tokens(extra):
                m = mt.match(toks)
                if m is not None and (best is None or m[0] > best[0]):
                    best = m
            if best is None:
                return None
            name = self._ent_names[extra]
            label = f"{name} ({self._ent_types[extra]})"
            inner = [(s + a, s + b) for a, b in mt.spans(text[s:e])] or [(s, e)]
            ctx = _window(text, s, e, 60, inner)
            snippet = f"{label}: {ctx[0]}"
            spans = tuple(mt.spans(name)) + tuple(
                (a + len(label) + 2, b + len(label) + 2) for a, b in ctx[1]
            )
            return SearchHit(
                self._paths[d],
                self._titles[d],
                s,
                e,
                snippet,
                spans,
                weight * best[0],
                "entity",
                self._section(d, s),
                s,
                e,
                entity_id,
                None,
            )
        else:
            body = text[s:e]
            base = s
            best = mt.match(self._tokens(u, body))
            if kind == K_QUOTE and extra >= 0:
                speaker = self._strings[extra]
                sm = mt.match(tokenize(speaker), phrase_required=False)
                if sm is not None and (best is None or sm[0] >= best[0]):
                    snip, spans = _window(body, 0, 0, 70)
                    lead = f"{snip} — "
                    sp = tuple((a + len(lead), b + len(lead)) for a, b in sm[1])
                    return SearchHit(
                        self._paths[d],
                        self._titles[d],
                        s,
                        e,
                        lead + speaker,
                        sp,
                        SPEAKER_WEIGHT * sm[0],
                        "quote",
                        self._section(d, s),
                        s,
                        e,
                        None,
                        speaker,
                    )
        if best is None:
            return None
        score, spans_local, (cs, ce) = best
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
            snippet, spans = body, tuple(spans_local)
            us, ue = (base, base + len(body)) if base >= 0 else (0, 0)
        else:
            snippet, spans = _window(body, cs, ce, 70, spans_local)
            us, ue = s, e
        return SearchHit(
            self._paths[d],
            self._titles[d],
            hs,
            he,
            snippet,
            spans,
            weight * score,
            KINDS[kind],
            self._section(d, hs),
            us,
            ue,
            entity_id,
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
            found: dict[int, dict[tuple[int, int], SearchHit]] = {}
            places: dict[int, list[tuple[int, int, int]]] = {}
            ents: set[int] = set()
            by_id = self._ent_of.get(target)
            toks = terms(target)
            if by_id is not None:
                ents.add(by_id)
            elif toks:
                for i, name in enumerate(self._ent_names):
                    if terms(name) == toks or any(terms(a) == toks for a in self._ent_aliases[i]):
                        ents.add(i)
            for ei in ents:
                m = self._ent_mentions[ei]
                for j in range(0, len(m), 3):
                    d, s, e = m[j], m[j + 1], m[j + 2]
                    if self._alive[d]:
                        self._add_ref(found, places, d, s, e, self._ent_ids[ei])
            if by_id is None and toks:
                self._phrase_refs(toks, found, places)
            out: list[DocHits] = []
            n = 0
            for d in sorted(found, key=lambda d: (-len(found[d]), self._titles[d])):
                hits = sorted(found[d].values(), key=lambda h: h.start)
                out.append(DocHits(self._paths[d], self._titles[d], hits))
                n += len(hits)
                if n >= limit:
                    break
            return out

    def _phrase_refs(
        self,
        toks: list[str],
        found: dict[int, dict[tuple[int, int], SearchHit]],
        places: dict[int, list[tuple[int, int, int]]],
    ) -> None:
        exps: list[dict[str, float]] = []
        for t in toks:
            e = {t: 1.0}
            for v in (t + "s", t + "es"):
                if v in self._term_of:
                    e[v] = 0.95
            exps.append(e)
        tids = [[self._term_of[w] for w in e if w in self._term_of] for e in exps]
        for kind in (K_QUOTE, K_PARA, K_TITLE):
            cand, _ = self._gather(kind, tids, 1 << 30)
            for u in cand:
                d = self._u_doc[u]
                if not self._alive[d]:
                    continue
                if kind == K_TITLE:
                    body, base = self._titles[d], self._title_at[d]
                else:
                    us, ue = self._u_start[u], self._u_end[u]
                    body, base = self._texts[d][us:ue], us
                if base < 0:
                    continue
                tk = tokenize(body)
                n = len(toks)
                for j in range(len(tk) - n + 1):
                    if all(tk[j + i][0] in exps[i] for i in range(n)):
                        a, b = base + tk[j][1], base + tk[j + n - 1][2]
                        self._add_ref(found, places, d, a, b, None)
                        break

    def _add_ref(
        self,
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
            lo = self._first_unit[d]
            hi = self._first_unit[d + 1] if d + 1 < len(self._first_unit) else len(self._u_doc)
            units = places[d] = sorted(
                (self._u_start[u], -self._u_kind[u], u)
                for u in range(lo, hi)
                if self._u_kind[u] in (K_QUOTE, K_PARA)
            )
        unit = None
        i = bisect_right(units, (s, 0, sys.maxsize))
        while i > 0:
            i -= 1
            us, _, u = units[i]
            if e <= self._u_end[u] and (
                unit is None or (self._u_kind[u] == K_QUOTE and self._u_kind[unit] == K_PARA)
            ):
                unit = u
            if us < s - 20000:
                break
        kind: HitKind = "paragraph"
        if unit is None:
            us, ue = s, e
        else:
            us, ue = self._u_start[unit], self._u_end[unit]
            if self._u_kind[unit] == K_QUOTE:
                kind = "quote"
        key = (us, ue)
        per = found.setdefault(d, {})
        if key in per:
            return
        body = self._texts[d][us:ue]
        snippet, spans = _window(body, s - us, e - us, 70, [(s - us, e - us)])
        speaker = None
        if unit is not None and kind == "quote" and self._u_extra[unit] >= 0:
            speaker = self._strings[self._u_extra[unit]]
        per[key] = SearchHit(
            self._paths[d],
            self._titles[d],
            s,
            e,
            snippet,
            spans,
            1.0,
            kind,
            self._section(d, s),
            us,
            ue,
            entity_id,
            speaker,
        )


# --------------------------------------------------------------------------------------------
# Scoring helpers


class _Matcher:
    """One query's expansions as a term map: which query words each index term satisfies."""

    __slots__ = ("n", "phrase", "tmap", "total_w", "weights")

    def __init__(self, exps: list[dict[str, float]], weights: list[float], phrase: bool) -> None:
        self.n = len(exps)
        self.weights = weights
        self.total_w = sum(weights) or 1.0
        self.phrase = phrase
        tmap: dict[str, list[tuple[int, float]]] = {}
        for i, e in enumerate(exps):
            for t, qv in e.items():
                tmap.setdefault(t, []).append((i, qv))
        self.tmap = tmap

    def spans(self, body: str) -> list[tuple[int, int]]:
        tmap = self.tmap
        return [(a, b) for t, a, b in tokenize(body) if t in tmap]

    def match(
        self, toks: list[tuple[str, int, int]], phrase_required: bool | None = None
    ) -> tuple[float, list[tuple[int, int]], tuple[int, int]] | None:
        """Score a tokenised field: (score, matched spans, centre span) or None."""
        if not toks:
            return None
        n, tmap, weights = self.n, self.tmap, self.weights
        best_q = [0.0] * n
        first_at = [-1] * n
        spans: list[tuple[int, int]] = []
        hits: dict[int, list[tuple[int, float]]] = {}
        for j, (t, a, b) in enumerate(toks):
            m = tmap.get(t)
            if m is None:
                continue
            hits[j] = m
            spans.append((a, b))
            for i, qv in m:
                if qv > best_q[i]:
                    best_q[i] = qv
                    first_at[i] = j
        if not spans:
            return None
        cov = sum(w * qv for w, qv in zip(weights, best_q, strict=True)) / self.total_w
        if cov <= 0:
            return None
        phrase_at = -1
        if n >= 2:
            for j, m in hits.items():
                if any(i == 0 for i, _ in m) and all(
                    any(i == k for i, _ in hits.get(j + k, ())) for k in range(1, n)
                ):
                    phrase_at = j
                    break
        required = self.phrase if phrase_required is None else phrase_required
        if required and n >= 2 and phrase_at < 0:
            return None
        score = cov * cov
        if phrase_at >= 0:
            score += 0.35
            centre = (toks[phrase_at][1], toks[phrase_at + n - 1][2])
        else:
            placed = sorted(j for j in first_at if j >= 0)
            if len(placed) >= 2:
                spread = placed[-1] - placed[0] + 1
                score += 0.15 * len(placed) / spread
            i_best = max(range(n), key=lambda i: (weights[i] * best_q[i], -i))
            j = first_at[i_best] if first_at[i_best] >= 0 else placed[0]
            centre = (toks[j][1], toks[j][2])
        if n == len(toks) and cov >= 0.99:
            score += 0.25  # the whole field is the query (a title or a name)
        return score, spans, centre


def _window(
    body: str, cs: int, ce: int, width: int, spans: Iterable[tuple[int, int]] = ()
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line excerpt of ``body`` around ``cs:ce`` with the spans moved into it."""
    if len(body) <= 2 * width + (ce - cs):
        lo, hi = 0, len(body)
    else:
        lo = max(0, cs - width)
        hi = min(len(body), ce + width)
        if lo > 0:
            sp = body.find(" ", lo, cs)
            lo = sp + 1 if sp >= 0 else lo
        if hi < len(body):
            sp = body.rfind(" ", ce, hi)
            hi = sp if sp > ce else hi
    piece = body[lo:hi].replace("\n", " ").replace("\t", " ")
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(body) else ""
    shift = len(prefix) - lo
    out = tuple((a + shift, b + shift) for a, b in spans if a >= lo and b <= hi)
    return prefix + piece + suffix, out


def _dedupe(hits: list[SearchHit]) -> list[SearchHit]:
    """A paragraph hit inside a quote hit of the same place is the same find: keep the quote."""
    quotes: dict[str, list[tuple[int, int]]] = {}
    for h in hits:
        if h.kind == "quote":
            quotes.setdefault(h.path, []).append((h.unit_start, h.unit_end))
    if not quotes:
        return hits
    out = []
    for h in hits:
        if h.kind == "paragraph" and any(
            a <= h.start and h.end <= b for a, b in quotes.get(h.path, ())
        ):
            continue
        out.append(h)
    return out
