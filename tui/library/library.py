"""The library: the documents a user opened, parsed once, kept as light metadata plus an index.

Why this shape (Toolong's lesson): show the first screen at once, parse in the background
on every core, keep only offsets and text in memory. ``scan`` takes what the parse cache already
knows (unchanged size, mtime and parser version), parses the rest in worker processes, and feeds
every document to the search index as it arrives. Whole ``Document`` objects are loaded from the
cache on demand and only a few are kept (a small LRU), so 10,000 articles stay light.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sqlite3
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from parsers import PARSER_VERSION, Document, ParseError, parse_file
from tui.core import paths as app_paths
from tui.core.discover import file_of, find_documents
from tui.core.text import printable
from tui.library.parse_cache import (
    CacheRow,
    ParseCache,
    content_hash,
    decode_document,
    encode_document,
    open_database,
    parser_key,
    remove_database,
)

if TYPE_CHECKING:
    # Imported where used: the search index (rapidfuzz) and the entity rules are not needed
    # to show a document from the cache, so the reader's first screen never waits for them.
    from tui.search.index import DocPayload, SearchIndex

#: Fewer documents than this to parse: do it in this process (a pool costs ~0.3 s to start).
PARALLEL_MIN = 48
CHUNK = 24
LRU_SIZE = 12
INDEX_SCHEMA = 1


@dataclass(slots=True)
class DocEntry:
    """What the document list shows, without holding the whole document."""

    path: str
    title: str
    date: str | None
    source: str | None
    words: int = 0
    #: The file's modification time (ns): the timeline's date for a document without one.
    mtime_ns: int = 0


@dataclass(slots=True)
class Progress:
    """How far a scan is: ``done`` of ``total`` documents, ``from_cache`` of them cached."""

    done: int
    total: int
    from_cache: int = 0
    elapsed: float = 0.0
    #: "cache" while reading the cache, "parse" while parsing, "index" while saving the index,
    #: "done" at the end.
    phase: str = "parse"

    @property
    def rate(self) -> float:
        """Documents parsed per second (cached ones excluded: they cost nothing)."""
        parsed = self.done - self.from_cache
        return parsed / self.elapsed if self.elapsed > 0 and parsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left, or None before the rate is known."""
        if self.done >= self.total:
            return 0.0
        r = self.rate
        return (self.total - self.done) / r if r > 0 else None

    def describe(self) -> str:
        """One line: "1,234/10,000 documents · 210/s · 42 s left"."""
        parts = [f"{self.done:,}/{self.total:,} documents"]
        if self.from_cache:
            parts.append(f"{self.from_cache:,} cached")
        if self.rate:
            parts.append(f"{self.rate:,.0f}/s")
        eta = self.eta
        if self.phase == "index":
            parts.append("saving index")
        elif eta is not None and self.done < self.total:
            parts.append(f"{eta:,.0f} s left")
        return " · ".join(parts)


@dataclass(slots=True)
class _Job:
    path: str
    size: int
    mtime_ns: int
    #: The content hash the cache holds for this path (None: parse whatever it holds).
    known_hash: str | None
    #: True: the cache is valid, only the index needs the document.
    cached: bool
    #: :func:`tui.library.parse_cache.parser_key`: the parser version (+ the user's gazetteer).
    key: str = PARSER_VERSION


# A worker's answer: (path, size, mtime_ns, hash, row or None, blob, payload, error)
_Result = tuple[str, int, int, str, CacheRow | None, bytes | None, "DocPayload | None", str | None]


def _entry_of(row: CacheRow) -> DocEntry:
    return DocEntry(row.path, row.title, row.date, row.source, row.words, row.mtime_ns)


def _work(jobs: list[_Job], cache_path: str | None) -> list[_Result]:
    """Parse (or load from the cache) and tokenise a chunk of documents. Runs in a worker."""
    conn = None
    if cache_path is not None and any(j.cached or j.known_hash for j in jobs):
        with contextlib.suppress(sqlite3.Error):
            conn = sqlite3.connect(f"file:{cache_path}?mode=ro", uri=True, timeout=10)
    out: list[_Result] = []
    try:
        for job in jobs:
            out.append(_work_one(job, conn))
    finally:
        if conn is not None:
            conn.close()
    return out


def _cached_doc(conn: sqlite3.Connection | None, path: str) -> Document | None:
    if conn is None:
        return None
    try:
        r = conn.execute("SELECT data FROM docs WHERE path = ?", (path,)).fetchone()
        return decode_document(r[0], path) if r and r[0] is not None else None
    except (sqlite3.Error, ValueError, TypeError, KeyError, zlib.error):
        return None


def _work_one(job: _Job, conn: sqlite3.Connection | None) -> _Result:
    from tui.search.index import prepare

    p = job.path
    if job.cached and job.known_hash:
        doc = _cached_doc(conn, p)
        if doc is not None:
            return (
                p,
                job.size,
                job.mtime_ns,
                job.known_hash,
                None,
                None,
                prepare(doc, p, job.known_hash),
                None,
            )
    try:
        with open(file_of(p), "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return (
            p,
            job.size,
            job.mtime_ns,
            "",
            None,
            None,
            None,
            f"{printable(p)}: cannot read ({exc.strerror or exc})",
        )
    h = content_hash(data)
    if job.known_hash == h:
        doc = _cached_doc(conn, p)
        if doc is not None:  # only touched: keep the parse, refresh size and mtime
            return (p, job.size, job.mtime_ns, h, None, None, prepare(doc, p, h), None)
    try:
        doc = parse_file(p)
        if job.key != PARSER_VERSION:  # the user's gazetteer: only then the entity rules
            from tui.entities.index import apply_user_gazetteer

            apply_user_gazetteer(doc)
    except ParseError as exc:
        msg = printable(str(exc))
        row = CacheRow(p, job.size, job.mtime_ns, h, job.key, "", None, None, 0, msg)
        return (p, job.size, job.mtime_ns, h, row, None, None, msg)
    except Exception as exc:  # a parser bug must cost one document, not the library
        msg = f"{printable(p)}: could not be parsed ({type(exc).__name__}: {exc})"
        return (p, job.size, job.mtime_ns, h, None, None, None, printable(msg))
    doc.path = p
    row = CacheRow(
        p,
        job.size,
        job.mtime_ns,
        h,
        job.key,
        doc.title,
        doc.date,
        doc.source,
        len(doc.text.split()),
        None,
    )
    return (p, job.size, job.mtime_ns, h, row, encode_document(doc), prepare(doc, p, h), None)


def _index_db_path(roots: list[str]) -> Path:
    import hashlib  # here, not at import: showing a cached document needs no hashing

    key = "\n".join(sorted(os.path.abspath(r) for r in roots))
    digest = hashlib.blake2b(key.encode("utf-8", "surrogateescape"), digest_size=8).hexdigest()
    return app_paths.cache_dir() / f"index-{digest}.sqlite"


class Library:
    """Documents found under ``paths``. ``scan`` fills ``entries`` and ``index``.

    Paths are absolute (``files``, ``entries``, hits), so a hit's path names its entry.
    """

    def __init__(
        self, paths: list[str], *, use_cache: bool = True, workers: int | None = None
    ) -> None:
        found = find_documents(paths)
        self.roots = list(paths)
        self.files = [os.path.abspath(p) for p in found.files]
        self.problems: list[str] = list(found.problems)
        self.entries: list[DocEntry] = []
        self._index: SearchIndex | None = None
        self.use_cache = use_cache
        self.workers = workers if workers is not None else max(1, os.cpu_count() or 1)
        self._cache: ParseCache | None = None
        self._lru: OrderedDict[str, Document] = OrderedDict()
        self._lru_lock = threading.Lock()
        #: Figures of the last scan: parsed (read and parsed), touched (mtime moved, same
        #: content), from_cache, jobs (work sent to parsers/indexer), seconds.
        self.stats: dict[str, float] = {}
        #: (size, mtime_ns) of each file at the last scan: what ``refresh`` compares.
        self._stamps: dict[str, tuple[int, int]] = {}

    @property
    def index(self) -> SearchIndex:
        """The search index (empty until :meth:`scan` fills or loads it)."""
        if self._index is None:
            from tui.search.index import SearchIndex

            self._index = SearchIndex()
        return self._index

    @index.setter
    def index(self, value: SearchIndex) -> None:
        self._index = value

    @property
    def cache(self) -> ParseCache:
        if self._cache is None:
            self._cache = ParseCache(memory=not self.use_cache)
            if self._cache.note:
                self.problems.append(f"parse cache: {self._cache.note}")
        return self._cache

    # ---- scanning ---------------------------------------------------------------------------

    def _open_index(self) -> tuple[sqlite3.Connection, SearchIndex]:
        from tui.search.index import SearchIndex

        path = _index_db_path(self.roots) if self.use_cache else None
        conn, note = open_database(path, "", INDEX_SCHEMA)
        if note and "disabled" not in note:
            self.problems.append(f"search index: {note}")
        try:
            ix = SearchIndex.load(conn)
        except (sqlite3.Error, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            conn.close()
            if path is not None:
                remove_database(path)
            conn, _ = open_database(path, "", INDEX_SCHEMA)
            self.problems.append(f"search index: rebuilt ({exc})")
            ix = None
        return conn, ix or SearchIndex()

    def scan(
        self,
        on_progress: Callable[[Progress], None] | None = None,
        on_entry: Callable[[DocEntry], None] | None = None,
    ) -> None:
        """Parse every file (from the cache where possible), reporting progress as it goes."""
        t0 = time.perf_counter()
        total = len(self.files)
        cache = self.cache
        rows = cache.rows()
        key = parser_key()
        ix_conn, index = self._open_index()
        self.index = index
        indexed = index.documents()
        entries: dict[str, DocEntry] = {}
        jobs: list[_Job] = []
        from_cache = 0
        wanted: set[str] = set()
        for p in self.files:
            try:
                st = os.stat(file_of(p))
            except OSError as exc:
                self.problems.append(f"{printable(p)}: {exc.strerror or 'cannot read'}")
                total -= 1
                continue
            wanted.add(p)
            self._stamps[p] = (st.st_size, st.st_mtime_ns)
            row = rows.get(p)
            if row is not None and row.fresh(st.st_size, st.st_mtime_ns, key):
                from_cache += 1
                if row.error:
                    self.problems.append(row.error)
                    continue
                entries[p] = _entry_of(row)
                if indexed.get(p) != row.hash:
                    jobs.append(_Job(p, st.st_size, st.st_mtime_ns, row.hash, True, key))
                continue
            known = (
                row.hash
                if row is not None and row.parser_version == key and not row.error
                else None
            )
            jobs.append(_Job(p, st.st_size, st.st_mtime_ns, known, False, key))
        # Gone from the library: out of the index, and out of the cache if gone from disk.
        for p in indexed:
            if p not in wanted:
                index.remove(p)
        gone = [
            p for p in rows if p not in wanted and self._under_roots(p) and not os.path.exists(p)
        ]
        if gone:
            cache.delete(gone)
        # Many changes: a fresh index is smaller and faster than one full of tombstones.
        if len(index) and (index.dead_fraction > 0.25 or len(jobs) > 0.5 * len(index)):
            index = self.index = type(index)()
            known_jobs = {j.path for j in jobs}
            jobs.extend(
                _Job(p, rows[p].size, rows[p].mtime_ns, rows[p].hash, True)
                for p in entries
                if p not in known_jobs
            )
        for e in entries.values():
            if on_entry:
                on_entry(e)
        self.entries = list(entries.values())
        # Progress counts documents ready to read and search: cached ones that only need
        # indexing are work too (after a parser upgrade or a deleted index).
        ready = from_cache - sum(1 for j in jobs if j.cached)
        done = ready
        if on_progress:
            on_progress(Progress(done, total, ready, time.perf_counter() - t0, "cache"))
        parsed = touched = 0
        last = 0.0
        t_parse = time.perf_counter()
        for res in self._run(jobs):
            p, size, mtime_ns, _hash, row, blob, payload, err = res
            job_cached = p in entries
            if row is not None:
                cache.put(row, blob)
            elif payload is not None and not job_cached:
                cache.touch(p, size, mtime_ns)
            if err is not None:
                self.problems.append(err)
                index.remove(p)
            if payload is not None:
                index.add_payload(payload)
            done += 1
            if not job_cached:
                if row is not None:
                    parsed += 1
                else:
                    touched += 1
                if err is None and row is not None:
                    entry = _entry_of(row)
                elif err is None:
                    old = rows.get(p)
                    entry = _entry_of(old) if old is not None else DocEntry(p, "", None, None)
                    entry.mtime_ns = mtime_ns
                else:
                    continue
                entries[p] = entry
                self.entries.append(entry)
                if on_entry:
                    on_entry(entry)
            now = time.perf_counter()
            if on_progress and now - last > 0.1:
                last = now
                on_progress(Progress(done, total, ready, now - t_parse, "parse"))
        cache.commit()
        order = {p: i for i, p in enumerate(self.files)}
        self.entries.sort(key=lambda e: order.get(e.path, 0))
        if index.dirty:
            if on_progress:
                on_progress(Progress(done, total, ready, time.perf_counter() - t_parse, "index"))
            index.freeze()
            try:
                index.save(ix_conn)
            except sqlite3.Error as exc:
                self.problems.append(f"search index: not saved ({exc})")
        ix_conn.close()
        elapsed = time.perf_counter() - t0
        self.stats = {
            "parsed": parsed,
            "touched": touched,
            "from_cache": from_cache,
            "jobs": len(jobs),
            "seconds": elapsed,
        }
        if on_progress:
            on_progress(Progress(done, total, ready, time.perf_counter() - t_parse, "done"))

    def refresh(
        self,
        on_entry: Callable[[DocEntry], None] | None = None,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> tuple[list[DocEntry], list[DocEntry], list[str]]:
        """Pick up files added, changed or removed under the roots since the last scan.

        Returns (added, changed, removed paths). Unchanged files come from the parse cache
        without being read; a changed file is parsed again and leaves the document LRU.
        """
        before = {e.path: e for e in self.entries}
        stamps = dict(self._stamps)
        found = find_documents(self.roots)
        self.files = [os.path.abspath(p) for p in found.files]
        self.scan(on_progress=on_progress, on_entry=on_entry)
        now = {e.path: e for e in self.entries}
        added = [e for p, e in now.items() if p not in before]
        changed = [
            e
            for p, e in now.items()
            if p in before and (self._stamps.get(p) != stamps.get(p) or e != before[p])
        ]
        with self._lru_lock:
            for e in changed:
                self._lru.pop(e.path, None)
        removed = [p for p in before if p not in now]
        return added, changed, removed

    def _under_roots(self, p: str) -> bool:
        for r in self.roots:
            root = os.path.abspath(r)
            if p == root or p.startswith(root.rstrip(os.sep) + os.sep):
                return True
        return False

    def _run(self, jobs: list[_Job]) -> Iterator[_Result]:
        """Results in job order: in this process for a few jobs, else on every core.

        If the pool cannot start or breaks, the rest is done here: slower, never lost.
        """
        cache_path = str(self.cache.path) if self.cache.path is not None else None
        self.cache.commit()
        done = 0
        if len(jobs) >= PARALLEL_MIN and self.workers >= 2:
            chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
            # fork is cheap and safe while this is the only thread; else a fork server.
            method = (
                "fork"
                if threading.active_count() == 1 and os.name == "posix"
                else ("forkserver" if os.name == "posix" else "spawn")
            )
            # Imported here: most starts (a cached library, a few files) never start a pool.
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor
            from concurrent.futures.process import BrokenProcessPool

            ctx = multiprocessing.get_context(method)
            try:
                # A worker process only parses, and the parsers make no cycles: the cyclic
                # collector would cost a few percent of its time for nothing.
                with ProcessPoolExecutor(
                    max_workers=self.workers, mp_context=ctx, initializer=gc.disable
                ) as pool:
                    for batch in pool.map(_work, chunks, [cache_path] * len(chunks)):
                        done += len(batch)
                        yield from batch
            except (BrokenProcessPool, OSError, RuntimeError) as exc:
                self.problems.append(f"parallel parsing stopped ({exc}); went on in one process")
        rest = jobs[done:]
        if not rest:
            return
        conn = None
        if cache_path is not None and any(j.cached or j.known_hash for j in rest):
            with contextlib.suppress(sqlite3.Error):
                conn = sqlite3.connect(f"file:{cache_path}?mode=ro", uri=True, timeout=10)
        try:
            for job in rest:
                yield _work_one(job, conn)
        finally:
            if conn is not None:
                conn.close()

    # ---- documents --------------------------------------------------------------------------

    def entry(self, path: str) -> DocEntry | None:
        path = os.path.abspath(path)
        for e in self.entries:
            if e.path == path:
                return e
        return None

    @property
    def documents_in_memory(self) -> int:
        """How many whole documents are held (at most ``LRU_SIZE``, however many are opened)."""
        with self._lru_lock:
            return len(self._lru)

    def document(self, path: str) -> Document:
        """The whole parsed document: from a small LRU, else the cache, else parsed again."""
        path = os.path.abspath(path)
        with self._lru_lock:
            doc = self._lru.get(path)
            if doc is not None:
                self._lru.move_to_end(path)
                return doc
        doc = self.cache.document(path)
        if doc is None:
            from tui.entities.index import apply_user_gazetteer

            doc = apply_user_gazetteer(parse_file(path))
            doc.path = path
        with self._lru_lock:
            self._lru[path] = doc
            while len(self._lru) > LRU_SIZE:
                self._lru.popitem(last=False)
        return doc

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
