"""The watchlist: names, entity ids or search queries to track, and their new mentions.

Entries come from ``watch = [...]`` in ``config.toml`` and from ``+``/``-`` in the app, which
are kept in the data dir (``watchlist.json``: entries added, configured entries removed, and
when each entry was last looked at). An entry is matched, in this order, as an entity id
(``person:donald-trump``), as the name or a spelling of entities the index knows ("Trump",
"U.S."), else as a phrase (words in order, spelling variants allowed: "air defence").

"New since you last looked": a mention is new when its document's file changed after the
entry was last looked at (the Watchlist view marks every entry looked at when it opens). No
document is read: mentions, titles, dates and sentences come from the library's index.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tui.core import paths as app_paths
from tui.core.atomic import write_json_atomic
from tui.core.text import fold, one_line
from tui.search.mentions import (
    entities_named,
    entity_mentions,
    phrase_places,
    sentence_around,
    text_of,
)
from tui.timeline.buckets import document_dates

if TYPE_CHECKING:
    from tui.search.index import SearchIndex

WATCH_FILE = "watchlist.json"


def entry_key(entry: str) -> str:
    """Entries are the same when they differ only in case, accents or spacing."""
    return " ".join(fold(entry).split())


class Watchlist:
    """The entries in effect: the configured ones, plus those added, minus those removed."""

    def __init__(self, configured: Iterable[str] = (), path: Path | None = None) -> None:
        self.path = path if path is not None else app_paths.data_dir() / WATCH_FILE
        self.configured = _clean(configured)
        self.added: list[str] = []
        self.removed: list[str] = []
        #: entry key -> when it was last looked at (seconds since the epoch).
        self.seen: dict[str, float] = {}
        #: One line per thing that was wrong with the file (it is then used as far as it goes).
        self.problems: list[str] = []

    @classmethod
    def load(cls, configured: Iterable[str] = (), path: Path | None = None) -> Watchlist:
        """The watchlist file (default: the data dir's); a missing one is an empty list, a
        damaged one is reported in ``problems`` and treated as empty."""
        wl = cls(configured, path)
        try:
            data = json.loads(wl.path.read_text("utf-8"))
        except FileNotFoundError:
            return wl
        except (OSError, ValueError) as exc:
            wl.problems.append(f"{wl.path.name}: unreadable ({one_line(str(exc))[:80]}); ignored")
            return wl
        if not isinstance(data, dict):
            wl.problems.append(f"{wl.path.name}: not a watchlist; ignored")
            return wl
        wl.added = _clean(data.get("added") or [])
        wl.removed = _clean(data.get("removed") or [])
        seen = data.get("seen")
        if isinstance(seen, dict):
            wl.seen = {
                str(k): float(v)
                for k, v in seen.items()
                if isinstance(v, int | float) and not isinstance(v, bool)
            }
        return wl

    @property
    def entries(self) -> list[str]:
        gone = {entry_key(e) for e in self.removed}
        out: dict[str, str] = {}
        for e in (*self.configured, *self.added):
            k = entry_key(e)
            if k not in gone and k not in out:
                out[k] = e
        return list(out.values())

    def __contains__(self, entry: object) -> bool:
        if not isinstance(entry, str):
            return False
        k = entry_key(entry)
        return any(entry_key(e) == k for e in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: str) -> bool:
        """Watch ``entry`` (saved at once); False when it already was watched."""
        entry = one_line(entry)
        if not entry or entry in self:
            return False
        k = entry_key(entry)
        self.removed = [e for e in self.removed if entry_key(e) != k]
        if entry not in self:
            self.added.append(entry)
        self.save()
        return True

    def remove(self, entry: str) -> bool:
        """Stop watching ``entry`` (saved at once); False when it was not watched."""
        if entry not in self:
            return False
        k = entry_key(entry)
        self.added = [e for e in self.added if entry_key(e) != k]
        if any(entry_key(e) == k for e in self.configured):
            self.removed.append(entry)
        self.seen.pop(k, None)
        self.save()
        return True

    def last_seen(self, entry: str) -> float | None:
        return self.seen.get(entry_key(entry))

    def mark_seen(self, when: float | None = None, entries: Iterable[str] | None = None) -> None:
        """Every entry (or ``entries``) looked at now (or at ``when``); saved at once."""
        t = time.time() if when is None else when
        for e in self.entries if entries is None else entries:
            self.seen[entry_key(e)] = t
        self.save()

    def save(self) -> None:
        """Write atomically (a temporary file renamed over the old one)."""
        data = {"added": self.added, "removed": self.removed, "seen": self.seen}
        write_json_atomic(self.path, data, indent=1)


def _clean(items: object) -> list[str]:
    if not isinstance(items, list | tuple):
        return []
    return [s for s in (one_line(x) for x in items if isinstance(x, str)) if s]


# -- mentions ---------------------------------------------------------------------------------


class WatchedEntry(Protocol):
    """What the watchlist needs of a library entry (:class:`tui.library.library.DocEntry`)."""

    path: str
    title: str
    date: str | None
    source: str | None
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class WatchMention:
    """One mention of a watched entry, with its document and (when asked for) its sentence."""

    entry: str
    entity_id: str | None
    path: str
    title: str
    day: dt.date | None
    from_file: bool
    source: str
    start: int
    end: int
    new: bool
    mtime_ns: int
    text: str = ""
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0

    def to_json(self) -> dict[str, object]:
        return {
            "entry": self.entry,
            "entity_id": self.entity_id,
            "path": self.path,
            "title": self.title,
            "date": self.day.isoformat() if self.day else None,
            "date_from": "file" if self.from_file else "document",
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "new": self.new,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
        }


def entry_places(index: SearchIndex, entry: str) -> list[tuple[str | None, str, int, int]]:
    """(entity id or None, path, start, end) of every place ``entry`` matches.

    An entity (by id, name or spelling) gives each of its mentions; a phrase gives its first
    place in each paragraph, quote or title that holds it.
    """
    ids = entities_named(index, entry)
    if ids:
        return [(eid, p, s, e) for eid in ids for p, s, e in entity_mentions(index, eid)]
    return [(None, p, s, e) for p, s, e in phrase_places(index, entry)]


def find_mentions(
    index: SearchIndex,
    entries: Sequence[WatchedEntry],
    watchlist: Watchlist,
    *,
    since: dt.date | None = None,
    only_new: bool = False,
    limit: int | None = None,
) -> list[WatchMention]:
    """Mentions of every watched entry in the library's documents, newest first.

    ``since``: only documents dated that day or later; ``only_new``: only mentions in
    documents changed after the entry was last looked at; ``limit``: the newest that many.
    Sentences are left empty (see :func:`with_sentences`): a view shows a few.
    """
    meta = {e.path: e for e in entries}
    days = {d.path: d for d in document_dates(entries)}
    found: list[tuple[int, int, str, int, str, str | None, int, bool]] = []
    for entry in watchlist.entries:
        seen = watchlist.last_seen(entry)
        seen_ns = int(seen * 1e9) if seen is not None else None
        for eid, path, s, e in entry_places(index, entry):
            m = meta.get(path)
            if m is None:
                continue
            dd = days.get(path)
            day = dd.day.toordinal() if dd is not None else 0
            if since is not None and day < since.toordinal():
                continue
            new = seen_ns is None or m.mtime_ns > seen_ns
            if only_new and not new:
                continue
            found.append((-day, -m.mtime_ns, path, s, entry, eid, e, new))
    found.sort(key=lambda t: t[:4])
    out: list[WatchMention] = []
    titles: dict[str, str] = {}
    for _, _, path, s, entry, eid, e, new in found[:limit]:
        m = meta[path]
        dd = days.get(path)
        title = titles.get(path)
        if title is None:
            title = titles[path] = one_line(m.title)
        out.append(
            WatchMention(
                entry,
                eid,
                path,
                title,
                dd.day if dd is not None else None,
                dd.from_file if dd is not None else True,
                dd.source if dd is not None else "",
                s,
                e,
                new,
                m.mtime_ns,
            )
        )
    return out


def watched_places(index: SearchIndex, watchlist: Watchlist) -> dict[str, list[tuple[int, int]]]:
    """Every document's places (start, end) that mention a watched entry, for marking the
    reader and counting in the document list."""
    out: dict[str, list[tuple[int, int]]] = {}
    for entry in watchlist.entries:
        for _, path, s, e in entry_places(index, entry):
            out.setdefault(path, []).append((s, e))
    for spans in out.values():
        spans.sort()
    return out


def with_sentences(index: SearchIndex, mentions: Iterable[WatchMention]) -> list[WatchMention]:
    """The mentions with their words and the sentence around each (from the index's text)."""
    out: list[WatchMention] = []
    texts: dict[str, str | None] = {}
    for w in mentions:
        if w.path not in texts:
            texts[w.path] = text_of(index, w.path)
        text = texts[w.path]
        if text is None:
            out.append(w)
            continue
        a, b = sentence_around(index, w.path, w.start, w.end)
        out.append(
            replace(
                w,
                text=one_line(text[w.start : w.end]),
                sentence=one_line(text[a:b]),
                sentence_start=a,
                sentence_end=b,
            )
        )
    return out
