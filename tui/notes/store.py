"""The notes store: every note the analyst writes, kept safe in SQLite.

The one module that knows notes live in SQLite (keep the store behind one module, so a
shared PostgreSQL store can follow). Why it is shaped this way:

- WAL and ``synchronous=FULL``: a note is on disk when :meth:`NotesStore.add` returns, so a
  ``kill -9`` or a power cut loses nothing saved, and readers never block a writer.
- Each change is one ``BEGIN IMMEDIATE`` transaction with a busy timeout, so two running
  instances both write without losing each other's notes.
- The schema carries ``PRAGMA user_version``; older files migrate forward in one transaction,
  after a backup copy ``notes.db.v<N>-<time>.bak`` is written beside them.
- A locked, read-only or corrupt file raises :class:`NotesStoreError`: one line fit for a user,
  with the ways out (open read-only, or start fresh keeping the old file aside).

No Textual here: ``briefing-tui export`` runs it without a terminal.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, NamedTuple, TypeVar

from parsers.model import Document, Quote
from tui.core import paths
from tui.core.config import current_user
from tui.core.palette import COLOURS
from tui.core.text import multi_line, printable
from tui.notes.anchoring import Anchor, content_hash, make_anchor, rebase, resolve_all

#: The schema this code writes. 1: notes and tags. 2: document metadata (title, date, source)
#: so an export still names a document whose file has gone. 3: each note's author and an edit
#: counter (``version``) so a save over someone else's change is noticed, not lost.
SCHEMA_VERSION = 3
DB_NAME = "notes.db"
PassageKind = Literal["sentence", "paragraph", "quote", "range"]
PASSAGE_KINDS: tuple[PassageKind, ...] = ("sentence", "paragraph", "quote", "range")

ErrorKind = Literal["locked", "read_only", "corrupt", "newer", "full", "unavailable"]
WayOut = Literal["read_only", "start_fresh", "retry"]

T = TypeVar("T")


class NoteConflict(Exception):
    """A save found the note changed since it was read: ``theirs`` is what is stored now
    (None when it was deleted), ``mine`` the change that was not written."""

    def __init__(self, mine: Note, theirs: Note | None) -> None:
        who = (theirs.author if theirs else "") or "someone"
        super().__init__(
            f"note changed meanwhile by {who}" if theirs else "note was deleted meanwhile"
        )
        self.mine = mine
        self.theirs = theirs


class NotesStoreError(Exception):
    """A notes database problem, as one line for a user, with the ways out the app can offer.

    ``kind``: locked | read_only | corrupt | newer | full | unavailable. ``ways_out`` lists what
    may help: ``"read_only"`` (:meth:`NotesStore.open` with ``read_only=True``),
    ``"start_fresh"`` (:meth:`NotesStore.start_fresh`), ``"retry"``.
    """

    def __init__(
        self, kind: ErrorKind, message: str, path: Path | None, ways_out: tuple[WayOut, ...] = ()
    ) -> None:
        super().__init__(message)
        self.kind: ErrorKind = kind
        self.path = path
        self.ways_out = ways_out


@dataclass(slots=True)
class Note:
    """One note on one passage. Offsets are into ``Document.text`` (ARCHITECTURE: Offsets)."""

    id: str
    path: str
    content_hash: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    body: str = ""
    tags: tuple[str, ...] = ()
    colour: str = COLOURS[0]
    kind: str = "range"
    speaker: str | None = None
    created: str = ""
    updated: str = ""
    orphaned: bool = False
    author: str = ""
    version: int = 1

    @property
    def anchor(self) -> Anchor:
        return Anchor(
            self.path,
            self.content_hash,
            self.exact,
            self.prefix,
            self.suffix,
            self.start,
            self.end,
        )

    def with_anchor(self, anchor: Anchor, orphaned: bool = False) -> Note:
        return replace(
            self,
            path=anchor.path,
            content_hash=anchor.content_hash,
            exact=anchor.exact,
            prefix=anchor.prefix,
            suffix=anchor.suffix,
            start=anchor.start,
            end=anchor.end,
            orphaned=orphaned,
        )


@dataclass(frozen=True, slots=True)
class NoteDraft:
    """What the note form returns: the analyst's words, tags and colour."""

    body: str
    tags: tuple[str, ...] = ()
    colour: str = COLOURS[0]


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What an export shows about a document even when its file is gone."""

    path: str
    title: str
    date: str | None
    source: str | None
    content_hash: str


class ReanchorResult(NamedTuple):
    """Notes whose passage moved (or came back from orphanhood), and the document's orphans."""

    moved: list[Note]
    orphaned: list[Note]


def now() -> str:
    """Timestamps are UTC, ISO 8601 with a Z, as W3C Web Annotation ``created`` expects."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def doc_key(path: str) -> str:
    """The path notes are filed under: absolute and resolved, so any cwd finds them again."""
    if not path or path.startswith("<"):
        return path
    return os.path.realpath(path)


def normalize_tags(tags: Iterable[str] | str) -> tuple[str, ...]:
    """Tags from a list or from what a user typed ("nato, air defence #urgent").

    Commas, semicolons and ``#`` separate; spaces inside a tag become ``-``; duplicates
    (ignoring case) go; order is kept.
    """
    if isinstance(tags, str):
        raw = tags.replace(";", ",").replace("#", ",").split(",")
    else:
        raw = [p for t in tags for p in t.replace(";", ",").replace("#", ",").split(",")]
    out: list[str] = []
    seen: set[str] = set()
    for t in raw:
        tag = "-".join(multi_line(t).replace("`", "").split())
        if tag and tag.casefold() not in seen:
            seen.add(tag.casefold())
            out.append(tag)
    return tuple(out)


def quote_at(doc: Document, start: int, end: int) -> Quote | None:
    """The quote a passage is, when it is one: it lies inside one, or is mostly one quote.

    A paragraph that merely contains a quote is not the speaker's words, so it gets none.
    Only quotes with a speaker count: the note needs to say whose words they are.
    """
    inside = [q for q in doc.quotes if q.start <= start and end <= q.end and q.speaker]
    if inside:
        return min(inside, key=lambda q: q.end - q.start)
    covered = [q for q in doc.quotes if start <= q.start and q.end <= end and q.speaker]
    if len(covered) == 1 and (covered[0].end - covered[0].start) >= 0.8 * (end - start):
        return covered[0]
    return None


def speaker_for(doc: Document, start: int, end: int) -> str | None:
    """The speaker when the passage is a quote (see :func:`quote_at`)."""
    quote = quote_at(doc, start, end)
    return quote.speaker if quote else None


def new_note(
    doc: Document,
    start: int,
    end: int,
    draft: NoteDraft | None = None,
    kind: str = "range",
) -> Note:
    """A note on ``doc.text[start:end]`` (not yet saved). Raises ValueError for an empty span."""
    anchor = make_anchor(doc_key(doc.path), doc.text, start, end)
    draft = draft or NoteDraft("")
    return Note(
        id=str(uuid.uuid4()),
        path=anchor.path,
        content_hash=anchor.content_hash,
        exact=anchor.exact,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        start=anchor.start,
        end=anchor.end,
        body=multi_line(draft.body),
        tags=normalize_tags(draft.tags),
        colour=draft.colour if draft.colour in COLOURS else COLOURS[0],
        kind=kind if kind in PASSAGE_KINDS else "range",
        speaker=speaker_for(doc, start, end),
    )


def plan_reanchor(
    notes: Iterable[Note], doc: Document
) -> tuple[list[Note], list[Note], list[tuple[Note, Note]]]:
    """Where a document's notes are now: (moved, orphaned, changes as (old, new) to write).

    Shared by every back end, so notes follow edits the same way in a file or on a server.
    """
    text_hash = content_hash(doc.text)
    moved: list[Note] = []
    orphaned: list[Note] = []
    changes: list[tuple[Note, Note]] = []
    todo = [n for n in notes if n.content_hash != text_hash or n.orphaned]
    results = resolve_all([n.anchor for n in todo], doc.text, text_hash)
    for note, res in zip(todo, results, strict=True):
        if res.orphaned:
            orphaned.append(replace(note, orphaned=True))
            if not note.orphaned:
                changes.append((note, replace(note, orphaned=True)))
            continue
        fresh = note.with_anchor(rebase(note.anchor, doc.text, res, text_hash))
        if fresh.anchor != note.anchor or note.orphaned:
            changes.append((note, fresh))
            if (fresh.start, fresh.end) != (note.start, note.end) or note.orphaned:
                moved.append(fresh)
    return moved, orphaned, changes


def matches(
    note: Note,
    tag: str | None = None,
    text: str | None = None,
    path: str | None = None,
    orphaned: bool | None = None,
    author: str | None = None,
) -> bool:
    """The filter of :meth:`NotesStore.all_notes`, in Python (for notes held in memory)."""
    if path is not None and note.path != doc_key(path):
        return False
    if orphaned is not None and note.orphaned != orphaned:
        return False
    if tag and tag.lstrip("#").strip().casefold() not in {t.casefold() for t in note.tags}:
        return False
    if author and note.author.casefold() != author.strip().casefold():
        return False
    words = (text or "").casefold().split()
    return all(w in haystack(note) for w in words)


# -- schema -------------------------------------------------------------------------------------


def _migrate_1(conn: sqlite3.Connection) -> None:
    conn.execute(
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
            orphaned INTEGER NOT NULL DEFAULT 0
        )"""
    )
    conn.execute("CREATE INDEX notes_path ON notes(path)")
    conn.execute(
        """CREATE TABLE note_tags (
            note_id TEXT NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            tag TEXT NOT NULL,
            PRIMARY KEY (note_id, position)
        )"""
    )
    conn.execute("CREATE INDEX note_tags_tag ON note_tags(tag COLLATE NOCASE)")


def _migrate_2(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE documents (
            path TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            date TEXT,
            source TEXT,
            content_hash TEXT NOT NULL,
            seen TEXT NOT NULL
        )"""
    )


def _migrate_3(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE notes ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


#: MIGRATIONS[v] brings a version-v database to version v + 1.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_1, _migrate_2, _migrate_3)
assert len(MIGRATIONS) == SCHEMA_VERSION

_NOTE_COLUMNS = (
    "id, path, content_hash, exact, prefix, suffix, pos_start, pos_end, body, colour, kind, "
    "speaker, created, updated, orphaned, author, version"
)


# -- errors -------------------------------------------------------------------------------------


def _classify(exc: sqlite3.Error, path: Path | None, writing: bool = False) -> NotesStoreError:
    where = printable(str(path)) if path else "(in memory)"
    code = getattr(exc, "sqlite_errorcode", -1) & 0xFF
    text = str(exc).lower()
    if code in (5, 6) or "locked" in text or "busy" in text:
        return NotesStoreError(
            "locked",
            f"notes database {where} is locked by another program: close it and retry, "
            "or open the notes read-only",
            path,
            ("retry", "read_only"),
        )
    if code == 8 or "readonly" in text or "read-only" in text:
        return NotesStoreError(
            "read_only",
            f"notes database {where} cannot be written (read-only file or folder): "
            "open it read-only (new notes will not be saved) or fix its permissions",
            path,
            ("read_only",),
        )
    if code in (11, 26) or "not a database" in text or "malformed" in text:
        return NotesStoreError(
            "corrupt",
            f"notes database {where} is damaged ({exc}): `briefing-tui notes start-fresh` "
            f"starts a fresh one (the old file is kept as {DB_NAME}.corrupt-<time>), "
            "or restore a backup",
            path,
            ("start_fresh",),
        )
    if code == 13 or "full" in text:
        return NotesStoreError(
            "full",
            f"the disk holding {where} is full: the change was not saved; free space and retry",
            path,
            ("retry",),
        )
    return NotesStoreError(
        "unavailable",
        f"notes database {where} cannot be {'written' if writing else 'opened'} ({exc}): "
        "check the folder exists and is writable, or open the notes read-only",
        path,
        ("retry", "read_only"),
    )


# -- the store ----------------------------------------------------------------------------------


class NotesStore:
    """Notes in SQLite. Open with :meth:`open`; every method is one transaction.

    Thread-safe (one lock around the connection), so the app may call it from a worker.
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, read_only: bool, author: str = ""
    ) -> None:
        self._conn = conn
        self._lock = threading.RLock()
        self.path = path
        self.read_only = read_only
        #: Who new notes are by: ``user`` in config, else the login name.
        self.author = author or current_user()
        #: Where the notes live, for a status line (a file path; a masked URL for a server).
        self.location = str(path) if path else "(in memory)"

    # -- opening --

    @staticmethod
    def default_path() -> Path:
        return paths.data_dir() / DB_NAME

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str] | None = None,
        read_only: bool = False,
        timeout: float = 5.0,
        author: str = "",
    ) -> NotesStore:
        """Open (creating and migrating as needed) the notes database.

        ``read_only`` never writes: no file is created (a missing database reads as empty) and
        an old schema is migrated in memory. Raises :class:`NotesStoreError`.
        """
        p = Path(path) if path is not None else cls.default_path()
        if read_only:
            store = cls._open_read_only(p, timeout)
            store.author = author or store.author
            return store
        try:
            p.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise NotesStoreError(
                "unavailable",
                f"cannot create the notes folder {printable(str(p.parent))} "
                f"({exc.strerror or exc}): open the notes read-only or fix the folder",
                p,
                ("read_only",),
            ) from None
        if (p.exists() and not os.access(p, os.W_OK)) or not os.access(p.parent, os.W_OK):
            raise _classify(sqlite3.OperationalError("readonly database"), p)
        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(
                p, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            # WAL where the file system allows it (not on some network shares: there SQLite
            # keeps its rollback journal, slower but just as safe).
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            _check(conn, p)
            _migrate(conn, p)
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise _classify(exc, p) from None
        except NotesStoreError:
            if conn is not None:
                conn.close()
            raise
        return cls(conn, p, read_only=False, author=author)

    @classmethod
    def _open_read_only(cls, p: Path, timeout: float) -> NotesStore:
        if not p.exists():
            mem = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            _migrate(mem, None)
            return cls(mem, p, read_only=True)
        uri = p.resolve().as_uri()
        conn: sqlite3.Connection | None = None
        try:
            try:
                conn = sqlite3.connect(
                    f"{uri}?mode=ro",
                    uri=True,
                    timeout=timeout,
                    isolation_level=None,
                    check_same_thread=False,
                )
                conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            except sqlite3.OperationalError as exc:
                # A WAL database in a folder we cannot write has no -shm to share: read the
                # file as it stands (changes still in someone's -wal are not seen).
                if conn is not None:
                    conn.close()
                    conn = None
                if "unable to open" not in str(exc).lower():
                    raise
                conn = sqlite3.connect(
                    f"{uri}?immutable=1",
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                )
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            _check(conn, p)
            if version < SCHEMA_VERSION:
                # Too old to query as it is, and we may not write: migrate a copy in memory.
                mem = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
                conn.backup(mem)
                conn.close()
                conn = mem
                _migrate(conn, None)
        except sqlite3.Error as exc:
            if conn is not None:
                conn.close()
            raise _classify(exc, p) from None
        return cls(conn, p, read_only=True)

    @classmethod
    def start_fresh(
        cls, path: str | os.PathLike[str] | None = None, timeout: float = 5.0
    ) -> tuple[NotesStore, Path | None]:
        """Move a damaged database aside as ``notes.db.corrupt-<time>`` and open a new one.

        Returns the new store and where the old file went (None if there was none).
        """
        p = Path(path) if path is not None else cls.default_path()
        kept: Path | None = None
        stamp = _stamp()
        for suffix in ("", "-wal", "-shm", "-journal"):
            old = p.with_name(p.name + suffix)
            if not old.exists():
                continue
            target = p.with_name(f"{p.name}.corrupt-{stamp}{suffix}")
            try:
                os.replace(old, target)
            except OSError as exc:
                raise NotesStoreError(
                    "unavailable",
                    f"cannot move {printable(str(old))} aside ({exc.strerror or exc})",
                    p,
                    ("read_only",),
                ) from None
            if suffix == "":
                kept = target
        return cls.open(p, timeout=timeout), kept

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> NotesStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing --

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        if self.read_only:
            raise NotesStoreError(
                "read_only",
                "notes are open read-only: this change was not saved",
                self.path,
                (),
            )
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise _classify(exc, self.path, writing=True) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    with suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise _classify(exc, self.path, writing=True) from None
                raise

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        with self._lock:
            try:
                return fn(self._conn)
            except sqlite3.Error as exc:
                raise _classify(exc, self.path) from None

    # -- writing --

    def add(self, note: Note, doc: Document | None = None) -> Note:
        """Save a new note (and the document's title/date/source); durable when it returns."""
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
        with self._transaction() as conn:
            _insert(conn, note)
            if doc is not None:
                _remember(conn, doc)
        return note

    def restore(self, note: Note) -> None:
        """Put back a deleted note exactly as it was (undo)."""
        with self._transaction() as conn:
            conn.execute("DELETE FROM notes WHERE id = ?", (note.id,))
            _insert(conn, note)

    def update(self, note: Note, base_version: int | None = None) -> Note:
        """Save the note's text, tags and colour (its anchor too). Returns the saved note.

        With ``base_version`` (the version the editor started from), a note changed or
        deleted meanwhile raises :class:`NoteConflict` and nothing is written.
        """
        note = replace(
            note, body=multi_line(note.body), tags=normalize_tags(note.tags), updated=now()
        )
        with self._transaction() as conn:
            stored = conn.execute("SELECT version FROM notes WHERE id = ?", (note.id,)).fetchone()
            if base_version is not None and (stored is None or stored[0] != base_version):
                raise NoteConflict(note, _get(conn, note.id))
            note = replace(note, version=(stored[0] if stored else note.version - 1) + 1)
            cur = conn.execute(
                """UPDATE notes SET content_hash=?, exact=?, prefix=?, suffix=?, pos_start=?,
                   pos_end=?, body=?, colour=?, kind=?, speaker=?, updated=?, orphaned=?,
                   version=version + 1
                   WHERE id=?""",
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
                    int(note.orphaned),
                    note.id,
                ),
            )
            if cur.rowcount == 0:  # deleted meanwhile (another window): keep the words anyway
                _insert(conn, replace(note, created=note.created or note.updated))
            else:
                _write_tags(conn, note)
        return note

    def edit(self, note_id: str, draft: NoteDraft, base_version: int | None = None) -> Note:
        """Apply what the note form returned to a saved note.

        ``base_version``: the note's version when the form opened; if someone saved it since,
        :class:`NoteConflict` is raised (keep theirs, take mine with :meth:`update`, or keep
        both with :meth:`add` of a copy).
        """
        note = self.get(note_id)
        if note is None:
            raise KeyError(note_id)
        return self.update(
            replace(note, body=draft.body, tags=draft.tags, colour=draft.colour), base_version
        )

    def delete(self, note_id: str) -> Note | None:
        """Delete a note; returns it (for undo with :meth:`restore`), or None if it was gone."""
        with self._transaction() as conn:
            note = _get(conn, note_id)
            if note is not None:
                conn.execute("DELETE FROM notes WHERE id = ?", (note_id,))
        return note

    def reattach(self, note_id: str, anchor: Anchor) -> Note:
        """Attach a note (typically an orphan) to a passage chosen by hand."""
        note = self.get(note_id)
        if note is None:
            raise KeyError(note_id)
        return self.update(note.with_anchor(anchor, orphaned=False))

    def reanchor(self, doc: Document) -> ReanchorResult:
        """Follow the document's edits: move notes whose passage moved, orphan the lost ones.

        Call when a document is opened. Notes of an unchanged document cost one hash. Only
        anchor columns are written (and only if nobody re-anchored them meanwhile), so words
        edited in another window are kept. A read-only store answers without saving.
        """
        moved, orphaned, changes = plan_reanchor(self.notes_for(doc_key(doc.path)), doc)
        if changes and not self.read_only:
            with self._transaction() as conn:
                for old, new in changes:
                    conn.execute(
                        """UPDATE notes SET content_hash=?, exact=?, prefix=?, suffix=?,
                           pos_start=?, pos_end=?, orphaned=?
                           WHERE id=? AND content_hash=? AND pos_start=? AND pos_end=?
                           AND orphaned=?""",
                        (
                            new.content_hash,
                            new.exact,
                            new.prefix,
                            new.suffix,
                            new.start,
                            new.end,
                            int(new.orphaned),
                            old.id,
                            old.content_hash,
                            old.start,
                            old.end,
                            int(old.orphaned),
                        ),
                    )
                _remember(conn, doc)
        return ReanchorResult(moved, orphaned)

    # -- reading --

    def get(self, note_id: str) -> Note | None:
        return self._read(lambda c: _get(c, note_id))

    def notes_for(self, path: str) -> list[Note]:
        """Notes of one document (orphans included), in reading order."""
        key = doc_key(path)
        return self._read(
            lambda c: _select(c, "WHERE path = ? ORDER BY pos_start, pos_end, created", (key,))
        )

    def all_notes(
        self,
        tag: str | None = None,
        text: str | None = None,
        path: str | None = None,
        orphaned: bool | None = None,
        author: str | None = None,
    ) -> list[Note]:
        """Notes of the library (or of ``path``), filtered by tag, author and text.

        ``tag`` matches a whole tag ignoring case; ``author`` a whole name ignoring case;
        ``text`` every word of it, ignoring case, somewhere in the note, the passage, the tags
        or the speaker.
        """
        where: list[str] = []
        args: list[object] = []
        if author:
            where.append("author = ? COLLATE NOCASE")
            args.append(author.strip())
        if path is not None:
            where.append("path = ?")
            args.append(doc_key(path))
        if orphaned is not None:
            where.append("orphaned = ?")
            args.append(int(orphaned))
        if tag:
            where.append("id IN (SELECT note_id FROM note_tags WHERE tag = ? COLLATE NOCASE)")
            args.append(tag.lstrip("#").strip())
        sql = ("WHERE " + " AND ".join(where) if where else "") + (
            " ORDER BY path, pos_start, pos_end, created"
        )
        notes = self._read(lambda c: _select(c, sql, tuple(args)))
        words = (text or "").casefold().split()
        if words:
            notes = [n for n in notes if all(w in haystack(n) for w in words)]
        return notes

    def orphans(self, path: str | None = None) -> list[Note]:
        return self.all_notes(path=path, orphaned=True)

    def tags(self) -> list[str]:
        """Tags in use, most used first (for completion in the note form)."""
        rows = self._read(
            lambda c: c.execute(
                "SELECT tag, COUNT(*) AS n FROM note_tags GROUP BY tag COLLATE NOCASE "
                "ORDER BY n DESC, tag COLLATE NOCASE"
            ).fetchall()
        )
        return [r[0] for r in rows]

    def authors(self) -> list[str]:
        """Who wrote the notes, most notes first (for the notes screen's author filter)."""
        rows = self._read(
            lambda c: c.execute(
                "SELECT author, COUNT(*) AS n FROM notes WHERE author != '' GROUP BY author "
                "ORDER BY n DESC, author"
            ).fetchall()
        )
        return [r[0] for r in rows]

    def document_info(self, path: str) -> DocumentInfo | None:
        key = doc_key(path)
        row = self._read(
            lambda c: c.execute(
                "SELECT path, title, date, source, content_hash FROM documents WHERE path = ?",
                (key,),
            ).fetchone()
        )
        return DocumentInfo(*row) if row else None

    def count(self) -> int:
        return int(self._read(lambda c: c.execute("SELECT COUNT(*) FROM notes").fetchone()[0]))


# -- helpers over a connection --------------------------------------------------------------------


def _check(conn: sqlite3.Connection, path: Path | None) -> None:
    """Quick integrity check; a damaged file must not be written to further."""
    row = conn.execute("PRAGMA quick_check(1)").fetchone()
    if not row or row[0] != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed: {row[0] if row else '?'}")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        tables = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'").fetchone()[
            0
        ]
        if tables:
            raise sqlite3.DatabaseError("file is not a database (not a briefing-tui notes file)")


def _migrate(conn: sqlite3.Connection, path: Path | None) -> None:
    """Bring the schema to SCHEMA_VERSION in one transaction, backing the file up first."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        where = printable(str(path)) if path else "notes database"
        raise NotesStoreError(
            "newer",
            f"{where} was written by a newer briefing-tui (schema {version}, this one knows "
            f"{SCHEMA_VERSION}): open it read-only or upgrade briefing-tui",
            path,
            ("read_only",),
        )
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # another process won?
        if version < SCHEMA_VERSION:
            if version > 0 and path is not None:
                _backup(path, version)
            for v in range(version, SCHEMA_VERSION):
                MIGRATIONS[v](conn)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _backup(path: Path, version: int) -> Path:
    """A consistent copy of the database before migrating it (WAL contents included)."""
    target = path.with_name(f"{path.name}.v{version}-{_stamp()}.bak")
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    with suppress(OSError):
        shutil.copymode(path, target)
    return target


def _remember(conn: sqlite3.Connection, doc: Document) -> None:
    conn.execute(
        """INSERT INTO documents (path, title, date, source, content_hash, seen)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT(path) DO UPDATE SET title=excluded.title, date=excluded.date,
           source=excluded.source, content_hash=excluded.content_hash, seen=excluded.seen""",
        (doc_key(doc.path), doc.title, doc.date, doc.source, content_hash(doc.text), now()),
    )


def _insert(conn: sqlite3.Connection, note: Note) -> None:
    conn.execute(
        f"INSERT INTO notes ({_NOTE_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            note.id,
            note.path,
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
            note.created,
            note.updated or note.created,
            int(note.orphaned),
            note.author,
            note.version,
        ),
    )
    _write_tags(conn, note)


def _write_tags(conn: sqlite3.Connection, note: Note) -> None:
    conn.execute("DELETE FROM note_tags WHERE note_id = ?", (note.id,))
    conn.executemany(
        "INSERT INTO note_tags (note_id, position, tag) VALUES (?, ?, ?)",
        [(note.id, i, t) for i, t in enumerate(note.tags)],
    )


def _get(conn: sqlite3.Connection, note_id: str) -> Note | None:
    found = _select(conn, "WHERE id = ?", (note_id,))
    return found[0] if found else None


def _select(conn: sqlite3.Connection, clause: str, args: tuple[object, ...]) -> list[Note]:
    rows = conn.execute(f"SELECT {_NOTE_COLUMNS} FROM notes {clause}", args).fetchall()
    if not rows:
        return []
    tags: dict[str, list[str]] = {}
    ids = [r[0] for r in rows]
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for note_id, tag in conn.execute(
            f"SELECT note_id, tag FROM note_tags WHERE note_id IN ({marks}) "
            "ORDER BY note_id, position",
            chunk,
        ):
            tags.setdefault(note_id, []).append(tag)
    return [
        Note(
            id=r[0],
            path=r[1],
            content_hash=r[2],
            exact=r[3],
            prefix=r[4],
            suffix=r[5],
            start=r[6],
            end=r[7],
            body=r[8],
            tags=tuple(tags.get(r[0], ())),
            colour=r[9],
            kind=r[10],
            speaker=r[11],
            created=r[12],
            updated=r[13],
            orphaned=bool(r[14]),
            author=r[15],
            version=r[16],
        )
        for r in rows
    ]


def haystack(note: Note) -> str:
    return "\n".join((note.body, note.exact, " ".join(note.tags), note.speaker or "")).casefold()
