"""Pass 6, last step: article and group conventions (re3d and news usage): an article before
an organisation is part of it; "the UK" acting is a government; "U.S. forces" and "the
Iraqis" are organisations; "Russia's defence ministry" is that country's body."""

from __future__ import annotations

import re

from parsers.entities.candidate import Cand
from parsers.entities.company import BODY_NOUNS, body_id, headed_org
from parsers.entities.cues import (
    GROUP_NOUNS,
    PLATFORM_NOUNS,
    POSSESSIVE_REGIME,
    REGIME,
    ROLE_NOUNS,
    SINGLE_PERSON,
    article,
)
from parsers.entities.lexicon import ARTICLE_IDS, AUX, FUNCTION
from parsers.entities.names import make_id
from parsers.model import EntityMention

_CONVENTION_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def convention(text: str, c: Cand) -> list[EntityMention]:
    """Article and group conventions (re3d and news usage): the mention, and the original
    one nested inside when a convention widens it ("Iraqi" inside "Iraqi forces")."""
    start, end, typ = c.start, c.end, c.type
    plain = EntityMention(start, end, text[start:end], typ, c.id, c.name)
    if typ not in _CONVENTION_TYPES:
        return [plain]  # dates, sums, places, weapons: no convention widens them
    art = article(text, start)
    # Every pattern below starts with a space or a tab ("'s" too for bodies): a character
    # test spares the calls on most names.
    nxt = text[end : end + 1]
    spaced = nxt in (" ", "\t")
    if typ == "PERSON":
        r = REGIME.match(text, end) if spaced else None
        if r is None and nxt in ("'", "’"):
            r = POSSESSIVE_REGIME.match(text, end)
        if r is not None:
            end, typ = r.end(), "ORG"
    elif typ == "ORG" and spaced and ROLE_NOUNS.match(text, end):
        r = ROLE_NOUNS.match(text, end)
        assert r is not None
        if art is not None:
            start = art
        span = text[start : r.end()]
        bare = span[4:] if art is not None and start == art else span
        return [EntityMention(start, r.end(), span, "PERSON", make_id("PERSON", bare), span), plain]
    if typ in ("NORP", "GPE") and spaced and (sp := SINGLE_PERSON.match(text, end)) is not None:
        ps = art if art is not None else start
        span = text[ps : sp.end()]
        ident = make_id("PERSON", span[4:] if art is not None else span)
        return [EntityMention(ps, sp.end(), span, "PERSON", ident, span), plain]
    if (
        typ in ("NORP", "GPE")
        and (spaced or nxt in ("'", "’"))
        and c.id.startswith("gpe:")
        and (b := BODY_NOUNS.match(text, end)) is not None
    ):
        # "Russia's defence ministry", "the Ukrainian air force": that country's body.
        bs = art if art is not None else start
        span = text[bs : b.end()]
        ident = body_id(c.id, b.group("body"))
        return [EntityMention(bs, b.end(), span, "ORG", ident, text[start : b.end()]), plain]
    if typ == "NORP" and text[start:end].endswith("s") and text[start:end] != "Swiss":
        typ = "ORG"  # "the Iraqis", "30 Britons": a group of people
    elif typ in ("GPE", "NORP", "ORG"):
        spaced = text[end : end + 1] in (" ", "\t")  # end may have moved ("regime")
        g = GROUP_NOUNS.match(text, end) if spaced else None
        p = PLATFORM_NOUNS.match(text, end) if g is None and spaced else None
        if g is not None:
            end, typ = g.end(), "ORG"
            if plain.type != "NORP":  # "Iraqi" nests in "Iraqi forces"; "U.S." in "U.S. forces" not
                return [
                    EntityMention(
                        _org_start(text, start, art, end),
                        end,
                        text[_org_start(text, start, art, end) : end],
                        typ,
                        c.id,
                        c.name,
                    )
                ]
        elif p is not None:
            end, typ = p.end(), "WEAPON"
        elif typ == "GPE" and art is not None and _takes_article(c) and _article_belongs(text, end):
            typ = "ORG"  # "the UK", "the United States": the state as an actor (re3d usage)
    if (
        typ == "ORG"
        and art is not None
        and (
            _article_belongs(text, end)
            or (headed_org(text[start:end]) and not text[end : end + 2].strip()[:1].isupper())
        )
    ):
        start = art  # "the Ukrainian Ministry of Defence spoke": a body's article is its own
    if (start, end, typ) == (plain.start, plain.end, plain.type):
        return [plain]
    widened = EntityMention(start, end, text[start:end], typ, c.id, c.name)
    if end == plain.end and (start == plain.start or typ == plain.type):
        # Only the type changed ("Iraqis" ORG) or only an article added: one mention, never
        # two of the same words.
        return [widened]
    return [widened, plain]


def _org_start(text: str, start: int, art: int | None, end: int) -> int:
    return art if art is not None and _article_belongs(text, end) else start


def _takes_article(c: Cand) -> bool:
    return c.id in ARTICLE_IDS


_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z]+)")


def _article_belongs(text: str, end: int) -> bool:
    """ "the SDF has ..." yes; "the NATO summit" no (the article is the summit's), nor
    "the IISS Prague Defense Summit" (the article is the whole name's)."""
    m = _NEXT_WORD.match(text, end)
    if m is None or m.start(1) == end:
        return True
    word = m.group(1)
    if word[0].isupper():
        return m.start(1) - end != 1 or text[end] != " "
    return word in FUNCTION or word.endswith("ed") or _acts(text, end)


def _acts(text: str, end: int) -> bool:
    """Does a verb follow the name ("the UK has", "the US provides", "the UK welcomed")?"""
    m = _NEXT_WORD.match(text, end)
    if m is None or m.start(1) == end or text[end] != " ":
        return False
    word = m.group(1)
    if word in AUX or (word[0].islower() and word.endswith("ed") and word not in FUNCTION):
        return True
    # "the US provides most of": a verb in -s, told from a plural ("the CJTF releases,") by
    # the function word after it.
    if word[0].islower() and word.endswith(("es", "ts", "ns", "ds")):
        after = _NEXT_WORD.match(text, m.end())
        return after is not None and text[m.end()] == " " and after.group(1) in FUNCTION
    return False
