"""Document dates and the buckets of the timeline (days, weeks, months, quarters or years).

A document's date is the one its parser found (a dateline, front matter, a feed's date); a
document without one is placed on its file's modification day and counted as such
(``from_file``), so the screen can say how many dates are guesses. The bucket size is the
finest that fits the span in ``max_buckets`` (a week of news by day, a year by week or month).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from tui.core.text import one_line

Granularity = Literal["day", "week", "month", "quarter", "year"]
GRANULARITIES: tuple[Granularity, ...] = ("day", "week", "month", "quarter", "year")
#: The source a document without one is counted under.
NO_SOURCE = "no source"
#: Sources beyond the most common few are counted together under this name.
OTHER_SOURCES = "other sources"


class EntryLike(Protocol):
    """What the timeline needs of a library entry (:class:`tui.library.library.DocEntry`)."""

    path: str
    date: str | None
    source: str | None
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class DocDate:
    """One document on the timeline: its day, its source, and whether the day is the file's."""

    path: str
    day: dt.date
    source: str
    from_file: bool = False


def parse_iso_day(value: str | None) -> dt.date | None:
    """``YYYY-MM-DD`` (a longer ISO timestamp is cut to its day); None when it is not one."""
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def source_label(source: str | None) -> str:
    """The outlet a document is counted under: "UNN, citing Bloomberg" counts as UNN."""
    if not source:
        return NO_SOURCE
    label = one_line(source).split(", citing", 1)[0].strip()
    return label[:40] or NO_SOURCE


def document_dates(entries: Iterable[EntryLike]) -> list[DocDate]:
    """Every entry's day: its own date, else its file's modification day (``from_file``)."""
    out: list[DocDate] = []
    labels: dict[str | None, str] = {}
    days: dict[str | None, dt.date | None] = {}
    for e in entries:
        day = days.get(e.date, dt.date.min)
        if day is dt.date.min:
            day = days[e.date] = parse_iso_day(e.date)
        from_file = day is None
        if day is None:
            if not e.mtime_ns:
                continue
            try:
                day = dt.datetime.fromtimestamp(e.mtime_ns / 1e9).date()
            except (OverflowError, OSError, ValueError):
                continue
        label = labels.get(e.source)
        if label is None:
            label = labels[e.source] = source_label(e.source)
        out.append(DocDate(e.path, day, label, from_file))
    return out


def bucket_start(day: dt.date, unit: Granularity) -> dt.date:
    """The first day of the bucket holding ``day``; weeks start on Monday."""
    if unit == "day":
        return day
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "quarter":
        return dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return dt.date(day.year, 1, 1)


def next_start(start: dt.date, unit: Granularity) -> dt.date:
    """The first day of the bucket after the one starting on ``start``."""
    if unit == "day":
        return start + dt.timedelta(days=1)
    if unit == "week":
        return start + dt.timedelta(days=7)
    months = {"month": 1, "quarter": 3}.get(unit, 12)
    m = start.month - 1 + months
    return dt.date(start.year + m // 12, m % 12 + 1, 1)


def bucket_count(first: dt.date, last: dt.date, unit: Granularity) -> int:
    """How many buckets of ``unit`` the days ``first``..``last`` span."""
    a, b = bucket_start(first, unit), bucket_start(last, unit)
    if unit == "day":
        return (b - a).days + 1
    if unit == "week":
        return (b - a).days // 7 + 1
    months = (b.year - a.year) * 12 + b.month - a.month
    return months // {"month": 1, "quarter": 3}.get(unit, 12) + 1


def choose_granularity(first: dt.date, last: dt.date, max_buckets: int) -> Granularity:
    """The finest bucket size that shows ``first``..``last`` in at most ``max_buckets``."""
    for unit in GRANULARITIES:
        if bucket_count(first, last, unit) <= max_buckets:
            return unit
    return "year"


def bucket_label(start: dt.date, unit: Granularity) -> str:
    """ "2025-06-15", "week of 2025-06-09", "2025-06", "2025 Q2", "2025"."""
    if unit == "day":
        return start.isoformat()
    if unit == "week":
        return f"week of {start.isoformat()}"
    if unit == "month":
        return start.strftime("%Y-%m")
    if unit == "quarter":
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


@dataclass(slots=True)
class Bucket:
    """One bar of the chart: the documents of ``start`` up to (not including) ``end``."""

    start: dt.date
    end: dt.date
    label: str
    paths: list[str] = field(default_factory=list)
    by_source: Counter[str] = field(default_factory=Counter)
    #: How many of the documents are placed by their file's date (they have none of their own).
    from_file: int = 0

    @property
    def count(self) -> int:
        return len(self.paths)


@dataclass(slots=True)
class Timeline:
    """The library's documents in buckets, with the sources in legend order."""

    unit: Granularity
    buckets: list[Bucket]
    #: Sources by document count, most first; beyond ``top_sources`` they are OTHER_SOURCES.
    sources: list[str]
    total: int
    from_file: int

    @property
    def first(self) -> dt.date | None:
        return self.buckets[0].start if self.buckets else None

    @property
    def end(self) -> dt.date | None:
        """The day after the last bucket."""
        return self.buckets[-1].end if self.buckets else None

    @property
    def peak(self) -> int:
        return max((b.count for b in self.buckets), default=0)

    def index_of(self, day: dt.date) -> int | None:
        """The bucket holding ``day``, or None outside the timeline."""
        if not self.buckets or day < self.buckets[0].start or day >= self.buckets[-1].end:
            return None
        return bisect_right([b.start for b in self.buckets], day) - 1

    def describe(self) -> str:
        """One line: "1,204 documents · 2025-01-06 to 2025-12-28 · by week · 31 by file date"."""
        if not self.buckets:
            return "no dated documents"
        last = self.buckets[-1].end - dt.timedelta(days=1)
        parts = [
            f"{self.total:,} document{'s' if self.total != 1 else ''}",
            f"{self.buckets[0].start.isoformat()} to {last.isoformat()}",
            f"by {self.unit}",
        ]
        if self.from_file:
            parts.append(f"{self.from_file:,} dated by file time")
        return " · ".join(parts)


def build_timeline(
    dates: Sequence[DocDate], max_buckets: int = 60, top_sources: int = 5
) -> Timeline:
    """Bucket ``dates`` by the finest unit that fits in ``max_buckets`` bars.

    Empty buckets between the first and last document are kept (a gap is news too).
    """
    max_buckets = max(1, max_buckets)
    counts = Counter(d.source for d in dates)
    ranked = sorted(counts, key=lambda s: (s == NO_SOURCE, -counts[s], s))
    sources = ranked[:top_sources]
    if len(ranked) > top_sources:
        sources.append(OTHER_SOURCES)
    kept = set(sources)
    if not dates:
        return Timeline("day", [], sources, 0, 0)
    first = min(d.day for d in dates)
    last = max(d.day for d in dates)
    unit = choose_granularity(first, last, max_buckets)
    buckets: list[Bucket] = []
    start = bucket_start(first, unit)
    while start <= last:
        nxt = next_start(start, unit)
        buckets.append(Bucket(start, nxt, bucket_label(start, unit)))
        start = nxt
    starts = [b.start for b in buckets]
    by_day: dict[dt.date, list[DocDate]] = {}
    for d in dates:
        got = by_day.get(d.day)
        if got is None:
            by_day[d.day] = [d]
        else:
            got.append(d)
    from_file = 0
    for day in sorted(by_day):
        b = buckets[bisect_right(starts, day) - 1]
        docs = by_day[day]
        docs.sort(key=lambda d: d.path)
        b.paths.extend(d.path for d in docs)
        b.by_source.update(d.source if d.source in kept else OTHER_SOURCES for d in docs)
        k = sum(1 for d in docs if d.from_file)
        b.from_file += k
        from_file += k
    return Timeline(unit, buckets, sources, len(dates), from_file)
