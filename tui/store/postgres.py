"""Notes on a team's PostgreSQL server (psycopg 3): the same :class:`NotesBackend` as the file.

Why it is shaped this way:

- The schema is versioned like the SQLite file's (a list of migrations, the version in the
  ``briefing_schema`` table) but is only created or migrated by :func:`init_schema`, which
  ``briefing-tui store init URL`` runs after the user agrees: a reader never changes a shared
  database by itself.
- Every note carries a ``version``; a save names the version it started from and a changed
  note raises :class:`NoteConflict` instead of overwriting a colleague's words.
- A trigger sends ``NOTIFY briefing_notes`` on every insert, update and delete, so open
  readers (:class:`NoteListener`) see a colleague's note within a second or two.
- When the server goes away the store turns read-only (``offline``), answers reads from what it
  last saw, and keeps new notes and edits in a local SQLite queue (``pending-*.db`` in the data
  dir), sent in order when the server answers again. Inserts are idempotent (the note's id),
  so a queue sent twice adds nothing twice.
- The password in the URL is never shown: messages go through :func:`tui.store.url.scrub`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any, TypeVar

import psycopg

from parsers.model import Document
from tui.core import paths
from tui.core.config import current_user
from tui.core.text import multi_line
from tui.notes.anchoring import Anchor, content_hash
from tui.notes.store import (
    DocumentInfo,
    Note,
    NoteConflict,
    NoteDraft,
    NotesStoreError,
    ReanchorResult,
    doc_key,
    matches,
    normalize_tags,
    now,
    plan_reanchor,
)
from tui.store.url import mask, parse_store_url, scrub

T = TypeVar("T")

CHANNEL = "briefing_notes"
RETRY_AFTER = 2.0  # seconds between reconnection attempts while offline


def _migrate_1(cur: psycopg.Cursor[Any]) -> None:
    cur.execute(
        """CREATE TABLE notes (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            exact TEXT NOT NULL,
            prefix TEXT NOT NULL,
            suffix TEXT NOT NULL,
            pos_start INTEGER NOT NULL,
            pos_end INTEGER NOT NULL,
            body TEXT NOT NULL DEFAULT '',
            colour TEXT NOT NULL DEFAULT 'yellow',
            kind TEXT NOT NULL DEFAULT 'range',
            speaker TEXT,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            orphaned BOOLEAN NOT NULL DEFAULT FALSE,
            author TEXT NOT NULL DEFAULT '',
            version INTEGER NOT NULL DEFAULT 1,
            tags TEXT[] NOT NULL DEFAULT '{}'
        )"""
    )
    cur.execute("CREATE INDEX notes_path ON notes(path)")
    cur.execute("CREATE INDEX notes_author ON notes(lower(author))")
    cur.execute(
        """CREATE TABLE documents (
            path TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            date TEXT,
            source TEXT,
            content_hash TEXT NOT NULL,
            seen TEXT NOT NULL
        )"""
    )
    cur.execute(
        f"""CREATE FUNCTION briefing_notify() RETURNS trigger AS $$
        DECLARE r RECORD;
        BEGIN
            IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
            PERFORM pg_notify('{CHANNEL}', json_build_object(
                'op', lower(TG_OP), 'id', r.id, 'path', r.path, 'author', r.author,
                'version', r.version)::text);
            RETURN NULL;
        END $$ LANGUAGE plpgsql"""
    )
    cur.execute(
        """CREATE TRIGGER notes_notify AFTER INSERT OR UPDATE OR DELETE ON notes
           FOR EACH ROW EXECUTE FUNCTION briefing_notify()"""
    )


def _migrate_2(cur: psycopg.Cursor[Any]) -> None:
    """The shared library: files to parse (a job queue), documents with their search payload,
    and the vocabulary (pg_trgm finds a typo's neighbours in it)."""
    cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    cur.execute(
        """CREATE TABLE lib_jobs (
            path TEXT PRIMARY KEY,
            size BIGINT NOT NULL,
            mtime_ns BIGINT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            worker TEXT,
            parsed_count INTEGER NOT NULL DEFAULT 0,
            error TEXT,
            updated TIMESTAMPTZ NOT NULL DEFAULT now()
        )"""
    )
    cur.execute("CREATE INDEX lib_jobs_pending ON lib_jobs(path) WHERE state = 'pending'")
    cur.execute(
        """CREATE TABLE lib_documents (
            path TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            date TEXT,
            source TEXT,
            content_hash TEXT NOT NULL,
            payload TEXT NOT NULL,
            tsv TSVECTOR NOT NULL
        )"""
    )
    cur.execute("CREATE INDEX lib_documents_tsv ON lib_documents USING GIN (tsv)")
    cur.execute("CREATE TABLE lib_terms (term TEXT PRIMARY KEY)")
    cur.execute("CREATE INDEX lib_terms_trgm ON lib_terms USING GIN (term gin_trgm_ops)")


def _migrate_3(cur: psycopg.Cursor[Any]) -> None:
    """Reading positions, one set per user (``tui.store.positions``): where each reader was in
    each document and which document they read last."""
    cur.execute(
        """CREATE TABLE reading_positions (
            reader TEXT NOT NULL,
            path TEXT NOT NULL,
            cursor_at INTEGER NOT NULL,
            top_at INTEGER NOT NULL,
            seen DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (reader, path)
        )"""
    )
    cur.execute("CREATE TABLE reading_last (reader TEXT PRIMARY KEY, path TEXT NOT NULL)")


#: MIGRATIONS[v] brings a version-v server schema to v + 1 (as in the SQLite file).
MIGRATIONS: tuple[Callable[[psycopg.Cursor[Any]], None], ...] = (
    _migrate_1,
    _migrate_2,
    _migrate_3,
)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: psycopg.Connection[Any]) -> int:
    """0 when the database has no briefing-tui tables yet."""
    row = conn.execute("SELECT to_regclass('briefing_schema') IS NOT NULL").fetchone()
    if not row or not row[0]:
        return 0
    got = conn.execute("SELECT version FROM briefing_schema").fetchone()
    return int(got[0]) if got else 0


def init_schema(url: str) -> tuple[int, int]:
    """Create or migrate the schema (what ``store init`` does). Returns (before, after).

    One transaction under an advisory lock, so two people running it at once are safe.
    """
    try:
        with psycopg.connect(url, connect_timeout=10) as conn:
            with conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(74657)")
                conn.execute("CREATE TABLE IF NOT EXISTS briefing_schema (version INTEGER)")
                before = schema_version(conn)
                if before > SCHEMA_VERSION:
                    raise NotesStoreError(
                        "newer",
                        f"{mask(url)} was set up by a newer briefing-tui (schema {before}): "
                        "upgrade briefing-tui",
                        None,
                    )
                with conn.cursor() as cur:
                    for v in range(before, SCHEMA_VERSION):
                        MIGRATIONS[v](cur)
                conn.execute("DELETE FROM briefing_schema")
                conn.execute("INSERT INTO briefing_schema VALUES (%s)", (SCHEMA_VERSION,))
            return before, SCHEMA_VERSION
    except psycopg.Error as exc:
        raise _error(exc, url) from None


def problem_line(exc: BaseException, url: str) -> str:
    """One line for a user about a server error, the password masked."""
    return str(_error(exc, url).args[0])


def _error(exc: BaseException, url: str, writing: bool = False) -> NotesStoreError:
    text = scrub(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__, url)
    if isinstance(exc, psycopg.OperationalError):
        return NotesStoreError(
            "unavailable",
            f"team store {mask(url)} is unreachable ({text})",
            None,
            ("retry", "read_only"),
        )
    return NotesStoreError(
        "unavailable",
        f"team store {mask(url)}: {'the change was not saved: ' if writing else ''}{text}",
        None,
        ("retry",),
    )


_COLUMNS = (
    "id, path, content_hash, exact, prefix, suffix, pos_start, pos_end, body, colour, kind, "
    "speaker, created, updated, orphaned, author, version, tags"
)


def _row_note(r: tuple[Any, ...]) -> Note:
    return Note(
        id=r[0],
        path=r[1],
        content_hash=r[2],
        exact=r[3],
        prefix=r[4],
        suffix=r[5],
        start=r[6],
        end=r[7],
        body=r[8],
        colour=r[9],
        kind=r[10],
        speaker=r[11],
        created=r[12],
        updated=r[13],
        orphaned=bool(r[14]),
        author=r[15],
        version=r[16],
        tags=tuple(r[17] or ()),
    )


def _note_args(n: Note) -> tuple[Any, ...]:
    return (
        n.id,
        n.path,
        n.content_hash,
        n.exact,
        n.prefix,
        n.suffix,
        n.start,
        n.end,
        n.body,
        n.colour,
        n.kind,
        n.speaker,
        n.created,
        n.updated or n.created,
        n.orphaned,
        n.author,
        n.version,
        list(n.tags),
    )


_INSERT = f"INSERT INTO notes ({_COLUMNS}) VALUES ({', '.join(['%s'] * 18)})"


class PendingQueue:
    """Changes made while the server was away, in a local SQLite file, oldest first."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = FULL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS pending (seq INTEGER PRIMARY KEY, op TEXT, payload TEXT)"
        )
        self._lock = threading.Lock()

    def push(self, op: str, payload: dict[str, Any]) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO pending (op, payload) VALUES (?, ?)", (op, json.dumps(payload))
            )

    def items(self) -> list[tuple[int, str, dict[str, Any]]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT seq, op, payload FROM pending ORDER BY seq"
            ).fetchall()
        return [(r[0], r[1], json.loads(r[2])) for r in rows]

    def drop(self, seq: int) -> None:
        with self._lock:
            self._conn.execute("DELETE FROM pending WHERE seq = ?", (seq,))

    def __len__(self) -> int:
        with self._lock:
            return int(self._conn.execute("SELECT COUNT(*) FROM pending").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _note_from_dict(d: dict[str, Any]) -> Note:
    d = dict(d)
    d["tags"] = tuple(d.get("tags", ()))
    return Note(**d)


def queue_path(url: str) -> Path:
    """One queue file per server and database (named by a hash: no password on disk names)."""
    digest = hashlib.sha256(mask(url).encode()).hexdigest()[:16]
    return paths.data_dir() / f"pending-{digest}.db"


class PostgresNotesStore:
    """Notes on a PostgreSQL server; see the module docstring. Thread-safe (one lock)."""

    def __init__(self, url: str, author: str = "", queue: Path | None = None) -> None:
        self.url = url
        self.location = mask(url)
        self.author = author or current_user()
        self._lock = threading.RLock()
        self._conn: psycopg.Connection[Any] | None = None
        self._next_try = 0.0
        self._cache: dict[str, Note] = {}
        self._docs: dict[str, DocumentInfo] = {}
        self.queue = PendingQueue(queue or queue_path(url))
        #: Called (from whichever thread noticed) when the store goes offline or comes back.
        self.on_status: Callable[[PostgresNotesStore], None] | None = None
        self.offline = False
        self.offline_reason = ""
        #: Reads and writes try the server again while offline (at most every RETRY_AFTER s).
        #: A reader turns this off: its listener thread reconnects, so a key press never
        #: waits on a connection timeout.
        self.reconnect_on_use = True

    # -- opening --

    @classmethod
    def open(cls, url: str, author: str = "", queue: Path | None = None) -> PostgresNotesStore:
        """Connect; raises :class:`NotesStoreError` when the schema is missing or older (run
        ``briefing-tui store init URL``) or the server cannot be reached at all."""
        parse_store_url(url)
        store = cls(url, author, queue)
        try:
            conn = store._connect()
        except psycopg.Error as exc:
            store.queue.close()
            raise _error(exc, url) from None
        version = schema_version(conn)
        if version != SCHEMA_VERSION:
            conn.close()
            store.queue.close()
            what = "has no briefing-tui tables" if version == 0 else f"has schema {version}"
            raise NotesStoreError(
                "newer" if version > SCHEMA_VERSION else "unavailable",
                f"team store {mask(url)} {what} (this briefing-tui needs {SCHEMA_VERSION}): "
                f"run `briefing-tui store init {mask(url)}`",
                None,
            )
        store._conn = conn
        store._flush()
        return store

    def _connect(self) -> psycopg.Connection[Any]:
        return psycopg.connect(
            self.url,
            autocommit=True,
            connect_timeout=5,
            application_name="briefing-tui",
            keepalives=1,
            keepalives_idle=5,
            keepalives_interval=2,
            keepalives_count=2,
        )

    @property
    def read_only(self) -> bool:
        """True while the server is away: changes go to the local queue, not the server."""
        return self.offline

    #: Changes made while offline are queued, not refused (the reader still takes notes).
    queues_offline = True

    @property
    def backend_pid(self) -> int | None:
        """This store's server process (a listener ignores the notifications it caused)."""
        conn = self._conn
        return conn.info.backend_pid if conn is not None and not conn.closed else None

    def status_line(self) -> str:
        """One line for the reader when offline; empty when all is well."""
        if not self.offline:
            return ""
        pending = len(self.queue)
        kept = f"; {pending} change{'s' * (pending != 1)} kept locally" if pending else ""
        return f"team store {self.location} unreachable: read-only{kept}, sent when it returns"

    def _go_offline(self, exc: BaseException) -> None:
        was = self.offline
        self.offline = True
        self.offline_reason = _error(exc, self.url).args[0]
        self._next_try = time.monotonic() + RETRY_AFTER
        if self._conn is not None:
            with suppress(Exception):
                self._conn.close()
        self._conn = None
        if not was and self.on_status:
            self.on_status(self)

    def ping(self) -> bool:
        """Is the server there? Goes offline (and tells ``on_status``) when it is not."""
        with self._lock:
            conn = self._live()
            if conn is None:
                return False
            try:
                conn.execute("SELECT 1")
            except psycopg.Error as exc:
                self._go_offline(exc)
                return False
            return True

    def reconnect(self) -> bool:
        """Try the server again (and send queued changes). True when it answers."""
        with self._lock:
            if self._conn is not None and not self._conn.closed:
                return True
            try:
                self._conn = self._connect()
            except psycopg.Error as exc:
                self._go_offline(exc)
                return False
            was = self.offline
            self.offline = False
            self.offline_reason = ""
            self._flush()
            if was and not self.offline and self.on_status:
                self.on_status(self)
            return not self.offline

    def _live(self) -> psycopg.Connection[Any] | None:
        """The connection, reconnecting at most every RETRY_AFTER seconds while offline."""
        if self._conn is not None and not self._conn.closed:
            return self._conn
        if not self.reconnect_on_use or time.monotonic() < self._next_try:
            return None
        return self._conn if self.reconnect() else None

    @contextmanager
    def _tx(self) -> Iterator[psycopg.Connection[Any]]:
        conn = self._live()
        if conn is None:
            raise psycopg.OperationalError("server unreachable")
        with conn.transaction():
            yield conn

    def _write(self, op: str, payload: dict[str, Any], fn: Callable[[], T]) -> T | None:
        """Run ``fn`` on the server; if it is away, queue the change (returns None)."""
        with self._lock:
            if self._live() is not None:
                if len(self.queue):  # older changes go first
                    self._flush()
                if not self.offline and not len(self.queue):
                    try:
                        return fn()
                    except psycopg.OperationalError as exc:
                        self._go_offline(exc)
                    except psycopg.Error as exc:
                        raise _error(exc, self.url, writing=True) from None
            self.queue.push(op, payload)
            return None

    def _read(self, fn: Callable[[psycopg.Connection[Any]], T], fallback: Callable[[], T]) -> T:
        with self._lock:
            conn = self._live()
            if conn is not None:
                try:
                    return fn(conn)
                except psycopg.OperationalError as exc:
                    self._go_offline(exc)
                except psycopg.Error as exc:
                    raise _error(exc, self.url) from None
            return fallback()

    # -- the queue --

    def _flush(self) -> None:
        """Send queued changes in order; stop (and stay queued) at the first outage."""
        for seq, op, payload in self.queue.items():
            try:
                with self._tx() as conn:
                    self._apply(conn, op, payload)
            except NoteConflict as exc:  # edited by someone meanwhile: keep both
                with suppress(psycopg.Error), self._tx() as conn:
                    self._insert(conn, replace(exc.mine, id=_new_id(), version=1))
            except psycopg.OperationalError as exc:
                self._go_offline(exc)
                return
            except psycopg.Error:
                pass  # a change the server refuses for good (bad data): do not block the rest
            self.queue.drop(seq)

    def _apply(self, conn: psycopg.Connection[Any], op: str, payload: dict[str, Any]) -> None:
        if op == "add":
            note = _note_from_dict(payload["note"])
            self._insert(conn, note, skip_existing=True)
            if payload.get("doc"):
                self._remember(conn, DocumentInfo(**payload["doc"]))
        elif op == "update":
            self._update(conn, _note_from_dict(payload["note"]), payload.get("base"))
        elif op == "delete":
            conn.execute("DELETE FROM notes WHERE id = %s", (payload["id"],))
        elif op == "restore":
            note = _note_from_dict(payload["note"])
            conn.execute("DELETE FROM notes WHERE id = %s", (note.id,))
            self._insert(conn, note)

    # -- helpers over a connection --

    def _insert(
        self, conn: psycopg.Connection[Any], note: Note, skip_existing: bool = False
    ) -> None:
        sql = _INSERT + (" ON CONFLICT (id) DO NOTHING" if skip_existing else "")
        conn.execute(sql, _note_args(note))
        self._cache[note.id] = note

    def _update(self, conn: psycopg.Connection[Any], note: Note, base: int | None) -> Note:
        row = conn.execute(
            "SELECT version FROM notes WHERE id = %s FOR UPDATE", (note.id,)
        ).fetchone()
        if base is not None and (row is None or row[0] != base):
            theirs = self._get(conn, note.id)
            raise NoteConflict(note, theirs)
        if row is None:  # deleted meanwhile: keep the words anyway
            self._insert(conn, replace(note, created=note.created or note.updated))
            return note
        note = replace(note, version=row[0] + 1)
        conn.execute(
            """UPDATE notes SET content_hash=%s, exact=%s, prefix=%s, suffix=%s, pos_start=%s,
               pos_end=%s, body=%s, colour=%s, kind=%s, speaker=%s, updated=%s, orphaned=%s,
               tags=%s, version=version + 1 WHERE id=%s""",
            (
                note.content_hash,
                note.exact,
                note.prefix,
                note.suffix,
                note.start,
                note.end,
                note.body,
                note.colour,
                note.kind,
                note.speaker,
                note.updated,
                note.orphaned,
                list(note.tags),
                note.id,
            ),
        )
        self._cache[note.id] = note
        return note

    def _remember(self, conn: psycopg.Connection[Any], info: DocumentInfo) -> None:
        conn.execute(
            """INSERT INTO documents (path, title, date, source, content_hash, seen)
               VALUES (%s, %s, %s, %s, %s, %s)
               ON CONFLICT (path) DO UPDATE SET title=excluded.title, date=excluded.date,
               source=excluded.source, content_hash=excluded.content_hash, seen=excluded.seen""",
            (info.path, info.title, info.date, info.source, info.content_hash, now()),
        )
        self._docs[info.path] = info

    def _get(self, conn: psycopg.Connection[Any], note_id: str) -> Note | None:
        found = self._select(conn, "WHERE id = %s", (note_id,))
        return found[0] if found else None

    def _select(
        self, conn: psycopg.Connection[Any], clause: str, args: tuple[Any, ...]
    ) -> list[Note]:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM notes {clause}", args).fetchall()
        notes = [_row_note(r) for r in rows]
        for n in notes:
            self._cache[n.id] = n
        return notes

    def _cached(self, **filters: Any) -> list[Note]:
        """What reads answer while offline: the notes last seen, plus queued changes."""
        notes = dict(self._cache)
        for _seq, op, payload in self.queue.items():
            if op in ("add", "update", "restore"):
                n = _note_from_dict(payload["note"])
                notes[n.id] = n
            elif op == "delete":
                notes.pop(payload["id"], None)
        out = [n for n in notes.values() if matches(n, **filters)]
        return sorted(out, key=lambda n: (n.path, n.start, n.end, n.created))

    # -- writing --

    def add(self, note: Note, doc: Document | None = None) -> Note:
        """Save a new note; on the server when it returns, or in the local queue if offline."""
        stamp = now()
        note = replace(
            note,
            path=doc_key(note.path),
            body=multi_line(note.body),
            tags=normalize_tags(note.tags),
            created=note.created or stamp,
            updated=stamp,
            author=note.author or self.author,
            version=1,
        )
        info = _info(doc) if doc is not None else None

        def run() -> None:
            with self._tx() as conn:
                self._insert(conn, note)
                if info is not None:
                    self._remember(conn, info)

        payload: dict[str, Any] = {"note": asdict(note)}
        if info is not None:
            payload["doc"] = asdict(info)
        self._write("add", payload, run)
        self._cache[note.id] = note
        return note

    def restore(self, note: Note) -> None:
        def run() -> None:
            with self._tx() as conn:
                conn.execute("DELETE FROM notes WHERE id = %s", (note.id,))
                self._insert(conn, note)

        self._write("restore", {"note": asdict(note)}, run)
        self._cache[note.id] = note

    def update(self, note: Note, base_version: int | None = None) -> Note:
        note = replace(
            note, body=multi_line(note.body), tags=normalize_tags(note.tags), updated=now()
        )

        def run() -> Note:
            with self._tx() as conn:
                return self._update(conn, note, base_version)

        saved = self._write("update", {"note": asdict(note), "base": base_version}, run)
        if saved is None:  # queued
            saved = replace(note, version=note.version + 1)
            self._cache[note.id] = saved
        return saved

    def edit(self, note_id: str, draft: NoteDraft, base_version: int | None = None) -> Note:
        note = self.get(note_id)
        if note is None:
            raise KeyError(note_id)
        return self.update(
            replace(note, body=draft.body, tags=draft.tags, colour=draft.colour), base_version
        )

    def delete(self, note_id: str) -> Note | None:
        found = self.get(note_id)

        def run() -> Note | None:
            with self._tx() as conn:
                row = self._select(conn, "WHERE id = %s FOR UPDATE", (note_id,))
                conn.execute("DELETE FROM notes WHERE id = %s", (note_id,))
                return row[0] if row else None

        gone = self._write("delete", {"id": note_id}, run)
        self._cache.pop(note_id, None)
        return gone if gone is not None else found

    def reattach(self, note_id: str, anchor: Anchor) -> Note:
        note = self.get(note_id)
        if note is None:
            raise KeyError(note_id)
        return self.update(note.with_anchor(anchor, orphaned=False))

    def reanchor(self, doc: Document) -> ReanchorResult:
        """As the file store: move notes whose passage moved, orphan the lost ones."""
        moved, orphaned, changes = plan_reanchor(self.notes_for(doc_key(doc.path)), doc)
        if changes and not self.offline:
            info = _info(doc)

            def run() -> None:
                with self._tx() as conn:
                    for old, new in changes:
                        conn.execute(
                            """UPDATE notes SET content_hash=%s, exact=%s, prefix=%s,
                               suffix=%s, pos_start=%s, pos_end=%s, orphaned=%s
                               WHERE id=%s AND content_hash=%s AND pos_start=%s
                               AND pos_end=%s AND orphaned=%s""",
                            (
                                new.content_hash,
                                new.exact,
                                new.prefix,
                                new.suffix,
                                new.start,
                                new.end,
                                new.orphaned,
                                old.id,
                                old.content_hash,
                                old.start,
                                old.end,
                                old.orphaned,
                            ),
                        )
                        self._cache[new.id] = new
                    self._remember(conn, info)

            with self._lock:
                if self._live() is not None:
                    try:
                        run()
                    except psycopg.OperationalError as exc:
                        self._go_offline(exc)
                    except psycopg.Error as exc:
                        raise _error(exc, self.url, writing=True) from None
        return ReanchorResult(moved, orphaned)

    # -- reading --

    def get(self, note_id: str) -> Note | None:
        return self._read(
            lambda c: self._get(c, note_id),
            lambda: next((n for n in self._cached() if n.id == note_id), None),
        )

    def notes_for(self, path: str) -> list[Note]:
        key = doc_key(path)
        return self._read(
            lambda c: self._select(
                c, "WHERE path = %s ORDER BY pos_start, pos_end, created", (key,)
            ),
            lambda: self._cached(path=key),
        )

    def all_notes(
        self,
        tag: str | None = None,
        text: str | None = None,
        path: str | None = None,
        orphaned: bool | None = None,
        author: str | None = None,
    ) -> list[Note]:
        where: list[str] = []
        args: list[Any] = []
        if path is not None:
            where.append("path = %s")
            args.append(doc_key(path))
        if orphaned is not None:
            where.append("orphaned = %s")
            args.append(orphaned)
        if author:
            where.append("lower(author) = lower(%s)")
            args.append(author.strip())
        if tag:
            where.append("EXISTS (SELECT 1 FROM unnest(tags) t WHERE lower(t) = lower(%s))")
            args.append(tag.lstrip("#").strip())
        sql = ("WHERE " + " AND ".join(where) if where else "") + (
            " ORDER BY path, pos_start, pos_end, created"
        )
        notes = self._read(
            lambda c: self._select(c, sql, tuple(args)),
            lambda: self._cached(tag=tag, path=path, orphaned=orphaned, author=author),
        )
        return [n for n in notes if matches(n, text=text)]

    def orphans(self, path: str | None = None) -> list[Note]:
        return self.all_notes(path=path, orphaned=True)

    def tags(self) -> list[str]:
        def fallback() -> list[str]:
            counts: dict[str, int] = {}
            for n in self._cached():
                for t in n.tags:
                    counts[t] = counts.get(t, 0) + 1
            return sorted(counts, key=lambda t: (-counts[t], t.casefold()))

        return self._read(
            lambda c: [
                r[0]
                for r in c.execute(
                    "SELECT min(t), COUNT(*) AS n FROM notes, unnest(tags) t "
                    "GROUP BY lower(t) ORDER BY n DESC, lower(min(t))"
                ).fetchall()
            ],
            fallback,
        )

    def authors(self) -> list[str]:
        def fallback() -> list[str]:
            counts: dict[str, int] = {}
            for n in self._cached():
                if n.author:
                    counts[n.author] = counts.get(n.author, 0) + 1
            return sorted(counts, key=lambda a: (-counts[a], a))

        return self._read(
            lambda c: [
                r[0]
                for r in c.execute(
                    "SELECT author, COUNT(*) AS n FROM notes WHERE author <> '' "
                    "GROUP BY author ORDER BY n DESC, author"
                ).fetchall()
            ],
            fallback,
        )

    def document_info(self, path: str) -> DocumentInfo | None:
        key = doc_key(path)

        def fetch(c: psycopg.Connection[Any]) -> DocumentInfo | None:
            row = c.execute(
                "SELECT path, title, date, source, content_hash FROM documents WHERE path = %s",
                (key,),
            ).fetchone()
            if row:
                self._docs[key] = DocumentInfo(*row)
            return DocumentInfo(*row) if row else None

        return self._read(fetch, lambda: self._docs.get(key))

    def count(self) -> int:
        return self._read(
            lambda c: int(c.execute("SELECT COUNT(*) FROM notes").fetchone()[0]),  # type: ignore[index]
            lambda: len(self._cached()),
        )

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with suppress(Exception):
                    self._conn.close()
            self._conn = None
            self.queue.close()

    def __enter__(self) -> PostgresNotesStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _info(doc: Document) -> DocumentInfo:
    return DocumentInfo(doc_key(doc.path), doc.title, doc.date, doc.source, content_hash(doc.text))


def _new_id() -> str:
    import uuid

    return str(uuid.uuid4())


class NoteListener:
    """Hears the server's note changes (LISTEN/NOTIFY) on a thread of its own.

    ``callback(event)`` gets ``{"op": "insert"|"update"|"delete", "id", "path", "author",
    "version", "pid"}`` from the listening thread (a UI hands it over to its own loop). When
    the connection drops it retries every RETRY_AFTER seconds and calls ``on_reconnect``.
    """

    def __init__(
        self,
        url: str,
        callback: Callable[[dict[str, Any]], None],
        on_reconnect: Callable[[], None] | None = None,
        on_lost: Callable[[], None] | None = None,
        on_idle: Callable[[], None] | None = None,
    ) -> None:
        self.url = url
        self.callback = callback
        self.on_reconnect = on_reconnect
        self.on_lost = on_lost
        #: Called about every half second while connected and quiet (from the thread).
        self.on_idle = on_idle
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="briefing-listen", daemon=True)

    def start(self, wait: float = 5.0) -> NoteListener:
        self._thread.start()
        self._ready.wait(wait)
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=3)

    def _run(self) -> None:
        first = True
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._ready.set()
                    if not first and self.on_reconnect:
                        self.on_reconnect()
                    first = False
                    while not self._stop.is_set():
                        for n in conn.notifies(timeout=0.5):
                            try:
                                event = json.loads(n.payload)
                            except ValueError:
                                continue
                            event["pid"] = n.pid
                            self.callback(event)
                        # notifies() returning means the timeout passed: check the stop flag
                        conn.execute("SELECT 1")
                        if self.on_idle and not self._stop.is_set():
                            self.on_idle()
            except psycopg.Error:
                self._ready.set()
                if not first and self.on_lost and not self._stop.is_set():
                    self.on_lost()
                first = False
                self._stop.wait(RETRY_AFTER)
