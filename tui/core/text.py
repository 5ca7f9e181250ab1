"""Text hygiene for everything the app shows or stores: one home, so every pane agrees.

Document text is cleaned once when it is read (``parsers.decode.clean_text``); these helpers are
for the pieces the app builds from it or from the user: one-line labels, paths in messages, note
bodies, and the folded form used to match names and queries.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import filterfalse

#: Controls, C1 controls and bidi overrides: never drawn, never stored in a one-line label.
_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_SPACE_RE = re.compile(r"\s+")
#: Letters NFKD does not decompose into a base letter and a mark; apostrophes made one.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "ø": "o",
        "đ": "d",
        "ł": "l",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
        "ı": "i",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
    }
)


def printable(text: str) -> str:
    """``text`` fit for one line of output: newlines and control characters escaped (paths)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def one_line(text: str) -> str:
    """One line of safe text: controls and bidi overrides dropped, whitespace runs collapsed."""
    return _SPACE_RE.sub(" ", _UNSAFE_RE.sub(" ", text)).strip()


def multi_line(text: str) -> str:
    """Text a user wrote (a note): line ends normalised, controls but newline and tab dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if ch in "\n\t" or not _is_control(ch))


def _is_control(ch: str) -> bool:
    o = ord(ch)
    return o < 32 or 0x7F <= o <= 0x9F


def fold(text: str) -> str:
    """Lower case without diacritics ("Stromšíková" -> "stromsikova"); length may change."""
    s = text.lower()
    if s.isascii():
        return s
    s = unicodedata.normalize("NFKD", s.translate(_SPECIAL))
    return "".join(filterfalse(unicodedata.combining, s))  # marks dropped, in C
