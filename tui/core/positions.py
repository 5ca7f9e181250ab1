"""Where the reader was in each document, kept across runs (``positions.json`` in the data dir).

No Textual here. Positions are character offsets into ``Document.text`` (the cursor and the
top of the view), not screen lines, so they survive a different terminal width. Writes are
atomic (temporary file, then rename) and merge with what another running instance saved.
A corrupt file is set aside (``positions.json.bad``) and reading starts afresh; losing a
reading position is a nuisance, never a reason to stop the app.

:class:`PositionsBackend` is what the reader needs of any keeper of positions: this file, or a
team store's server (``tui.store.positions``, one set per user), chosen by
``tui.store.select.open_positions``.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tui.core import paths
from tui.core.atomic import write_json_atomic

FILE_NAME = "positions.json"
#: Keep the most recently read documents only, so the file stays small.
MAX_ENTRIES = 5000


@dataclass(frozen=True, slots=True)
class Position:
    """``cursor``: offset of the passage under the cursor; ``top``: offset atop the view."""

    cursor: int
    top: int
    seen: float = 0.0


class PositionsBackend(Protocol):
    """Reading positions by document path, whoever keeps them. ``problem`` holds one line for
    the user (a file set aside, a server away) until the reader has shown it."""

    problem: str | None

    def last(self) -> str | None:
        """The document read last (its real path), to open first next time."""
        ...

    def set_last(self, path: str) -> None: ...

    def get(self, path: str) -> Position | None: ...

    def set(self, path: str, cursor: int, top: int) -> None: ...

    def save(self) -> str | None:
        """Keep what changed; returns a one-line problem or None (never raises)."""
        ...


def position_key(path: str) -> str:
    """The path a position is filed under: resolved, so any cwd finds it again."""
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return path


class PositionsLookup:
    """What every backend shares: the document read last and lookups by path, over ``data``
    (loaded on first use by the backend)."""

    _last: str | None
    _last_dirty: bool

    @property
    def data(self) -> dict[str, Position]:
        raise NotImplementedError

    def last(self) -> str | None:
        """The document read last (its real path), to open first next time."""
        _ = self.data
        return self._last

    def set_last(self, path: str) -> None:
        key = position_key(path)
        _ = self.data
        if key != self._last:
            self._last = key
            self._last_dirty = True

    def get(self, path: str) -> Position | None:
        return self.data.get(position_key(path))


class Positions(PositionsLookup):
    """Reading positions by document path; ``save`` writes them (atomically) when changed."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = paths.data_dir() / FILE_NAME if file is None else file
        self._data: dict[str, Position] | None = None
        self._dirty: set[str] = set()
        self._last: str | None = None
        self._last_dirty = False
        self.problem: str | None = None

    def _load_file(self) -> tuple[dict[str, Position], str | None]:
        try:
            raw = self.file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}, None
        except (OSError, UnicodeDecodeError) as exc:
            self.problem = f"reading positions not loaded ({exc})"
            return {}, None
        try:
            data = json.loads(raw)
            docs = data["docs"]
            out = {}
            for key, value in docs.items():
                cursor, top, seen = value
                out[str(key)] = Position(int(cursor), int(top), float(seen))
            last = data.get("last")
            return out, last if isinstance(last, str) else None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            with contextlib.suppress(OSError):
                os.replace(self.file, self.file.with_name(FILE_NAME + ".bad"))
            self.problem = f"{self.file.name} was unreadable ({type(exc).__name__}); set aside"
            return {}, None

    @property
    def data(self) -> dict[str, Position]:
        if self._data is None:
            self._data, self._last = self._load_file()
        return self._data

    def set(self, path: str, cursor: int, top: int) -> None:
        key = position_key(path)
        old = self.data.get(key)
        if old is not None and old.cursor == cursor and old.top == top:
            return
        self.data[key] = Position(max(0, cursor), max(0, top), time.time())
        self._dirty.add(key)

    def save(self) -> str | None:
        """Write changes (merged with the file as it is now); returns a one-line problem or None."""
        if not self._dirty and not self._last_dirty:
            return None
        merged, last = self._load_file()
        if self._last_dirty or last is None:
            last = self._last
        for key in self._dirty:
            merged[key] = self.data[key]
        if len(merged) > MAX_ENTRIES:
            keep = sorted(merged.items(), key=lambda kv: kv[1].seen, reverse=True)[:MAX_ENTRIES]
            merged = dict(keep)
        payload = {
            "version": 1,
            "last": last,
            "docs": {k: [p.cursor, p.top, round(p.seen, 3)] for k, p in merged.items()},
        }
        try:
            write_json_atomic(self.file, payload)
        except OSError as exc:
            return f"reading positions not saved: {exc.strerror or exc}"
        self._data = {**merged, **self.data}
        self._dirty.clear()
        self._last_dirty = False
        return None
