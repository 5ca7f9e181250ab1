"""Character classes for regular expressions written as ranges ("[A-ZÀ-ÖØ-Þ...]").

The parsers build their upper- and lower-case classes from ``str.isupper`` over the first 8,192
code points: hundreds of characters. Listed one by one, each class costs a few milliseconds to
compile every time a pattern holds it (some twenty patterns do, at every start); as ranges it
matches the same characters at about half that cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def char_class(chars: Iterable[str]) -> str:
    """A ``[...]`` class matching exactly ``chars``, consecutive code points as ranges."""
    points = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = re.escape(chr(points[i])), re.escape(chr(points[j]))
        if j == i:
            parts.append(lo)
        elif j == i + 1:
            parts.append(lo + hi)
        else:
            parts.append(f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(parts) + "]"
