"""Pass 5: unknown names known by their company: places listed with a known place after a
place cue ("near Tapa, Rakvere and Paldiski"), hometowns ("42, of Leeds"), full names beside a
known person's; a state body joins its country ("the Ministry of Defence of Ukraine",
"Russia's defence ministry") under one id per country and body."""

from __future__ import annotations

import re

from parsers.entities.candidate import Cand
from parsers.entities.cues import LowerWords, is_sentence_start, loc_cue, namey
from parsers.entities.gazetteer import Gazetteer
from parsers.entities.lexicon import (
    FUNCTION,
    ORG_HEADS,
    ORG_PREFIXES,
    PLACE_ARTICLES,
    REGION_WORDS,
    STOP,
)
from parsers.entities.names import fold, make_id, slug
from parsers.entities.people import not_a_name

_LIST_SEP = (", ", " and ", ", and ", " or ", ", or ")
_HOME_RE = re.compile(r"(?:\b\d{1,3}, of|\bnative of|\bhometown of|\bborn in) $")
_PLACE_TYPES = frozenset({"GPE", "LOC"})


def by_company(
    text: str, top: list[Cand], leftover: list[list[tuple[int, int, bool]]], lowered: LowerWords
) -> list[Cand]:
    """Unknown names known by the company they keep: in a list of places after a place cue
    ("near Tapa, Rakvere and Paldiski"), before a known state or country ("of Woodbridge,
    Virginia"), after an age ("42, of Leeds"), or in a list of people's full names."""
    unknown: list[tuple[int, int, str | None]] = []
    for run in leftover:
        # Cheap test first: a list separator or a hometown cue must touch the run.
        rs, re_ = run[0][0], run[-1][1]
        if not (
            text[re_ : re_ + 5].startswith((", ", " and ", " or "))
            or text[max(0, rs - 8) : rs].endswith((", ", " and ", " or ", "of ", "born in "))
        ):
            continue
        while run and (
            fold(text[run[0][0] : run[0][1]]) in FUNCTION
            or (is_sentence_start(text, run[0][0]) and fold(text[run[0][0] : run[0][1]]) in lowered)
        ):
            run = run[1:]
        if not run:
            continue
        words = [text[s:e] for s, e, _ in run]
        s0 = run[0][0]
        if len(words) > 3 or not all(namey(w, i, len(words)) for i, w in enumerate(words)):
            continue
        if any(fold(w) in STOP for w in words) or not_a_name(words):
            continue
        if is_sentence_start(text, s0) and fold(words[0]) in lowered:
            continue
        unknown.append((s0, run[-1][1], None))
    if not unknown:
        return []
    items: list[tuple[int, int, str | None]] = [(c.start, c.end, c.type) for c in top]
    items += unknown
    items.sort()
    full_names = {(c.start, c.end) for c in top if c.type == "PERSON" and " " in c.name}
    out: list[Cand] = []

    def joined(a: tuple[int, int, str | None], b: tuple[int, int, str | None]) -> bool:
        return text[a[1] : b[0]] in _LIST_SEP

    i = 0
    while i < len(items):
        # A chain of items joined by list separators.
        j = i
        while j + 1 < len(items) and joined(items[j], items[j + 1]):
            j += 1
        chain = items[i : j + 1]
        i = j + 1
        if all(t is not None for _, _, t in chain):
            continue
        known = [t for _, _, t in chain if t is not None]
        if known and all(t == "PERSON" for t in known):
            # "Matteo Salvucci and Inés Ortega": a full name beside a person's full name, no
            # word of it written in lower case anywhere in the text.
            if not any((s, e) in full_names for s, e, _ in chain):
                continue
            for s, e, t in chain:
                words = text[s:e].split()
                if (
                    t is None
                    and 2 <= len(words) <= 3
                    and not any(fold(w) in lowered for w in words)
                ):
                    name = text[s:e]
                    out.append(Cand(s, e, "PERSON", make_id("PERSON", name), name, 0))
            continue
        if any(t not in _PLACE_TYPES for t in known):
            continue
        if not known:
            # Alone, only a hometown after an age or "native of": "Jane Roe, 42, of Leeds".
            s, e, _ = chain[0]
            if len(chain) == 1 and _HOME_RE.search(text, max(0, s - 24), s) is not None:
                out.append(Cand(s, e, "GPE", make_id("GPE", text[s:e]), text[s:e], 0))
            continue
        head = chain[0][0]
        cue = loc_cue(text[max(0, head - 40) : head])
        # "of Woodbridge, Virginia": a town before its state or country.
        town = (
            len(chain) == 2
            and chain[0][2] is None
            and text[chain[0][1] : chain[1][0]] == ", "
            and text[max(0, head - 4) : head] in (" of ", " in ", "near")
        )
        home = _HOME_RE.search(text, max(0, head - 24), head) is not None
        if not (cue or town or home):
            continue
        label = "GPE" if "GPE" in known else "LOC"
        for s, e, t in chain:
            if t is None:
                name = text[s:e]
                out.append(Cand(s, e, label, make_id(label, name), name, 0))
    return out


_OF_PLACE = re.compile(r" of (?:the )?")
#: A state body written in lower case after its country: "Russia's defence ministry", "the
#: Ukrainian air force", "Poland's general staff".
BODY_NOUNS = re.compile(
    r"(?:'s|’s)?[ \t]+(?P<body>(?:defen[cs]e|foreign|interior|finance|justice|health|"
    r"emergencies|emergency situations|economy|energy) ministry|ministry of (?:defen[cs]e|"
    r"foreign affairs|the interior|interior|finance|justice|health)|general staff|air force|"
    r"coast guard|border guards?|border service|national guard|(?:state |foreign )?security "
    r"service|(?:foreign |military )?intelligence (?:service|agency)|foreign office|"
    r"state department|defen[cs]e department|central bank|parliament)\b(?![ \t]+[A-Z])"
)
_BODY_WORDS = {"defense": "defence", "foreign": "foreign affairs", "the interior": "interior"}
_BODY_ORDER = re.compile(r"^(?P<what>[a-z ]+?) (?P<head>ministry|department)$")


def _normal_body(body: str) -> str:
    """ "Defense Ministry", "ministry of defence" -> "ministry of defence": one id a body."""
    b = body.lower().replace("defense", "defence")
    m = _BODY_ORDER.match(b)
    if m is not None and m.group("what") not in ("state",):
        what = m.group("what")
        b = f"{m.group('head')} of {_BODY_WORDS.get(what, what)}"
    elif b.startswith("ministry of the "):
        b = "ministry of " + b[16:]
    return b


_POSSESSIVE_GAP = frozenset({" ", "'s ", "’s "})


def merge_of_place(text: str, top: list[Cand], gaz: Gazetteer) -> list[Cand]:
    """A state body and its country are one organisation whose id names the country, so two
    countries' ministries are two entities and each spelling of one meets: "the Ministry of
    Foreign Affairs of the Czech Republic", "the Ukrainian Ministry of Defence", "Russia's
    Defence Ministry". The country nests inside."""
    if len(top) < 2:
        return top
    out: list[Cand] = []
    i = 0
    while i < len(top):
        c = top[i]
        nxt = top[i + 1] if i + 1 < len(top) else None
        if (
            nxt is not None
            and c.type == "ORG"
            and nxt.type == "GPE"
            and headed_org(text[c.start : c.end])
            and not _country_body(c, nxt.id, gaz)
        ):
            m = _OF_PLACE.match(text, c.end)
            if m is not None and m.end() == nxt.start:
                name = text[c.start : nxt.end]
                out.append(
                    Cand(
                        c.start,
                        nxt.end,
                        "ORG",
                        body_id(nxt.id, text[c.start : c.end]),
                        name,
                        c.prio,
                    )
                )
                i += 2
                continue
        if (
            nxt is not None
            and c.type in ("NORP", "GPE")
            and c.id.startswith("gpe:")
            and nxt.type == "ORG"
            and text[c.end : nxt.start] in _POSSESSIVE_GAP
            and headed_org(text[nxt.start : nxt.end])
            and not _country_body(nxt, c.id, gaz)
        ):
            name = text[c.start : nxt.end]
            out.append(
                Cand(
                    c.start,
                    nxt.end,
                    "ORG",
                    body_id(c.id, text[nxt.start : nxt.end]),
                    name,
                    nxt.prio,
                )
            )
            i += 2
            continue
        out.append(c)
        i += 1
    return out


def body_id(country_id: str, body: str) -> str:
    """``org:ukraine-ministry-of-defence`` for every spelling that names that country's body."""
    if body[:4] in ("the ", "The "):
        body = body[4:]
    return f"org:{country_id.partition(':')[2]}-{slug(_normal_body(body))}"


def _country_body(org: Cand, country_id: str, gaz: Gazetteer) -> bool:
    """Is this listed body already that country's ("US" + "Department of Defense": the
    Pentagon), or one with no country in its name? Then the listed id stands."""
    if not org.listed:
        return False
    named = {
        h.id
        for w in org.name.replace("'s", "").split()
        if (h := gaz.names.get(w)) is not None and h.id.startswith("gpe:")
    }
    return not named or country_id in named


def headed_org(name: str) -> bool:
    """ "Ministry of Defence", "Foreign Ministry", "Armed Forces": a body that belongs to a
    state; not "NATO" or "Bloomberg"."""
    words = name.split()
    return len(words) > 1 and (words[-1] in ORG_HEADS or any(w in ORG_PREFIXES for w in words))


_PREFIX_WORDS = REGION_WORDS | PLACE_ARTICLES


def merge_place_prefix(
    text: str, top: list[Cand], leftover: list[list[tuple[int, int, bool]]]
) -> list[Cand]:
    """A region word or an Arabic article before a place is part of its name, not a place of
    its own ("in Western Kenya", "near Ar Ramadi": no place "Western", no place "Ar"). A
    region is a place of its own (its country nests inside); an article changes nothing but
    the span ("Ar Ramadi" is Ramadi)."""
    # Places with a region word or an article right before them: usually none, and then
    # nothing else is looked at.
    wanted = []
    for c in top:
        if c.type in ("GPE", "LOC") and c.start > 1 and text[c.start - 1] == " ":
            w = text.rfind(" ", max(0, c.start - 16), c.start - 1)
            if text[w + 1 : c.start - 1] in _PREFIX_WORDS:
                wanted.append(c)
    if not wanted:
        return top
    ends = {c.start - 1 for c in wanted}
    prefixes: dict[int, tuple[int, Cand | None]] = {}  # end -> (start, the cue-typed cand)
    for run in leftover:
        if run[-1][1] in ends and len(run) <= 2:
            prefixes[run[-1][1]] = (run[0][0], None)
    for c in top:
        if c.end in ends and not c.listed and c.prio <= 1 and c.type in ("GPE", "LOC", "PERSON"):
            prefixes[c.end] = (c.start, c)
    drop: set[int] = set()
    add: list[Cand] = []
    for c in wanted:
        pre = prefixes.get(c.start - 1)
        if pre is None:
            continue
        start, typed = pre
        words = text[start : c.start - 1].split()
        if not words or (typed is not None and id(typed) in drop):
            continue
        if all(w in REGION_WORDS for w in words) and len(words) <= 2:
            name = text[start : c.end]
            add.append(Cand(start, c.end, "LOC", make_id("LOC", name), name, c.prio))
        elif len(words) == 1 and words[0] in PLACE_ARTICLES:
            add.append(Cand(start, c.end, c.type, c.id, c.name, c.prio, c.listed))
        else:
            continue
        drop.add(id(c))
        if typed is not None:
            drop.add(id(typed))
    if not add:
        return top
    return sorted([c for c in top if id(c) not in drop] + add, key=lambda c: c.start)
