"""A title is kept whole: what qualifies it before it is part of the person mention ("Russian
Foreign Minister Sergei Lavrov", "FCO Minister Tobias Ellwood", "U.S. Army General Joseph
Votel"), and so is the article that makes the title definite ("the Foreign Secretary Philip
Hammond"). The country, people or body inside stays a mention of its own, nested.

One look at the mention just before each titled person: no scan of the document.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from parsers.entities.candidate import Cand
from parsers.entities.gazetteer import titles
from parsers.entities.lexicon import STOP, TITLE_MODIFIERS
from parsers.entities.names import fold, make_id
from parsers.entities.people import TITLE_HEADS, not_a_name

if TYPE_CHECKING:
    from parsers.entities.extract import Extractor

__all__ = ["domain_title_cands", "titles_whole"]

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


#: An office and its domain before the holder's name: "Special Envoy for Syria", "Assistant
#: Secretary of Defense for Public Affairs" (a title, "for" or "of", capitalised words).
_DOMAIN_TITLE = re.compile(
    r"(?:(?:"
    + "|".join(sorted(TITLE_MODIFIERS))
    + r")[ \t]+)?(?:"
    + "|".join(re.escape(t) for t in titles()[0] if t[:1].isupper() and not t.endswith("."))
    + r")[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?"
)
#: What may stand between two tokens of the holder's name ("Staffan de Mistura").
_NAME_GAPS = frozenset({" ", " al-", " el-", " bin ", " ibn ", " de ", " van ", " von ", " du "})
#: How far after a title's first character its "for" or "of" may stand (the longest title).
_REACH = max(len(t) for t in titles()[0]) + 24
#: At most this many capitalised words of domain ("Public Affairs", "the Middle East").
_MAX_DOMAIN = 4


def domain_title_cands(
    ex: Extractor, text: str, tokens_at: dict[int, int], token_list: list[tuple[int, int, bool]]
) -> list[Cand]:
    """A titled person whose title names its domain ("the Special Envoy for Syria Staffan de
    Mistura"): the title, the domain and a name opened by a given name, one mention, the name
    starting where the given name does. Tried only at tokens that start as a title starts."""
    out: list[Cand] = []
    for ts, _te, _p in token_list:
        if text[ts : ts + 2] not in TITLE_HEADS or (
            text.find(" for ", ts, ts + _REACH) < 0 and text.find(" of ", ts, ts + _REACH) < 0
        ):
            continue  # (no "for" or "of" near: the long pattern cannot match)
        m = _DOMAIN_TITLE.match(text, ts)
        if m is None or (k := tokens_at.get(m.end())) is None:
            continue
        toks: list[tuple[int, int, bool]] = []
        while k < len(token_list) and len(toks) < _MAX_DOMAIN + 3:
            tok = token_list[k]
            if toks and text[toks[-1][1] : tok[0]] not in _NAME_GAPS:
                break
            toks.append(tok)
            k += 1
            if tok[2]:
                break  # a possessive ends the name
        words = [text[a:b] for a, b, _ in toks]
        # The name opens with a given name, or else follows a domain of listed names only
        # ("for Syria Staffan de Mistura").
        i = next(
            (i for i in range(1, min(len(toks) - 1, _MAX_DOMAIN + 1)) if words[i] in ex.given),
            0,
        )
        if i == 0:
            while i < len(words) and words[i] in ex.gaz.names:
                i += 1
            if any(w in ex.gaz.names or fold(w) in STOP for w in words[i:]):
                continue
        if i == 0 or not 2 <= len(toks) - i <= 3 or not_a_name(words[i:]):
            continue  # ("for Chile Affairs Office": a body's name, no holder)
        ns, ne = toks[i][0], toks[-1][1]
        name = text[ns:ne]
        out.append(Cand(ts, ne, "PERSON", make_id("PERSON", name), name, 5, False, ns))
    return out
