"""Character classes for regular expressions written as ranges ("[A-ZÀ-ÖØ-Þ...]").

The parsers build their upper- and lower-case classes from ``str.isupper`` over the first 8,192
code points: hundreds of characters. Listed one by one, each class costs a few milliseconds to
compile every time a pattern holds it (some twenty patterns do, at every start); as ranges it
matches the same characters at about half that cost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


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


def alternation(words: Iterable[str]) -> str:
    """A group matching what ``(?:longest|...|shortest)`` of ``words`` matches, written as a
    tree of shared prefixes ("Secretary", "Secretary of State" share one branch): the engine
    tries a letter's few words at a position instead of every word in turn.

    At each shared prefix the longer words are tried first and a shorter one on backtracking,
    as a list sorted longest first would, so what follows the group sees the same choices in
    the same order."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(tree) + ")"
