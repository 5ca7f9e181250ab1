"""Mentions of each entity over time, and which entities rise or fall over a span.

Built once from the search index's entity mentions (:mod:`tui.search.mentions`) and the
documents' days: per entity a sorted array of day numbers, one per mention. A span's count is
then two binary searches, so the trends of every entity over any span, a sparkline of one
entity, and its first and last mention all cost little, and no document is read.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.entities.table import NAMED_TYPES
from tui.search.mentions import doc_paths, entity_docs
from tui.timeline.buckets import Bucket, DocDate

if TYPE_CHECKING:
    from tui.search.index import SearchIndex


@dataclass(frozen=True, slots=True)
class Trend:
    """An entity's mentions in the earlier and the later half of a span."""

    entity_id: str
    name: str
    type: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


@dataclass(frozen=True, slots=True)
class Trends:
    """The entities that rose most and fell most from one half of a span to the other."""

    start: dt.date
    middle: dt.date
    end: dt.date
    rising: list[Trend]
    falling: list[Trend]


class MentionTimes:
    """Mentions per entity per day across the library.

    ``canonical`` maps an entity id to the id it is shown under (the user's merges; the
    sidebar passes its own, which adds the automatic ones), so merged spellings count as one.
    """

    def __init__(
        self,
        index: SearchIndex,
        dates: Sequence[DocDate],
        canonical: Callable[[str], str] | None = None,
    ) -> None:
        day_of_path = {d.path: d.day.toordinal() for d in dates}
        # Day number per document number; 0 for a document that is gone or has no day.
        day_of = [day_of_path.get(p, 0) if p is not None else 0 for p in doc_paths(index)]
        getday = day_of.__getitem__
        days: dict[str, list[int]] = {}
        self.names: dict[str, str] = {}
        self.types: dict[str, str] = {}
        for eid, name, etype, docs in entity_docs(index):
            key = canonical(eid) if canonical is not None else eid
            got = days.get(key)
            if got is None:
                days[key] = got = []
                self.names[key] = name
                self.types[key] = etype
            elif key == eid:
                self.names[key] = name  # the canonical entity's own name wins
            got.extend(map(getday, docs))
        self._days: dict[str, array[int]] = {}
        for key, ds in days.items():
            ds.sort()
            skip = bisect_left(ds, 1)  # gone or undated documents
            if skip < len(ds):
                self._days[key] = array("i", ds[skip:])

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._days

    def __len__(self) -> int:
        return len(self._days)

    def count(self, entity_id: str, start: dt.date, end: dt.date) -> int:
        """Mentions from ``start`` up to (not including) ``end``."""
        ds = self._days.get(entity_id)
        if ds is None:
            return 0
        return bisect_left(ds, end.toordinal()) - bisect_left(ds, start.toordinal())

    def total(self, entity_id: str) -> int:
        ds = self._days.get(entity_id)
        return len(ds) if ds is not None else 0

    def first_last(self, entity_id: str) -> tuple[dt.date, dt.date] | None:
        """The days of the first and the last mention."""
        ds = self._days.get(entity_id)
        if not ds:
            return None
        return dt.date.fromordinal(ds[0]), dt.date.fromordinal(ds[-1])

    def per_day(self, entity_id: str) -> dict[dt.date, int]:
        """Mentions on each day that has any."""
        ds = self._days.get(entity_id)
        if ds is None:
            return {}
        return {dt.date.fromordinal(k): v for k, v in Counter(ds).items()}

    def series(self, entity_id: str, buckets: Sequence[Bucket]) -> list[int]:
        """Mentions per bucket (for a sparkline over the timeline's buckets)."""
        return [self.count(entity_id, b.start, b.end) for b in buckets]

    def daily_series(self, entity_id: str) -> tuple[dt.date, list[int]] | None:
        """Mentions per day from the first mention to the last, gaps as zeros."""
        fl = self.first_last(entity_id)
        if fl is None:
            return None
        first, last = fl
        counts = Counter(self._days[entity_id])
        base = first.toordinal()
        return first, [counts.get(base + i, 0) for i in range(last.toordinal() - base + 1)]

    def trends(
        self,
        start: dt.date,
        end: dt.date,
        limit: int = 8,
        min_total: int = 2,
        types: frozenset[str] | set[str] = NAMED_TYPES,
    ) -> Trends:
        """Entities (of ``types``) whose mentions changed most between the earlier and the
        later half of ``start``..``end`` (end exclusive): biggest gain first, then biggest
        loss first. Ties go to the entity mentioned more, then by name."""
        days = max(1, (end - start).days)
        middle = start + dt.timedelta(days=max(1, days // 2)) if days > 1 else end
        a, m, b = start.toordinal(), middle.toordinal(), end.toordinal()
        rising: list[Trend] = []
        falling: list[Trend] = []
        for eid, ds in self._days.items():
            if self.types.get(eid) not in types:
                continue
            i = bisect_left(ds, a)
            j = bisect_left(ds, m, lo=i)
            k = bisect_left(ds, b, lo=j)
            before, after = j - i, k - j
            if before == after or before + after < min_total:
                continue
            t = Trend(eid, self.names.get(eid, eid), self.types.get(eid, ""), before, after)
            (rising if after > before else falling).append(t)
        rising.sort(key=lambda t: (-t.change, -(t.before + t.after), t.name))
        falling.sort(key=lambda t: (t.change, -(t.before + t.after), t.name))
        return Trends(start, middle, end, rising[:limit], falling[:limit])
