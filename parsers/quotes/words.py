"""Small word helpers read from the end of a string (a forward search would retry its pattern
at every position); each is tested against its plain pattern in tests/parsers/test_quotes.py."""

from __future__ import annotations

import re

_LAST_WORD = re.compile(r"[\w.’']+$")
_WORD_DOT_REV = re.compile(r"[\w.’']+")


def _last_word(s: str) -> str | None:
    """What ``_LAST_WORD.search(s)`` finds, read from the end (a forward search retries the
    pattern at every position)."""
    if s.endswith("\n"):
        s = s[:-1]  # "$" also matches before a final newline
    m = _WORD_DOT_REV.match(s[::-1])
    return m.group()[::-1] if m is not None else None


_PREV_WORD = re.compile(r"([\w’']+)\W*$")
#: The same word found from the end: the reversed text opens with it (reversed), past the
#: non-word characters after it. Searching forwards retries the pattern at every position.
_PREV_WORD_REV = re.compile(r"\W*?([’']*\w[\w’']*)")
_WORD_REV = re.compile(r"[\w’']+")
_NONSPACE = re.compile(r"\S")


def _prev_word(s: str) -> str | None:
    """The last word of ``s`` and the apostrophes around it (``_PREV_WORD``'s group)."""
    m = _PREV_WORD_REV.match(s[::-1])
    if m is not None:
        return m.group(1)[::-1]
    m = _PREV_WORD.search(s)  # no letter or digit at all: a lone apostrophe, or nothing
    return m.group(1) if m is not None else None


def _prev_word_space(s: str) -> str | None:
    """The word that ends ``s`` but for trailing spaces (``_PREV_WORD`` with spaces only)."""
    m = _WORD_REV.match(s.rstrip()[::-1])
    return m.group()[::-1] if m is not None else None


def _blank(text: str, a: int, b: int) -> bool:
    """``not text[a:b].strip()`` without copying the slice."""
    return _NONSPACE.search(text, a, b) is None


#: Three words or more (``len(text[a:b].split()) >= 3`` without splitting a long clause).
_THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")
