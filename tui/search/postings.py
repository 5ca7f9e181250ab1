"""Postings: unit ids per term for one kind of unit, as compact ``array('I')``."""

from __future__ import annotations

from array import array
from collections.abc import Sequence


class Postings:
    """Unit ids per term for one kind: a frozen base (one array plus offsets) and a delta."""

    __slots__ = ("base", "delta", "offsets")

    def __init__(self) -> None:
        self.base = array("I")
        self.offsets = array("I", [0])
        self.delta: dict[int, array[int]] = {}

    def add(self, tid: int, unit: int) -> None:
        a = self.delta.get(tid)
        if a is None:
            a = self.delta[tid] = array("I")
        a.append(unit)

    def get(self, tid: int) -> list[Sequence[int]]:
        out: list[Sequence[int]] = []
        if tid + 1 < len(self.offsets):
            s, e = self.offsets[tid], self.offsets[tid + 1]
            if e > s:
                out.append(memoryview(self.base)[s:e])
        a = self.delta.get(tid)
        if a:
            out.append(a)
        return out

    def freeze(self, n_terms: int) -> None:
        base = array("I")
        offsets = array("I", [0])
        old, old_off, delta = self.base, self.offsets, self.delta
        for tid in range(n_terms):
            if tid + 1 < len(old_off):
                base.extend(old[old_off[tid] : old_off[tid + 1]])
            a = delta.get(tid)
            if a:
                base.extend(a)
            offsets.append(len(base))
        self.base, self.offsets, self.delta = base, offsets, {}
