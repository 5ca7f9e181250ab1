"""Pass 2: money, dates, times, percentages, quantities, numbered units, ship names, Arabic
place names after a place cue, combining forms ("Franco-Italian").

A pattern whose literal words are absent from the text is not run (a necessary condition of
any match, so the output is unchanged)."""

from __future__ import annotations

import re

from parsers.entities.candidate import Cand
from parsers.entities.cues import loc_cue
from parsers.entities.lexicon import COMBINING
from parsers.entities.names import make_id, slug
from parsers.entities.patterns import (
    DURATION,
    PERCENT,
    QUANTITY,
    TIME,
    find_dates,
    find_money,
    finditer_in,
    segments,
)
from parsers.entities.tokens import UP

_SHIP_RE = re.compile(
    r"(?:HMS|USS|HMCS|HMAS|FS|INS|RFS|KRI|ARA|TCG)[ \t]+" + UP + r"[\w'-]*"
    r"(?:[ \t]+(?:(?:of|de|the|du|la)[ \t]+)?" + UP + r"[\w'-]*){0,3}"
)


#: The last letter of each form and its hyphen ("o-"): a literal scan rules most texts out.
COMBINING_TAILS = frozenset(k[-1] + "-" for k in COMBINING)
_COMBINING_RE = re.compile(
    r"(?=[A-Z][a-z]+-)(?<![\w-])(" + "|".join(COMBINING) + r")-(?=" + UP + r")"
)


_AL_PREFIXES = ("al-", "el-", "ad-", "ar-", "as-", "an-", "at-", "az-")  # "ash-" has "as-"
_AL_PLACE_RE = re.compile(
    r"(?=[ae][a-z]{1,2}-)(?<![\w-])(?:al|el|ad|ar|as|an|at|az|ash)-[A-Z][a-z]+(?![\w'’-])"
)


_HULL_RE = re.compile(r"[ \t]*\(([A-Z]{1,4}[ -]?\d{1,4})\)")
#: The heads UNIT_RE ends in ("Force" covers "Forces"); a test keeps the two in step.
UNIT_HEADS = (
    "Battalion",
    "Brigade",
    "Division",
    "Regiment",
    "Fleet",
    "Group",
    "Wing",
    "Squadron",
    "Corps",
    "Army",
    "Company",
    "Battery",
    "Command",
    "Force",
    "Unit",
    "Flotilla",
    "Detachment",
)
UNIT_RE = re.compile(
    r"(?=\d)(?<![\w])\d+(?:st|nd|rd|th)[ \t]+(?:" + UP + r"[\w-]*[ \t]+){0,5}?"
    r"(?:Battalion|Brigade|"
    r"Division|Regiment|Fleet|Group|Wing|Squadron|Corps|Army|Company|Battery|Command|Force|"
    r"Forces|Unit|Flotilla|Detachment)\b"
)


def pattern_cands(text: str) -> list[Cand]:
    segs = segments(text)
    out = [Cand(s, e, "MONEY", i, text[s:e], 4) for s, e, i in find_money(text, segs)]
    out += [Cand(s, e, "DATE", i, text[s:e], 3) for s, e, i in find_dates(text, segs)]
    for m in finditer_in(DURATION, text, segs):
        out.append(Cand(m.start(), m.end(), "DATE", "date:" + slug(m.group()), m.group(), 2))
    for m in finditer_in(TIME, text, segs):
        out.append(Cand(m.start(), m.end(), "TIME", "time:" + slug(m.group()), m.group(), 3))
    percent = "%" in text or "percent" in text or "per cent" in text
    for m in finditer_in(PERCENT, text, segs if percent else []):
        out.append(Cand(m.start(), m.end(), "PERCENT", "percent:" + slug(m.group()), m.group(), 3))
    for m in finditer_in(QUANTITY, text, segs):
        out.append(
            Cand(m.start(), m.end(), "QUANTITY", "quantity:" + slug(m.group()), m.group(), 3)
        )
    unit = any(h in text for h in UNIT_HEADS)  # a literal scan rules most texts out
    for m in finditer_in(UNIT_RE, text, segs if unit else []):
        out.append(Cand(m.start(), m.end(), "ORG", make_id("ORG", m.group()), m.group(), 4))
    al_place = any(p in text for p in _AL_PREFIXES)  # a literal scan rules most out
    for m in _AL_PLACE_RE.finditer(text) if al_place else ():
        # "in al-Hilla", "near al-Qaim": an Arabic place name after a place cue.
        if loc_cue(text[max(0, m.start() - 40) : m.start()]):
            name = m.group()
            out.append(Cand(m.start(), m.end(), "GPE", make_id("GPE", name), name, 0))
    combining = any(t in text for t in COMBINING_TAILS)
    for m in _COMBINING_RE.finditer(text) if combining else ():
        country = COMBINING[m.group(1)]
        out.append(Cand(m.start(1), m.end(1), "NORP", make_id("GPE", country), country, 1))
    for m in _SHIP_RE.finditer(text):
        s, e = m.start(), m.end()
        if s > 0 and text[s - 1].isalnum():
            continue
        while e > s and text[e - 1] in " \t":
            e -= 1
        ship = Cand(s, e, "WEAPON", "weapon:" + slug(text[s:e]), text[s:e], 4)
        out.append(ship)
        hull = _HULL_RE.match(text, e)  # "USS Mahan (DDG 72)": the hull number names it too
        if hull is not None:
            out.append(Cand(hull.start(1), hull.end(1), "WEAPON", ship.id, ship.name, 4))
    return out
