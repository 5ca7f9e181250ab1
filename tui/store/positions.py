"""Reading positions on a team's PostgreSQL server, one set per user.

The same :class:`tui.core.positions.PositionsBackend` as ``positions.json``, so a reader who
moves between machines finds each document where they left it. Why it is shaped this way:

- Positions are read once (the user's most recent :data:`MAX_ENTRIES`) and kept in memory;
  ``save`` sends only what changed, in one transaction, so a key press never waits on more
  than one round trip.
- A lost position is a nuisance, never a reason to stop: when the server is away the
  positions of this session stay in memory, ``save`` says so once (one line, password
  masked) and tries again at most every ``RETRY_AFTER`` seconds, sending them when it
  answers; what the server held is merged in then, this session's positions winning.
- Two readers of the same user keep the newest position of each document (``seen``).
"""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Any

import psycopg

from tui.core.config import current_user
from tui.core.positions import MAX_ENTRIES, Position, PositionsLookup, position_key
from tui.store.postgres import RETRY_AFTER, problem_line
from tui.store.url import mask, parse_store_url


class PostgresPositions(PositionsLookup):
    """Reading positions of ``user`` on the server at ``url``; see the module docstring."""

    def __init__(self, url: str, user: str = "", connect_timeout: int = 3) -> None:
        parse_store_url(url)
        self.url = url
        self.location = mask(url)
        self.user = user or current_user()
        self.connect_timeout = connect_timeout
        self.problem: str | None = None
        self._lock = threading.RLock()
        self._conn: psycopg.Connection[Any] | None = None
        self._data: dict[str, Position] | None = None
        self._loaded = False  # the server's positions are in _data
        self._last: str | None = None
        self._dirty: set[str] = set()
        self._last_dirty = False
        self._next_try = 0.0
        self._told = False  # the outage was reported (once per outage)

    # -- the server --

    def _live(self) -> tuple[psycopg.Connection[Any] | None, str | None]:
        """The connection, or None while the server is away (tried again every RETRY_AFTER
        seconds) with the line to show the first time it is found away."""
        if self._conn is not None and not self._conn.closed:
            return self._conn, None
        if time.monotonic() < self._next_try:
            return None, None
        try:
            self._conn = psycopg.connect(
                self.url,
                autocommit=True,
                connect_timeout=self.connect_timeout,
                application_name="briefing-tui positions",
            )
        except psycopg.Error as exc:
            return None, self._lost(exc)
        return self._conn, None

    def _lost(self, exc: BaseException) -> str | None:
        """Forget the connection; the first time in an outage, return the line to show."""
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
        self._conn = None
        self._next_try = time.monotonic() + RETRY_AFTER
        if self._told:
            return None
        self._told = True
        return (
            f"reading positions: {problem_line(exc, self.url)}; "
            "kept for this session and saved when it answers"
        )

    def _fetch(self, conn: psycopg.Connection[Any]) -> None:
        """Merge the server's positions under this session's (which are newer)."""
        rows = conn.execute(
            "SELECT path, cursor_at, top_at, seen FROM reading_positions WHERE reader = %s "
            "ORDER BY seen DESC LIMIT %s",
            (self.user, MAX_ENTRIES),
        ).fetchall()
        last = conn.execute(
            "SELECT path FROM reading_last WHERE reader = %s", (self.user,)
        ).fetchone()
        mine = self._data or {}
        self._data = {r[0]: Position(int(r[1]), int(r[2]), float(r[3])) for r in rows}
        self._data.update(mine)
        if not self._last_dirty:
            self._last = last[0] if last else None
        self._loaded = True

    @property
    def data(self) -> dict[str, Position]:
        with self._lock:
            if self._data is None:
                self._data = {}
                conn, line = self._live()
                if conn is None:
                    self.problem = line
                else:
                    try:
                        self._fetch(conn)
                        self._told = False
                    except psycopg.Error as exc:
                        self.problem = self._lost(exc)
            return self._data

    # -- the backend (last, set_last and get come from PositionsLookup) --

    def set(self, path: str, cursor: int, top: int) -> None:
        key = position_key(path)
        with self._lock:
            old = self.data.get(key)
            if old is not None and old.cursor == cursor and old.top == top:
                return
            self.data[key] = Position(max(0, cursor), max(0, top), time.time())
            self._dirty.add(key)

    def save(self) -> str | None:
        """Send what changed; one line the first time the server is found away, else None."""
        with self._lock:
            if not self._dirty and not self._last_dirty:
                return None
            data = self.data
            conn, line = self._live()
            if conn is None:
                return line
            try:
                with conn.transaction():
                    if not self._loaded:
                        self._fetch(conn)
                        data = self._data or {}
                    rows = [
                        (self.user, k, data[k].cursor, data[k].top, data[k].seen)
                        for k in sorted(self._dirty)
                        if k in data
                    ]
                    with conn.cursor() as cur:
                        cur.executemany(
                            """INSERT INTO reading_positions
                               (reader, path, cursor_at, top_at, seen)
                               VALUES (%s, %s, %s, %s, %s)
                               ON CONFLICT (reader, path) DO UPDATE SET
                               cursor_at = excluded.cursor_at, top_at = excluded.top_at,
                               seen = excluded.seen
                               WHERE reading_positions.seen <= excluded.seen""",
                            rows,
                        )
                    if self._last_dirty and self._last is not None:
                        conn.execute(
                            """INSERT INTO reading_last (reader, path) VALUES (%s, %s)
                               ON CONFLICT (reader) DO UPDATE SET path = excluded.path""",
                            (self.user, self._last),
                        )
                    if len(data) > MAX_ENTRIES:
                        self._trim(conn)
            except psycopg.Error as exc:
                return self._lost(exc)
            self._dirty.clear()
            self._last_dirty = False
            self._told = False
            return None

    def _trim(self, conn: psycopg.Connection[Any]) -> None:
        """Keep the user's most recent MAX_ENTRIES positions, as the file does."""
        conn.execute(
            """DELETE FROM reading_positions WHERE reader = %s AND path NOT IN (
                   SELECT path FROM reading_positions WHERE reader = %s
                   ORDER BY seen DESC LIMIT %s)""",
            (self.user, self.user, MAX_ENTRIES),
        )
        if self._data is not None and len(self._data) > MAX_ENTRIES:
            keep = sorted(self._data.items(), key=lambda kv: kv[1].seen, reverse=True)
            self._data = dict(keep[:MAX_ENTRIES])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(psycopg.Error):
                    self._conn.close()
            self._conn = None
