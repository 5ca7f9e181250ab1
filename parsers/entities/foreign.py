"""Organisations named in another language's words: a run opened by an Arabic word for a body
("Jaish al-Tawhid", army; "Liwa al-Furqan", brigade; "Harakat ...", movement) is an
organisation, as an English run ending in "Army" or "Brigade" is. The words are
``[org_first_words]`` in ``data/words.txt``.

One set lookup per run of capitalised words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from parsers.entities.candidate import Cand
from parsers.entities.lexicon import words
from parsers.entities.names import make_id

__all__ = ["first_word_orgs"]

_FIRST = words("org_first_words")
#: A necessary condition for any of the words (a first letter, then any word's rest: a cheap
#: scan that rules out most documents).
_ANY_FIRST = re.compile(
    "["
    + "".join(sorted({w[0] for w in _FIRST}))
    + "](?:"
    + "|".join(re.escape(w[1:]) for w in sorted(_FIRST))
    + r")\b"
)


def first_word_orgs(
    text: str, seqs: list[list[tuple[int, int, bool]]], listed: Mapping[str, object]
) -> list[Cand]:
    """An ORG candidate from the first of the words in a run to the run's end (two tokens at
    least), unless that is a listed name (which keeps its own id)."""
    out: list[Cand] = []
    if _ANY_FIRST.search(text) is None:
        return out  # most documents: one scan, and no run is looked at
    for seq in seqs:
        if len(seq) < 2:
            continue
        # The opener may follow other words of the run ("Fighters of Jaish al-Nasr").
        i = next((i for i, t in enumerate(seq[:-1]) if text[t[0] : t[1]] in _FIRST), -1)
        if i < 0:
            continue
        s, e = seq[i][0], seq[-1][1]
        surface = text[s:e]
        if surface in listed:
            continue
        out.append(Cand(s, e, "ORG", make_id("ORG", surface), surface, 4))
    return out
