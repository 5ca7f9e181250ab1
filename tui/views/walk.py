"""The places ``n``/``N`` walk: search hits or an entity's mentions, across documents.

Headless so the order of the walk can be tested without a terminal. As in vim and less, a step
starts from the cursor (``g`` then ``n`` goes to the first place below the top), the position
is counted ("3/16"), and stepping past the last place wraps to the first (and back), saying so.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

#: One place: (path, start, end), offsets into the document's text.
Place = tuple[str, int, int]


class Step(NamedTuple):
    """Where a step lands: the index of the place in the walk, and whether it wrapped."""

    place: int
    wrapped: bool


@dataclass
class Walk:
    """Places on one highlight ``layer`` ("search", "entity"), in walking order: document by
    document (in the order the documents first appear), each document's places by offset."""

    layer: str | None = None
    places: list[Place] = field(default_factory=list)
    _keys: list[tuple[int, int]] = field(default_factory=list, repr=False)
    _rank: dict[str, int] = field(default_factory=dict, repr=False)

    def set(self, layer: str, places: Iterable[Place]) -> None:
        given = [(p, s, e) for p, s, e in places]
        rank: dict[str, int] = {}
        for p, _, _ in given:
            rank.setdefault(p, len(rank))
        self.layer = layer
        self.places = sorted(dict.fromkeys(given), key=lambda t: (rank[t[0]], t[1], t[2]))
        self._rank = rank
        self._keys = [(rank[p], s) for p, s, _ in self.places]

    def clear(self) -> None:
        self.layer = None
        self.places = []
        self._keys = []
        self._rank = {}

    def __bool__(self) -> bool:
        return bool(self.places)

    def __len__(self) -> int:
        return len(self.places)

    def spans_in(self, path: str | None) -> list[tuple[int, int]]:
        """The spans of the walk inside ``path``, in walking order."""
        return [(s, e) for p, s, e in self.places if p == path]

    def documents(self) -> list[str]:
        """The documents of the walk, each once, in walking order."""
        return sorted(self._rank, key=self._rank.__getitem__)

    def index_of(self, place: Place) -> int | None:
        try:
            return self.places.index(place)
        except ValueError:
            return None

    def step_from(self, path: str | None, offset: int, step: int, *, at_place: bool) -> Step | None:
        """The place after (``step`` 1) or before (-1) ``offset`` in ``path``, wrapping around
        the ends. ``at_place``: ``offset`` is the start of the place last stepped to, so that
        one is passed; otherwise a place starting right at the cursor counts as the next.
        From a document outside the walk, ``n`` goes to the first place and ``N`` the last."""
        if not self.places:
            return None
        n = len(self.places)
        if path not in self._rank:
            return Step(0 if step > 0 else n - 1, False)
        key = (self._rank[path], offset)
        if step > 0:
            i = bisect_right(self._keys, key) if at_place else bisect_left(self._keys, key)
            return Step(i, False) if i < n else Step(0, True)
        i = bisect_left(self._keys, key) - 1
        return Step(i, False) if i >= 0 else Step(n - 1, True)
