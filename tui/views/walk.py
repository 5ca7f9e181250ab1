"""The places ``n``/``N`` walk: search hits or an entity's mentions, across documents.

Headless so the order of the walk (document by document, each in reading order) can be
tested without a terminal; the reader draws the marks of the open document, this decides
which document comes next when the open one has no more.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

#: One place: (path, start, end), offsets into the document's text.
Place = tuple[str, int, int]


@dataclass
class Walk:
    """Places on one highlight ``layer`` ("search", "entity"), in walking order."""

    layer: str | None = None
    places: list[Place] = field(default_factory=list)

    def set(self, layer: str, places: Iterable[Place]) -> None:
        self.layer = layer
        self.places = [(p, s, e) for p, s, e in places]

    def clear(self) -> None:
        self.layer = None
        self.places = []

    def __bool__(self) -> bool:
        return bool(self.places)

    def spans_in(self, path: str | None) -> list[tuple[int, int]]:
        """The spans of the walk inside ``path``, in walking order."""
        return [(s, e) for p, s, e in self.places if p == path]

    def documents(self) -> list[str]:
        """The documents of the walk, each once, in walking order."""
        order: list[str] = []
        seen: set[str] = set()
        for p, _, _ in self.places:
            if p not in seen:
                seen.add(p)
                order.append(p)
        return order

    def next_document(self, current: str | None, step: int) -> Place | None:
        """The first (``step`` 1) or last (-1) place of the document after / before
        ``current`` in the walk; None when there is none that way."""
        order = self.documents()
        if not order:
            return None
        start = 0 if step > 0 else len(order) - 1
        i = order.index(current) + step if current in order else start
        if not 0 <= i < len(order):
            return None
        path = order[i]
        spans = self.spans_in(path)
        s, e = spans[0] if step > 0 else spans[-1]
        return (path, s, e)
