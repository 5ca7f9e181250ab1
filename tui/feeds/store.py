"""Subscriptions and the inbox: one Markdown file per item, and a small SQLite state beside it.

Files live under ``$XDG_DATA_HOME/briefing-tui/inbox/<feed>/<date>-<slug>.md`` (platformdirs),
with front matter ``title``, ``date``, ``source``, ``url``, ``feed``, ``id``, so every part of
the reader (parse cache, search, entities, notes, export) works on them unchanged and the user
can grep, back up or sync the folder. State (subscriptions, ETags, which item went to which
file) is SQLite in WAL mode in the data dir, so it survives ``kill -9``.

Never twice, even after a kill: a file is written to a hidden temporary name and renamed over
its final name (atomic on POSIX), and only then recorded. If the process dies between the two,
the next update finds no record, computes the same path, reads that file's ``id`` and writes it
in place instead of beside it. An item is known by its feed id, else its link, else a hash of
its content; an item whose content changed upstream is rewritten in place (same path), so notes
on it re-anchor as on any edited file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from tui.core import paths
from tui.core.text import fold, one_line

DB_NAME = "feeds.sqlite"
WEB_FEED = "web"  # the pseudo feed that `briefing-tui fetch` saves pages under
_SLUG = re.compile(r"[^a-z0-9]+")
_FRONT_ID = re.compile(r"^id:\s*(.*?)\s*$", re.MULTILINE)
_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    folder TEXT NOT NULL UNIQUE,
    full_text INTEGER NOT NULL DEFAULT 0,
    etag TEXT,
    last_modified TEXT,
    last_update TEXT,
    last_error TEXT,
    added TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS items (
    feed TEXT NOT NULL,
    key TEXT NOT NULL,
    item_id TEXT,
    link TEXT,
    hash TEXT NOT NULL,
    path TEXT NOT NULL,
    saved TEXT NOT NULL,
    PRIMARY KEY (feed, key)
);
CREATE INDEX IF NOT EXISTS items_link ON items (feed, link);
CREATE INDEX IF NOT EXISTS items_hash ON items (feed, hash);
CREATE TABLE IF NOT EXISTS unread (path TEXT PRIMARY KEY);
"""


def inbox_dir() -> Path:
    return paths.inbox_dir()


def db_path() -> Path:
    return paths.data_dir() / DB_NAME


def slugify(text: str, limit: int = 60) -> str:
    slug = _SLUG.sub("-", fold(text)).strip("-")
    return slug[:limit].rstrip("-")


@dataclass(slots=True)
class Feed:
    url: str
    title: str
    folder: str
    full_text: bool
    etag: str | None
    last_modified: str | None
    last_update: str | None
    last_error: str | None
    items: int = 0
    unread: int = 0


@dataclass(slots=True)
class Known:
    key: str
    hash: str
    path: str


class StoreError(Exception):
    """One line: the feed state cannot be opened or written."""


class Store:
    """Subscriptions and saved items; safe to share between the update's threads."""

    def __init__(self, inbox: Path | None = None, db: Path | None = None) -> None:
        self.inbox = inbox or inbox_dir()
        path = db or db_path()
        self._lock = threading.RLock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), timeout=10, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)
            self.db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"{path}: cannot open the feed state ({exc})") from None

    def close(self) -> None:
        with self._lock:
            self.db.close()

    # -- subscriptions -------------------------------------------------------------------

    def feeds(self, url: str | None = None) -> list[Feed]:
        """Every subscription (or the one at ``url``), with its count of saved items."""
        where = "f.url = ?" if url is not None else "f.url != ?"
        with self._lock:
            rows = self.db.execute(
                "SELECT f.url, f.title, f.folder, f.full_text, f.etag, f.last_modified,"
                " f.last_update, f.last_error, (SELECT count(*) FROM items i WHERE i.feed=f.url),"
                " (SELECT count(*) FROM items i JOIN unread u ON u.path = i.path"
                "  WHERE i.feed=f.url)"
                f" FROM feeds f WHERE {where} ORDER BY f.added, f.rowid",
                (url if url is not None else WEB_FEED,),
            ).fetchall()
        return [
            Feed(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6], r[7], int(r[8]), int(r[9]))
            for r in rows
        ]

    def feed(self, url: str) -> Feed | None:
        found = self.feeds(url) if url != WEB_FEED else []
        return found[0] if found else None

    def add_feed(self, url: str, title: str, full_text: bool = False) -> tuple[Feed, bool]:
        """Subscribe (or update the title / full-text choice); True when it is new."""
        with self._lock:
            old = self.feed(url)
            if old is not None:
                self.db.execute(
                    "UPDATE feeds SET full_text=?, title=? WHERE url=?",
                    (int(full_text or old.full_text), title or old.title, url),
                )
                self.db.commit()
                feed = self.feed(url)
                assert feed is not None
                return feed, False
            folder = self._free_folder(slugify(title) or slugify(urlsplit(url).hostname or "feed"))
            self.db.execute(
                "INSERT INTO feeds (url, title, folder, full_text, added) VALUES (?,?,?,?,?)",
                (url, one_line(title), folder, int(full_text), _now()),
            )
            self.db.commit()
        feed = self.feed(url)
        assert feed is not None
        return feed, True

    def _free_folder(self, base: str) -> str:
        base = base or "feed"
        taken = {r[0] for r in self.db.execute("SELECT folder FROM feeds")}
        name, n = base, 2
        while name in taken or name == WEB_FEED:
            name, n = f"{base}-{n}", n + 1
        return name

    def remove_feed(self, url: str) -> bool:
        """Unsubscribe; the saved files stay (they are the user's articles now)."""
        with self._lock:
            cur = self.db.execute("DELETE FROM feeds WHERE url=?", (url,))
            self.db.execute("DELETE FROM items WHERE feed=?", (url,))
            self.db.commit()
            return cur.rowcount > 0

    def record_fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        error: str | None = None,
        title: str | None = None,
    ) -> None:
        with self._lock:
            if error is not None:
                self.db.execute(
                    "UPDATE feeds SET last_update=?, last_error=? WHERE url=?",
                    (_now(), error, url),
                )
            else:
                self.db.execute(
                    "UPDATE feeds SET last_update=?, last_error=NULL, etag=?, last_modified=?,"
                    " title=CASE WHEN title='' AND ? IS NOT NULL THEN ? ELSE title END"
                    " WHERE url=?",
                    (_now(), etag, last_modified, title, title, url),
                )
            self.db.commit()

    def ensure_web_feed(self) -> None:
        with self._lock:
            self.db.execute(
                "INSERT OR IGNORE INTO feeds (url, title, folder, added) VALUES (?,?,?,?)",
                (WEB_FEED, "Web pages", WEB_FEED, _now()),
            )
            self.db.commit()

    # -- items ---------------------------------------------------------------------------

    def find(self, feed: str, key: str) -> Known | None:
        """The saved item with this key (its feed id, else its link, else its content hash)."""
        with self._lock:
            row = self.db.execute(
                "SELECT key, hash, path FROM items WHERE feed=? AND key=?", (feed, key)
            ).fetchone()
        return Known(row[0], row[1], row[2]) if row is not None else None

    def save(
        self,
        feed: Feed,
        key: str,
        *,
        item_id: str | None,
        link: str | None,
        hash_: str,
        date: str | None,
        title: str,
        text: str,
        known: Known | None,
    ) -> Path:
        """Write the item's file (in place when known) and record it; returns its path."""
        folder = self.inbox / feed.folder
        path = Path(known.path) if known is not None else self._path_for(folder, key, date, title)
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, text)
        with self._lock:
            if known is not None and known.key != key:
                self.db.execute("DELETE FROM items WHERE feed=? AND key=?", (feed.url, known.key))
            self.db.execute(
                "INSERT OR REPLACE INTO items (feed, key, item_id, link, hash, path, saved)"
                " VALUES (?,?,?,?,?,?,?)",
                (feed.url, key, item_id, link, hash_, str(path), _now()),
            )
            self.db.execute("INSERT OR IGNORE INTO unread (path) VALUES (?)", (str(path),))
            self.db.commit()
        return path

    def _path_for(self, folder: Path, key: str, date: str | None, title: str) -> Path:
        day = (date or _now())[:10]
        base = f"{day}-{slugify(title) or 'item'}"
        for n in range(1, 1000):
            path = folder / (f"{base}.md" if n == 1 else f"{base}-{n}.md")
            if not path.exists():
                return path
            if _file_id(path) == key:  # written by an update that died before recording it
                return path
        return folder / f"{base}-{hashlib.sha1(key.encode()).hexdigest()[:10]}.md"

    # -- read / unread -------------------------------------------------------------------

    def unread(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self.db.execute("SELECT path FROM unread")}

    def mark_read(self, path: str, read: bool = True) -> None:
        with self._lock:
            if read:
                self.db.execute("DELETE FROM unread WHERE path=?", (path,))
            else:
                self.db.execute("INSERT OR IGNORE INTO unread (path) VALUES (?)", (path,))
            self.db.commit()


def _file_id(path: Path) -> str | None:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    end = head.find("\n---", 3)
    m = _FRONT_ID.search(head[: end if end > 0 else len(head)])
    if m is None:
        return None
    value = m.group(1)
    with contextlib.suppress(ValueError):
        loaded = json.loads(value)
        if isinstance(loaded, str):
            return loaded
    return value


def atomic_write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` all or nothing: a hidden temporary file, fsync, rename."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def clean_partial(folder: Path) -> int:
    """Remove temporary files a killed update left behind; how many."""
    removed = 0
    if not folder.is_dir():
        return 0
    for tmp in folder.rglob(".*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()
            removed += 1
    return removed


def front_value(value: str) -> str:
    """One front-matter value: a JSON string (a valid YAML double-quoted scalar); ``<`` and
    ``>`` as ``\\u`` escapes, so no markup at all stands in the file."""
    text = json.dumps(one_line(value), ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e")


def render_article(
    *,
    title: str,
    date: str | None,
    source: str | None,
    url: str | None,
    feed: str,
    item_id: str,
    author: str | None,
    body: str,
) -> str:
    """The Markdown file of one item: front matter, the title as a heading, the body."""
    lines = ["---", f"title: {front_value(title or 'Untitled')}"]
    if date:
        lines.append(f"date: {front_value(date)}")
    if source:
        lines.append(f"source: {front_value(source)}")
    if author:
        lines.append(f"author: {front_value(author)}")
    if url:
        lines.append(f"url: {front_value(url)}")
    lines.append(f"feed: {front_value(feed)}")
    lines.append(f"id: {front_value(item_id)}")
    lines.append("---")
    lines.append("")
    from tui.feeds.sanitize import escape

    lines.append("# " + escape(one_line(title or "Untitled")))
    lines.append("")
    if body.strip():
        lines.append(body.strip())
        lines.append("")
    return "\n".join(lines)


def content_hash(*parts: str | None) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update((part or "").encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
