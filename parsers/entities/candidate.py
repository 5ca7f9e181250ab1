"""A candidate mention and the longest-first resolution that keeps candidates apart."""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter

from parsers.entities.gazetteer import Hit


@dataclass(slots=True)
class Cand:
    start: int
    end: int
    type: str
    id: str
    name: str
    prio: int  # higher wins among equal lengths
    listed: bool = False  # a gazetteer name: a fixed name, nothing nests inside it
    name_start: int = -1  # where the name begins in a titled person mention


PERSON_HIT = Hit("PERSON", "", "", False, False)


_START = attrgetter("start")


def resolve_fast(cands: list[Cand], n: int) -> list[Cand]:
    """As :func:`_resolve` with an occupancy array (linear in the text, not quadratic)."""
    cands.sort(key=lambda c: (-(c.end - c.start), -c.prio, c.start))
    used = bytearray(n + 1)
    out: list[Cand] = []
    for c in cands:
        if c.end <= c.start or used.find(1, c.start, c.end) >= 0:
            continue
        used[c.start : c.end] = b"\x01" * (c.end - c.start)
        out.append(c)
    out.sort(key=_START)
    return out
