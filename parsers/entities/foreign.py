"""Organisations named in another language's words: a run opened by an Arabic word for a body
("Jaish al-Tawhid", army; "Liwa al-Furqan", brigade; "Harakat ...", movement) is an
organisation, as an English run ending in "Army" or "Brigade" is. The words are
``[org_first_words]`` in ``data/words.txt``.

One set lookup per run of capitalised words.
"""

from __future__ import annotations

from collections.abc import Mapping

from parsers.entities.candidate import Cand
from parsers.entities.lexicon import words
from parsers.entities.names import make_id

__all__ = ["first_word_orgs"]

_FIRST = words("org_first_words")


def first_word_orgs(
    text: str, seqs: list[list[tuple[int, int, bool]]], listed: Mapping[str, object]
) -> list[Cand]:
    """An ORG candidate from the first of the words in a run to the run's end (two tokens at
    least), unless that is a listed name (which keeps its own id)."""
    out: list[Cand] = []
    present = {w for w in _FIRST if w in text}  # usually none: then no run is looked at
    if not present:
        return out
    for seq in seqs:
        if len(seq) < 2:
            continue
        # The opener may follow other words of the run ("Fighters of Jaish al-Nasr").
        i = next((i for i, t in enumerate(seq[:-1]) if text[t[0] : t[1]] in present), -1)
        if i < 0:
            continue
        s, e = seq[i][0], seq[-1][1]
        surface = text[s:e]
        if surface in listed:
            continue
        out.append(Cand(s, e, "ORG", make_id("ORG", surface), surface, 4))
    return out
