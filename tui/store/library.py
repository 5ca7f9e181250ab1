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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from rapidfuzz.distance import OSA

from parsers import ParseError, parse_file
from tui.core.discover import find_documents
from tui.core.text import printable
from tui.entities.index import apply_user_gazetteer
from tui.notes.anchoring import content_hash
from tui.search.hits import K_ENTITY, K_TITLE, DocPayload, SearchHit, prepare
from tui.search.index import LOOSE_BELOW, SearchIndex
from tui.search.query import QTok, parse_query
from tui.store.postgres import _error

#: Files claimed per transaction: enough to amortise the round trips, few enough that a killed
#: worker loses little.
BATCH = 4
#: Documents the server hands to the ranker per query.
CANDIDATES = 120


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


def _lexeme(term: str, prefix: bool = False) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if prefix else "")


def _exact_alts(tok: QTok) -> list[str]:
    t = tok.term
    alts = [_lexeme(t)]
    for v in (t + "s", t + "es", t[:-1] if t.endswith("s") and len(t) > 3 else ""):
        if v:
            alts.append(_lexeme(v))
    if tok.open and len(t) >= 2:
        alts.append(_lexeme(t, prefix=True))
    return alts


def _typo_alts(conn: psycopg.Connection[Any], tok: QTok) -> list[str]:
    """Words of the library a typo away (pg_trgm narrows, OSA distance decides, as locally)."""
    t = tok.term
    n = len(t)
    if n < 4 or not t.isalpha():
        return []
    k = 1 if n < 8 else 2
    rows = conn.execute(
        "SELECT term FROM lib_terms WHERE term %% %s ORDER BY similarity(term, %s) DESC LIMIT 200",
        (t, t),
    ).fetchall()
    out = []
    for (w,) in rows:
        typo = w != t and abs(len(w) - n) <= k and OSA.distance(t, w, score_cutoff=k) <= k
        typed_prefix = (
            tok.open and n >= 6 and len(w) > n and OSA.distance(t, w[:n], score_cutoff=1) <= 1
        )
        if typo or typed_prefix:
            out.append(_lexeme(w))
    return out


def _candidates(
    conn: psycopg.Connection[Any], groups: list[list[str]], need_all: bool, prefix: str | None
) -> list[str]:
    groups = [g for g in groups if g]
    if not groups:
        return []
    joiner = " & " if need_all else " | "
    tsq = joiner.join("(" + " | ".join(g) + ")" for g in groups)
    where = "tsv @@ q"
    args: list[Any] = [tsq]
    if prefix:
        where += " AND starts_with(path, %s)"
        args.append(prefix)
    rows = conn.execute(
        f"""SELECT path FROM lib_documents, CAST(%s AS tsquery) q WHERE {where}
            ORDER BY ts_rank(tsv, q) DESC, path LIMIT {CANDIDATES}""",
        args,
    ).fetchall()
    return [r[0] for r in rows]


class ServerLibrary:
    """Searches the shared library over one connection, keeping the documents' search payloads
    it has loaded (by content hash), so a session's later queries fetch only new candidates."""

    def __init__(self, url: str, keep: int = 4000) -> None:
        self.url = url
        self.keep = keep
        self._conn: psycopg.Connection[Any] | None = None
        self._payloads: dict[str, tuple[str, DocPayload]] = {}

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
            exact = [_exact_alts(t) for t in filt]
            paths = _candidates(conn, exact, True, prefix)
            if len(paths) < LOOSE_BELOW:
                loose = [e + _typo_alts(conn, t) for e, t in zip(exact, filt, strict=True)]
                more = _candidates(conn, loose, True, prefix)
                if not more and len(filt) > 1:
                    more = _candidates(conn, loose, False, prefix)
                seen = set(paths)
                paths += [p for p in more if p not in seen]
            if not paths:
                return []
            payloads = self._load(conn, paths)
        except psycopg.Error as exc:
            self.close()
            raise _error(exc, self.url) from None
        index = SearchIndex()
        for p in sorted(payloads, key=lambda p: p.path):
            index.add_payload(p)
        index.freeze()
        return index.search(query, limit=limit)

    def _load(self, conn: psycopg.Connection[Any], paths: list[str]) -> list[DocPayload]:
        hashes = dict(
            conn.execute(
                "SELECT path, content_hash FROM lib_documents WHERE path = ANY(%s)", (paths,)
            ).fetchall()
        )
        want = [p for p in paths if p in hashes and self._payloads.get(p, ("",))[0] != hashes[p]]
        if want:
            for path, h, raw in conn.execute(
                "SELECT path, content_hash, payload FROM lib_documents WHERE path = ANY(%s)",
                (want,),
            ):
                if len(self._payloads) >= self.keep:
                    self._payloads.pop(next(iter(self._payloads)))
                self._payloads[path] = (h, payload_from_json(raw))
        return [self._payloads[p][1] for p in paths if p in self._payloads]


def server_search(
    url: str, query: str, limit: int = 20, under: str | None = None
) -> list[SearchHit]:
    """One query on a fresh connection (the shell's ``search --store``)."""
    lib = ServerLibrary(url)
    try:
        return lib.search(query, limit, under)
    finally:
        lib.close()
