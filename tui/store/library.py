"""The shared library on the team's server: files parsed once, by whichever index process is free.

Why it is shaped this way:

- ``lib_jobs`` is the work list: one row per file (size, mtime). A worker claims a few pending
  rows with ``SELECT ... FOR UPDATE SKIP LOCKED`` and holds that lock while it parses them; the
  documents and the ``done`` mark are committed in the same transaction. So two workers never
  parse the same file, a ``kill -9`` rolls its batch back to ``pending`` (a rerun or another
  worker picks it up), and no document is ever stored twice (``parsed_count`` tells).
- Search runs where the data is: the server narrows the library to candidate documents with a
  ``tsvector`` of each document's folded terms (the same folding as local search) and finds a
  typo's neighbours with ``pg_trgm`` over the vocabulary; the candidates' search payloads are
  then ranked by the very code local search uses (:class:`tui.search.index.SearchIndex`), so the
  ranking rules and the ``search --json`` output are the same.
"""

from __future__ import annotations

import json
import os
import socket
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

import psycopg
from rapidfuzz.distance import OSA

from parsers import ParseError, parse_file
from tui.core.discover import find_documents
from tui.core.text import printable
from tui.entities.index import apply_user_gazetteer
from tui.notes.anchoring import content_hash
from tui.search.hits import K_ENTITY, K_TITLE, DocPayload, SearchHit, prepare
from tui.search.index import SearchIndex
from tui.search.query import QTok, parse_query
from tui.store.postgres import _error

#: Files claimed per transaction: enough to amortise the round trips, few enough that a killed
#: worker loses little.
BATCH = 4


@dataclass
class IndexReport:
    queued: int = 0
    parsed: int = 0
    failed: int = 0
    problems: list[str] | None = None


def _connect(url: str) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        raise _error(exc, url) from None


def enqueue(url: str, paths: Sequence[str]) -> IndexReport:
    """Put every document file under ``paths`` on the work list; changed files go back to
    pending, unchanged ones stay done."""
    found = find_documents(list(paths))
    report = IndexReport(problems=list(found.problems))
    rows = []
    for f in found.files:
        p = os.path.abspath(f)
        try:
            st = os.stat(p if os.path.exists(p) else p.rpartition("#")[0])
        except OSError as exc:
            report.problems.append(f"{printable(p)}: cannot read ({exc.strerror or exc})")  # type: ignore[union-attr]
            continue
        rows.append((p, st.st_size, st.st_mtime_ns))
    with _connect(url) as conn, conn.transaction(), conn.cursor() as cur:
        cur.executemany(
            """INSERT INTO lib_jobs (path, size, mtime_ns) VALUES (%s, %s, %s)
               ON CONFLICT (path) DO UPDATE SET size = excluded.size,
               mtime_ns = excluded.mtime_ns, state = 'pending', updated = now()
               WHERE lib_jobs.size <> excluded.size OR lib_jobs.mtime_ns <> excluded.mtime_ns""",
            rows,
        )
    report.queued = len(rows)
    return report


def payload_json(p: DocPayload) -> str:
    return json.dumps(
        [p.path, p.hash, p.title, p.title_at, p.text, p.sections, p.units, p.entities],
        ensure_ascii=False,
    )


def payload_from_json(raw: str) -> DocPayload:
    path, h, title, title_at, text, sections, units, entities = json.loads(raw)
    return DocPayload(
        path,
        h,
        title,
        title_at,
        text,
        [(int(a), str(b)) for a, b in sections],
        [tuple(u) for u in units],
        [tuple(e) for e in entities],
    )


def _terms_by_weight(p: DocPayload) -> tuple[list[str], list[str], list[str]]:
    title: set[str] = set()
    ents: set[str] = set()
    rest: set[str] = set()
    for kind, _s, _e, _x, words in p.units:
        target = title if kind == K_TITLE else ents if kind == K_ENTITY else rest
        target.update(words.split())
    ents -= title
    rest -= title | ents
    return sorted(title), sorted(ents), sorted(rest)


def work(
    url: str,
    worker: str | None = None,
    batch: int = BATCH,
    on_progress: Callable[[int, int], None] | None = None,
    stop_after: int | None = None,
) -> IndexReport:
    """Claim and parse pending files until none are left. Returns what this worker did."""
    worker = worker or f"{socket.gethostname()}:{os.getpid()}"
    report = IndexReport(problems=[])
    with _connect(url) as conn:
        while stop_after is None or report.parsed < stop_after:
            with conn.transaction():
                rows = conn.execute(
                    """SELECT path FROM lib_jobs WHERE state = 'pending' ORDER BY path
                       LIMIT %s FOR UPDATE SKIP LOCKED""",
                    (batch,),
                ).fetchall()
                if not rows:
                    break
                terms: set[str] = set()
                for (path,) in rows:
                    try:
                        doc = apply_user_gazetteer(parse_file(path))
                    except ParseError as exc:
                        _fail(conn, path, worker, printable(str(exc)))
                        report.failed += 1
                        report.problems.append(printable(str(exc)))  # type: ignore[union-attr]
                        continue
                    except Exception as exc:  # a parser bug costs one document, not the run
                        msg = f"{printable(path)}: could not be parsed ({type(exc).__name__})"
                        _fail(conn, path, worker, msg)
                        report.failed += 1
                        report.problems.append(msg)  # type: ignore[union-attr]
                        continue
                    doc.path = path
                    p = prepare(doc, path, content_hash(doc.text))
                    title, ents, rest = _terms_by_weight(p)
                    terms.update(title, ents, rest)
                    conn.execute(
                        """INSERT INTO lib_documents
                           (path, title, date, source, content_hash, payload, tsv)
                           VALUES (%s, %s, %s, %s, %s, %s,
                             setweight(array_to_tsvector(%s::text[]), 'A') ||
                             setweight(array_to_tsvector(%s::text[]), 'B') ||
                             array_to_tsvector(%s::text[]))
                           ON CONFLICT (path) DO UPDATE SET title = excluded.title,
                           date = excluded.date, source = excluded.source,
                           content_hash = excluded.content_hash, payload = excluded.payload,
                           tsv = excluded.tsv""",
                        (
                            path,
                            doc.title,
                            doc.date,
                            doc.source,
                            p.hash,
                            payload_json(p),
                            title,
                            ents,
                            rest,
                        ),
                    )
                    conn.execute(
                        """UPDATE lib_jobs SET state = 'done', worker = %s, error = NULL,
                           parsed_count = parsed_count + 1, updated = now() WHERE path = %s""",
                        (worker, path),
                    )
                    report.parsed += 1
                if terms:
                    # Sorted, so concurrent workers take the vocabulary's locks in one order.
                    conn.execute(
                        "INSERT INTO lib_terms SELECT unnest(%s::text[]) ON CONFLICT DO NOTHING",
                        (sorted(terms),),
                    )
            if on_progress:
                on_progress(report.parsed, report.failed)
    return report


def _fail(conn: psycopg.Connection[Any], path: str, worker: str, msg: str) -> None:
    conn.execute(
        """UPDATE lib_jobs SET state = 'failed', worker = %s, error = %s,
           parsed_count = parsed_count + 1, updated = now() WHERE path = %s""",
        (worker, msg, path),
    )


def status(url: str) -> dict[str, int]:
    """Jobs by state (pending, done, failed)."""
    with _connect(url) as conn:
        return {
            str(s): int(n)
            for s, n in conn.execute("SELECT state, COUNT(*) FROM lib_jobs GROUP BY state")
        }


# -- search ---------------------------------------------------------------------------------

#: Documents the server hands to the ranker, per kind of unit, in library (path) order, as
#: local search gathers units: titles (lexemes of weight A), names (A or B), any text.
TITLE_DOCS = 120
ENTITY_DOCS = 120
TEXT_DOCS = 120
#: A query of several words gathers more (local search checks up to GATHER_CAP units for the
#: words as typed).
TEXT_DOCS_MULTI = 240


def _lexeme(term: str, prefix: bool = False, weights: str = "") -> str:
    quoted = "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"
    if prefix or weights:
        quoted += ":" + ("*" if prefix else "") + weights
    return quoted


def _exact_words(tok: QTok) -> list[str]:
    t = tok.term
    return [t] + [
        v for v in (t + "s", t + "es", t[:-1] if t.endswith("s") and len(t) > 3 else "") if v
    ]


def _typo_ok(tok: QTok, w: str) -> bool:
    """``w`` a typo of the query word (or of its typed prefix), as local search decides."""
    t = tok.term
    n = len(t)
    k = 1 if n < 8 else 2
    typo = w != t and abs(len(w) - n) <= k and OSA.distance(t, w, score_cutoff=k) <= k
    typed_prefix = (
        tok.open and n >= 6 and len(w) > n and OSA.distance(t, w[:n], score_cutoff=1) <= 1
    )
    return typo or typed_prefix


@dataclass
class _Words:
    """A query word's spellings on the server: exact forms, typed prefix, typo neighbours."""

    tok: QTok
    exact: list[str]
    typos: list[str]

    def group(self, loose: bool, weights: str = "") -> str:
        alts = [_lexeme(w, weights=weights) for w in self.exact]
        if self.tok.open and len(self.tok.term) >= 2:
            alts.append(_lexeme(self.tok.term, prefix=True, weights=weights))
        if loose:
            alts += [_lexeme(w, weights=weights) for w in self.typos]
        return "(" + " | ".join(alts) + ")"

    def matches(self, w: str) -> bool:
        t = self.tok.term
        return (
            w in self.exact
            or w in self.typos
            or (self.tok.open and len(t) >= 2 and w.startswith(t))
        )


def _typos(conn: psycopg.Connection[Any], toks: list[QTok]) -> dict[str, list[str]]:
    """Every word's typo neighbours in the library's vocabulary, in one round trip (pg_trgm
    narrows through its GIN index, OSA distance decides, as locally)."""
    want = sorted({t.term for t in toks if len(t.term) >= 4 and t.term.isalpha()})
    out: dict[str, list[str]] = {t.term: [] for t in toks}
    if not want:
        return out
    rows = conn.execute(
        """SELECT q, term FROM unnest(%s::text[]) AS q, LATERAL (
               SELECT term FROM lib_terms WHERE term %% q
               ORDER BY similarity(term, q) DESC LIMIT 200) AS near""",
        (want,),
        prepare=True,
    ).fetchall()
    by_term = {t.term: t for t in toks}
    for q, w in rows:
        if _typo_ok(by_term[q], w):
            out[q].append(w)
    return out


#: Candidates by kind in one statement; each part walks documents in path order and stops at
#: its limit (the planner picks the GIN index on ``tsv`` or the path order, whichever is
#: cheaper for the words' frequency).
_CANDIDATES_SQL = """
SELECT d.path, d.content_hash FROM (
    (SELECT path FROM lib_documents WHERE tsv @@ CAST(%(title)s AS tsquery) {under}
     ORDER BY path LIMIT %(n_title)s)
    UNION (SELECT path FROM lib_documents WHERE tsv @@ CAST(%(names)s AS tsquery) {under}
     ORDER BY path LIMIT %(n_names)s)
    UNION (SELECT path FROM lib_documents WHERE tsv @@ CAST(%(text)s AS tsquery) {under}
     ORDER BY path LIMIT %(n_text)s)
    UNION (SELECT path FROM lib_documents WHERE tsv @@ CAST(%(loose)s AS tsquery) {under}
     ORDER BY path LIMIT %(n_text)s)
) AS c JOIN lib_documents AS d USING (path) ORDER BY d.path
"""


class ServerLibrary:
    """Searches the shared library over one connection, keeping the documents' search payloads
    it has loaded (by content hash), so a session's later queries fetch only new candidates.

    A query costs two or three round trips: the words' typo neighbours (pg_trgm), the
    candidate documents with their content hashes (one statement, see ``_CANDIDATES_SQL``),
    and only then the payloads not yet held. The ranker indexes only the candidates' units
    that hold a word of the query (the rest could never be gathered), counting the others
    for the words' weights, so ranking costs what the candidates match, not their length.
    """

    def __init__(self, url: str, keep: int = 4000) -> None:
        self.url = url
        self.keep = keep
        self._conn: psycopg.Connection[Any] | None = None
        self._payloads: dict[str, tuple[str, DocPayload, _DocWords]] = {}

    def _connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or self._conn.closed:
            self._conn = _connect(self.url)
            self._conn.execute("SET pg_trgm.similarity_threshold = 0.3")
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None

    def search(self, query: str, limit: int = 20, under: str | None = None) -> list[SearchHit]:
        """Ranked hits from the shared library, as :meth:`SearchIndex.search` ranks them."""
        q = parse_query(query)
        if not q.toks or limit <= 0:
            return []
        filt = [t for t in q.toks if not t.stop] or q.toks
        prefix = os.path.abspath(under) if under else None
        try:
            conn = self._connection()
            typos = _typos(conn, q.toks)
            words = [_Words(t, _exact_words(t), typos.get(t.term, [])) for t in filt]
            found = self._candidates(conn, words, len(q.toks) > 1, prefix, need_all=True)
            if not found and len(filt) > 1:  # no document holds every word: any of them
                found = self._candidates(conn, words, True, prefix, need_all=False)
            if not found:
                return []
            payloads = self._load(conn, found)
        except psycopg.Error as exc:
            self.close()
            raise _error(exc, self.url) from None
        every = [_Words(t, _exact_words(t), typos.get(t.term, [])) for t in q.toks]
        allowed = {x for w in every for x in (*w.exact, *w.typos)}
        prefixes = [w.tok.term for w in every if w.tok.open and len(w.tok.term) >= 2]
        index = SearchIndex()
        held = 0
        total = 0
        for p, doc_words in payloads:
            units = _units_holding(doc_words, allowed, prefixes, p.units)
            total += len(p.units)
            held += len(units)
            index.add_payload(replace(p, units=units))
        index.units_elsewhere = total - held
        index.freeze()
        return index.search(query, limit=limit)

    def _candidates(
        self,
        conn: psycopg.Connection[Any],
        words: list[_Words],
        multi: bool,
        prefix: str | None,
        need_all: bool,
    ) -> list[tuple[str, str]]:
        joiner = " & " if need_all else " | "
        args: dict[str, Any] = {
            "title": joiner.join(w.group(False, "A") for w in words),
            "names": joiner.join(w.group(False, "AB") for w in words),
            "text": joiner.join(w.group(False) for w in words),
            "loose": joiner.join(w.group(True) for w in words),
            "n_title": TITLE_DOCS,
            "n_names": ENTITY_DOCS,
            "n_text": TEXT_DOCS_MULTI if multi else TEXT_DOCS,
        }
        under = ""
        if prefix:
            under = "AND starts_with(path, %(under)s)"
            args["under"] = prefix
        sql = _CANDIDATES_SQL.format(under=under)
        return [(r[0], r[1]) for r in conn.execute(sql, args, prepare=True).fetchall()]

    def _load(
        self, conn: psycopg.Connection[Any], found: list[tuple[str, str]]
    ) -> list[tuple[DocPayload, _DocWords]]:
        want = [p for p, h in found if self._payloads.get(p, ("",))[0] != h]
        if want:
            for path, h, raw in conn.execute(
                "SELECT path, content_hash, payload FROM lib_documents WHERE path = ANY(%s)",
                (want,),
                prepare=True,
            ):
                self._payloads.pop(path, None)
                while len(self._payloads) >= self.keep:
                    self._payloads.pop(next(iter(self._payloads)))
                p = payload_from_json(raw)
                self._payloads[path] = (h, p, _DocWords.of(p))
        out = []
        for path, _h in found:
            got = self._payloads.get(path)
            if got is not None:
                out.append((got[1], got[2]))
        return out


@dataclass
class _DocWords:
    """A document's terms -> the units holding them, and its vocabulary sorted (prefixes)."""

    units: dict[str, list[int]]
    vocab: list[str]

    @classmethod
    def of(cls, p: DocPayload) -> _DocWords:
        units: dict[str, list[int]] = {}
        for i, u in enumerate(p.units):
            for w in u[4].split():
                units.setdefault(w, []).append(i)
        return cls(units, sorted(units))


def _units_holding(
    words: _DocWords,
    allowed: set[str],
    prefixes: list[str],
    units: list[tuple[int, int, int, str, str]],
) -> list[tuple[int, int, int, str, str]]:
    """The units of a document that hold a spelling of a query word, in document order, each
    with only those words: the ranker finds units by the query's words and reads the words
    it scores from the text, so the rest of a unit's words would only cost indexing time
    (tokens, trigrams and postings for a vocabulary no query word can reach)."""
    held: dict[int, list[str]] = {}
    for w in allowed:
        for i in words.units.get(w, ()):
            held.setdefault(i, []).append(w)
    for pf in prefixes:
        i = bisect_left(words.vocab, pf)
        while i < len(words.vocab) and words.vocab[i].startswith(pf):
            w = words.vocab[i]
            if w not in allowed:
                for u in words.units[w]:
                    held.setdefault(u, []).append(w)
            i += 1
    out = []
    for i in sorted(held):
        kind, s, e, extra, _ = units[i]
        out.append((kind, s, e, extra, " ".join(held[i])))
    return out


def server_search(
    url: str, query: str, limit: int = 20, under: str | None = None
) -> list[SearchHit]:
    """One query on a fresh connection (the shell's ``search --store``)."""
    lib = ServerLibrary(url)
    try:
        return lib.search(query, limit, under)
    finally:
        lib.close()
