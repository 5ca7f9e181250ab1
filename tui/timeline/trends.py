"""Mentions of each entity over time, and which entities rise or fall over a span.

Built once from the search index's entity mentions (:mod:`tui.search.mentions`) and the
documents' days: per entity a sorted list of day numbers, one per mention. A span's count is
then two binary searches, so the trends of every entity over any span, a sparkline of one
entity, and its first and last mention all cost little, and no document is read.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.entities.table import NAMED_TYPES
from tui.search.mentions import countable_docs, doc_paths, entity_table
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
    An entity's days are worked out when first asked for; :meth:`trends` asks for those of
    every named entity mentioned more than once (a library of 10,000 articles has tens of
    thousands of entities, most mentioned once, which cannot rise or fall).
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
        self._getday = day_of.__getitem__
        self._ids, names, types, self._ments, self._of = entity_table(index)
        #: Canonical id -> the entity numbers it stands for, where that is not just its own.
        self._groups: dict[str, list[int]] = {}
        self.names: dict[str, str] = dict(zip(self._ids, names, strict=True))
        self.types: dict[str, str] = dict(zip(self._ids, types, strict=True))
        if canonical is not None:
            for ei, eid in enumerate(self._ids):
                key = canonical(eid)
                if key != eid:
                    group = self._groups.setdefault(key, [self._of[key]] if key in self._of else [])
                    group.append(ei)
                    self.names.setdefault(key, names[ei])
                    self.types.setdefault(key, types[ei])
            for key, group in self._groups.items():
                for ei in group:
                    if self._ids[ei] != key:
                        self.names.pop(self._ids[ei], None)
        self._days: dict[str, list[int]] = {}

    def _days_of(self, entity_id: str) -> list[int] | None:
        """The sorted day numbers of an entity's mentions; 0 for a document that is gone or
        undated (counts by day never include them: real day numbers start at 1)."""
        got = self._days.get(entity_id)
        if got is not None:
            return got
        group = self._groups.get(entity_id)
        if group is None:
            ei = self._of.get(entity_id)
            if ei is None or entity_id not in self.names:
                return None
            group = [ei]
        ds: list[int] = []
        for ei in group:
            ds.extend(map(self._getday, countable_docs(self._ments[ei])))
        ds.sort()
        self._days[entity_id] = ds
        return ds

    def __contains__(self, entity_id: object) -> bool:
        return isinstance(entity_id, str) and self.total(entity_id) > 0

    def __len__(self) -> int:
        return len(self.names)

    def count(self, entity_id: str, start: dt.date, end: dt.date) -> int:
        """Mentions from ``start`` up to (not including) ``end``."""
        ds = self._days_of(entity_id)
        if ds is None:
            return 0
        return bisect_left(ds, end.toordinal()) - bisect_left(ds, start.toordinal())

    def _dated(self, entity_id: str) -> list[int]:
        ds = self._days_of(entity_id)
        if not ds:
            return []
        return ds[bisect_left(ds, 1) :] if ds[0] < 1 else ds

    def total(self, entity_id: str) -> int:
        """Mentions in the dated documents of the library."""
        return len(self._dated(entity_id))

    def first_last(self, entity_id: str) -> tuple[dt.date, dt.date] | None:
        """The days of the first and the last mention."""
        ds = self._dated(entity_id)
        if not ds:
            return None
        return dt.date.fromordinal(ds[0]), dt.date.fromordinal(ds[-1])

    def series(self, entity_id: str, buckets: Sequence[Bucket]) -> list[int]:
        """Mentions per bucket (for a sparkline over the timeline's buckets)."""
        return [self.count(entity_id, b.start, b.end) for b in buckets]

    def days_series(self, entity_id: str, start: dt.date, end: dt.date) -> list[int]:
        """Mentions on each day from ``start`` up to (not including) ``end``."""
        base, n = start.toordinal(), max(0, (end - start).days)
        out = [0] * n
        ds = self._dated(entity_id)
        for d in ds[bisect_left(ds, base) : bisect_left(ds, base + n)]:
            out[d - base] += 1
        return out

    def _candidates(self, types: frozenset[str] | set[str], min_total: int) -> list[str]:
        """Ids of ``types`` that may have ``min_total`` mentions (merged groups always)."""
        ids, ments, ty, names = self._ids, self._ments, self.types, self.names
        need = 3 * min_total
        out = [
            ids[ei]
            for ei, m in enumerate(ments)
            if len(m) >= need and ty[ids[ei]] in types and ids[ei] in names
        ]
        seen = set(out)
        out.extend(k for k in self._groups if ty.get(k) in types and k not in seen)
        return out

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
        for eid in self._candidates(types, min_total):
            ds = self._days_of(eid)
            if ds is None:
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
