"""A title is kept whole: what qualifies it before it is part of the person mention ("Russian
Foreign Minister Sergei Lavrov", "FCO Minister Tobias Ellwood", "U.S. Army General Joseph
Votel"), and so is the article that makes the title definite ("the Foreign Secretary Philip
Hammond"). The country, people or body inside stays a mention of its own, nested.

One look at the mention just before each titled person: no scan of the document.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from parsers.entities.candidate import Cand
from parsers.entities.names import make_id

__all__ = ["titles_whole"]

#: How many words a body before a title may have ("U.S. Army", "Foreign Office") before it
#: is more likely a clause of its own than a qualifier.
_MAX_QUALIFIER_WORDS = 3


@cache
def country_ids() -> frozenset[str]:
    """The ids of the listed countries (not their cities)."""
    raw = resources.files("parsers.entities").joinpath("data", "countries.tsv").read_text("utf-8")
    return frozenset(
        make_id("GPE", line.split("\t", 1)[0].strip())
        for line in raw.splitlines()
        if line.strip() and not line.startswith("#")
    )


def titles_whole(text: str, chosen: list[Cand]) -> list[Cand]:
    """Widen each titled person in ``chosen`` (sorted by start, non-overlapping) over the
    qualifier and article before its title; return the qualifiers taken in (to be nested)."""
    taken: list[Cand] = []
    ids = country_ids()
    prev: Cand | None = None
    for c in chosen:
        if c.type == "PERSON" and c.start < c.name_start:
            start = c.start
            if (
                prev is not None
                and prev.end + 1 == start
                and text[prev.end] == " "
                and _qualifies(text, prev, ids)
            ):
                taken.append(prev)
                start = prev.start
            if text[max(0, start - 4) : start] in ("the ", "The ") and (
                start < 5 or not text[start - 5].isalnum()
            ):
                start -= 4
            c.start = start
        prev = c
    return taken


def _qualifies(text: str, q: Cand, ids: frozenset[str]) -> bool:
    """A nationality ("Russian"), a country ("US") or a short body ("FCO", "U.S. Army")."""
    if q.type == "NORP" or (q.type == "GPE" and q.id in ids):
        return True
    return q.type == "ORG" and text.count(" ", q.start, q.end) < _MAX_QUALIFIER_WORDS
