"""The parse cache: every parsed document in one SQLite file, so a library is parsed once.

A row is valid while the file's size and mtime are unchanged and it was written by the current
``parsers.PARSER_VERSION``; when only the mtime moved, the content hash decides. The cache can be
deleted at any time; a damaged one is deleted and rebuilt, never a traceback. No Textual.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
import zlib
from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path

from parsers import PARSER_VERSION, Document
from parsers.model import EntityMention, Paragraph, Quote, Section, Sentence
from tui.core import paths

SCHEMA_VERSION = 1
CACHE_NAME = "parse-cache.sqlite"


def content_hash(data: bytes) -> str:
    # hashlib is imported here: it loads OpenSSL (~3 ms), and reading a cached document
    # (the first screen's) never hashes; after the first call this is a dict lookup.
    import hashlib

    return hashlib.blake2b(data, digest_size=16).hexdigest()


_PARTS: dict[str, type] = {
    "sections": Section,
    "paragraphs": Paragraph,
    "sentences": Sentence,
    "quotes": Quote,
    "entities": EntityMention,
}
_DOC_FIELDS = tuple(f.name for f in fields(Document) if f.name not in _PARTS)
_FIELDS = {k: tuple(f.name for f in fields(c)) for k, c in _PARTS.items()}
_GET = {k: attrgetter(*names) for k, names in _FIELDS.items()}
_SHAPE = [list(_DOC_FIELDS), {k: list(v) for k, v in _FIELDS.items()}]


def encode_document(doc: Document) -> bytes:
    """Compressed JSON of the whole document, parts as rows (``asdict`` is ten times slower).

    The field names travel with the rows, so a changed model reads as a miss, not as garbage.
    """
    body: dict[str, object] = {
        "shape": _SHAPE,
        "doc": [getattr(doc, n) for n in _DOC_FIELDS],
    }
    for k in _PARTS:
        get = _GET[k]
        body[k] = [get(x) for x in getattr(doc, k)]
    raw = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return zlib.compress(raw.encode("utf-8"), 1)


def decode_document(blob: bytes, path: str | None = None) -> Document:
    """The document :func:`encode_document` stored; ValueError if the model changed since."""
    body = json.loads(zlib.decompress(blob))
    if body.get("shape") != _SHAPE:
        raise ValueError("cached with another document model")
    doc = Document(**dict(zip(_DOC_FIELDS, body["doc"], strict=True)))
    if doc.title_span is not None:
        doc.title_span = (doc.title_span[0], doc.title_span[1])
    doc.sections = [Section(*r) for r in body["sections"]]
    doc.paragraphs = [Paragraph(*r) for r in body["paragraphs"]]
    doc.sentences = [Sentence(*r) for r in body["sentences"]]
    quotes = []
    parts_at = _FIELDS["quotes"].index("parts")
    for r in body["quotes"]:
        r[parts_at] = [(a, b) for a, b in r[parts_at]]
        quotes.append(Quote(*r))
    doc.quotes = quotes
    doc.entities = [EntityMention(*r) for r in body["entities"]]
    if path is not None:
        doc.path = path
    return doc


@dataclass(slots=True)
class CacheRow:
    """What the cache knows about one file, without its parsed body."""

    path: str
    size: int
    mtime_ns: int
    hash: str
    parser_version: str
    title: str
    date: str | None
    source: str | None
    words: int
    error: str | None

    def fresh(self, size: int, mtime_ns: int, key: str | None = None) -> bool:
        """Unchanged on disk and parsed by the same parsers (``key``: :func:`parser_key`)."""
        wanted = PARSER_VERSION if key is None else key
        return self.size == size and self.mtime_ns == mtime_ns and self.parser_version == wanted


def parser_key() -> str:
    """What a cached parse must have been made with: the parser version, plus a fingerprint of
    the user's own gazetteer when there is one, so editing ``entities.tsv`` parses again."""
    from tui.entities.gazetteer_file import gazetteer_fingerprint

    fingerprint = gazetteer_fingerprint()
    return PARSER_VERSION if fingerprint == "none" else f"{PARSER_VERSION}+{fingerprint}"


def _connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=10, check_same_thread=False, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 10000")
    if str(path) != ":memory:":
        with contextlib.suppress(sqlite3.OperationalError):
            conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            os.remove(f"{path}{suffix}")


def open_database(
    path: Path | None, init_sql: str, version: int
) -> tuple[sqlite3.Connection, str | None]:
    """Open (creating) a cache database; a damaged or foreign one is deleted and made anew.

    Falls back to an in-memory database when the cache dir cannot be written. Returns the
    connection and a one-line note for the user when something had to be thrown away.
    """
    note = None
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            note = f"cache disabled ({path.parent}: {exc.strerror or exc})"
            path = None
    for attempt in range(2):
        target = ":memory:" if path is None else path
        conn: sqlite3.Connection | None = None
        try:
            conn = _connect(target)
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            if found not in (0, version):
                raise sqlite3.DatabaseError(f"cache schema {found}, expected {version}")
            conn.executescript(init_sql)
            conn.execute(f"PRAGMA user_version = {version}")
            return conn, note
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            if path is None or attempt:
                break
            remove_database(path)
            note = f"cache rebuilt ({path.name} was unreadable: {exc})"
    mem = _connect(":memory:")
    mem.executescript(init_sql)
    return mem, note or "cache disabled (could not open it)"


_INIT = """
CREATE TABLE IF NOT EXISTS docs (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, hash TEXT, parser_version TEXT,
    title TEXT, date TEXT, source TEXT, words INTEGER, error TEXT, data BLOB
);
"""


class ParseCache:
    """Parsed documents by absolute path. Safe to share between threads (one lock)."""

    def __init__(self, path: Path | None = None, *, memory: bool = False) -> None:
        self.path: Path | None = None if memory else (path or paths.cache_dir() / CACHE_NAME)
        self.lock = threading.RLock()
        self.conn, self.note = open_database(self.path, _INIT, SCHEMA_VERSION)
        if self.note and "disabled" in self.note:
            self.path = None
        self._pending = 0

    def _reset(self, exc: Exception) -> None:
        """The file went bad under us: start again with an empty one."""
        with contextlib.suppress(Exception):
            self.conn.close()
        if self.path is not None:
            remove_database(self.path)
        self.conn, note = open_database(self.path, _INIT, SCHEMA_VERSION)
        self.note = note or f"cache rebuilt ({exc})"

    def rows(self) -> dict[str, CacheRow]:
        with self.lock:
            try:
                cur = self.conn.execute(
                    "SELECT path, size, mtime_ns, hash, parser_version, title, date, source, "
                    "words, error FROM docs"
                )
                return {r[0]: CacheRow(*r) for r in cur}
            except sqlite3.DatabaseError as exc:
                self._reset(exc)
                return {}

    def put(self, row: CacheRow, blob: bytes | None) -> None:
        """Store one parse result (batched: call :meth:`commit` when a batch ends)."""
        with self.lock:
            try:
                if not self.conn.in_transaction:
                    self.conn.execute("BEGIN")
                self.conn.execute(
                    "INSERT OR REPLACE INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        row.path,
                        row.size,
                        row.mtime_ns,
                        row.hash,
                        row.parser_version,
                        row.title,
                        row.date,
                        row.source,
                        row.words,
                        row.error,
                        blob,
                    ),
                )
                self._pending += 1
                if self._pending >= 500:
                    self.commit()
            except sqlite3.Error as exc:
                self._reset(exc)

    def touch(self, path: str, size: int, mtime_ns: int) -> None:
        """The file was touched but its content is the same: keep the parse."""
        with self.lock:
            try:
                self.conn.execute(
                    "UPDATE docs SET size = ?, mtime_ns = ? WHERE path = ?", (size, mtime_ns, path)
                )
            except sqlite3.Error as exc:
                self._reset(exc)

    def delete(self, paths_: list[str]) -> None:
        with self.lock:
            try:
                self.conn.executemany("DELETE FROM docs WHERE path = ?", ((p,) for p in paths_))
            except sqlite3.Error as exc:
                self._reset(exc)

    def commit(self) -> None:
        with self.lock:
            self._pending = 0
            try:
                if self.conn.in_transaction:
                    self.conn.execute("COMMIT")
            except sqlite3.Error as exc:
                self._reset(exc)

    def blob(self, path: str) -> bytes | None:
        with self.lock:
            try:
                r = self.conn.execute("SELECT data FROM docs WHERE path = ?", (path,)).fetchone()
            except sqlite3.DatabaseError as exc:
                self._reset(exc)
                return None
        return r[0] if r and r[0] is not None else None

    def document(self, path: str) -> Document | None:
        """The cached parse of ``path``, or None (not cached, or the row is damaged)."""
        blob = self.blob(path)
        if blob is None:
            return None
        try:
            return decode_document(blob, path)
        except (ValueError, TypeError, KeyError, zlib.error):
            return None

    def close(self) -> None:
        with self.lock:
            self.commit()
            with contextlib.suppress(Exception):
                self.conn.close()
