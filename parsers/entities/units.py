"""Military units are named whole: the ordinal before a unit ("7th Special Forces Group",
"the 33rd FW"), the number after one ("Task Force 88"), and a smaller unit named within the
larger ("2nd Battalion, 45th Infantry Regiment", "Bravo Company, 1st Battalion") are parts of
one organisation's name. Unit heads are ``[unit_heads]`` in ``data/words.txt``.

One look before and after each organisation: no scan of the document.
"""

from __future__ import annotations

import re

from parsers.entities.candidate import Cand
from parsers.entities.lexicon import words
from parsers.entities.names import make_id

__all__ = ["whole_units"]

_UNIT_HEADS = words("unit_heads")
_ORDINAL_BEFORE = re.compile(r"(?<![\w.,])\d{1,3}(?:st|nd|rd|th)[ \t]$")
_NUMBER_AFTER = re.compile(r"[ \t]\d{1,3}(?![\w.,%:/-])")
_ORDINAL = re.compile(r"\d{1,3}(?:st|nd|rd|th)[ \t]")


def whole_units(text: str, top: list[Cand]) -> tuple[list[Cand], list[Cand]]:
    """``top`` (sorted by start, non-overlapping) with unit names made whole, and the larger
    units named within them ("5th Special Forces Group" in "2nd Battalion, 5th Special Forces
    Group"), which are organisations of their own, to nest."""
    parts: list[Cand] = []
    if not any(c.type == "ORG" for c in top):
        return top, parts
    out: list[Cand] = []
    for c in top:
        if c.type != "ORG":
            out.append(c)
            continue
        start, end = c.start, c.end
        head = text[start:end].rsplit(None, 1)[-1]
        o = _ORDINAL_BEFORE.search(text, max(0, start - 6), start)
        if o is not None and (head in _UNIT_HEADS or text[start:end].isupper()):
            start = o.start()
        if head in _UNIT_HEADS and (n := _NUMBER_AFTER.match(text, end)) is not None:
            end = n.end()
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == "ORG"
            and text[prev.end : start] == ", "
            and _ORDINAL.match(text, start)
            and text[prev.start : prev.end].rsplit(None, 1)[-1] in _UNIT_HEADS
            and head in _UNIT_HEADS
        ):
            out.pop()  # "Bravo Company" within "1st Battalion": one unit's name
            parts.append(_named(text, c, start, end))
            start = prev.start
        out.append(_named(text, c, start, end))
    return out, parts


def _named(text: str, c: Cand, start: int, end: int) -> Cand:
    if (start, end) == (c.start, c.end):
        return c
    name = text[start:end]
    return Cand(start, end, "ORG", make_id("ORG", name), name, c.prio)
