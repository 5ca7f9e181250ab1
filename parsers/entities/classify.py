"""Pass 4: a run of capitalised words nobody claimed, typed by its head word ("... Ministry",
"... Air Base"), a cue ("near X", "X said") or a given name ("Tobias Ellwood")."""

from __future__ import annotations

import re
from itertools import pairwise
from typing import TYPE_CHECKING

from parsers.entities.candidate import PERSON_HIT, Cand
from parsers.entities.cues import (
    ACRONYM,
    APPOSITIVE,
    COMPANY_AFTER,
    PARTY,
    PARTY_TOKEN,
    SPEECH,
    WHO,
    LowerWords,
    company_before,
    has_lowercase_nearby,
    is_sentence_start,
    loc_cue,
    namey,
    role_before,
    said_before,
)
from parsers.entities.lexicon import (
    ABSTRACT_SUFFIXES,
    CALENDAR,
    DAY_HEADS,
    DAY_MODIFIERS,
    FUNCTION,
    HEADLINE_WORDS,
    HONORIFICS,
    LOC_HEADS,
    LOC_PREFIXES,
    NOT_ACRONYMS,
    OFFICE_HEADS,
    ORG_HEADS,
    ORG_PREFIXES,
    REGION_WORDS,
    STOP,
    SUFFIXES,
)
from parsers.entities.names import fold, make_id
from parsers.entities.people import OFFICE_LAST, not_a_name
from parsers.entities.tokens import OF_JOINERS

if TYPE_CHECKING:
    from parsers.entities.extract import Extractor


def split_of(
    ex: Extractor,
    text: str,
    toks: list[tuple[int, int, bool]],
    words: list[str],
    lowered: LowerWords,
    whole: bool,
) -> Cand | None:
    """ "Hofstra University on Long Island", "Lester Holt of NBC News": two names joined by
    "of"/"on", each complete, are two, not one typed by the last word."""
    if len(toks) < 4:
        return None  # each side needs two words
    k = next((i for i in range(1, len(toks)) if text[toks[i - 1][1] : toks[i][0]] in OF_JOINERS), 0)
    if k < 2 or len(toks) - k < 2:
        return None
    left, right = words[:k], words[k:]

    def headed(ws: list[str]) -> bool:
        return ws[-1] in ORG_HEADS or ws[-1] in LOC_HEADS or " ".join(ws[-2:]) in LOC_HEADS

    if not headed(right) or left[0] in ORG_PREFIXES or left[0] in LOC_PREFIXES:
        return None
    if headed(left):
        part = toks[:k]
    elif all(namey(w, i, k) for i, w in enumerate(left)):
        part = toks[k:]
    else:
        return None
    return classify(ex, text, part, lowered, whole)


def classify(
    ex: Extractor, text: str, toks: list[tuple[int, int, bool]], lowered: LowerWords, whole: bool
) -> Cand | None:
    """Type an unclaimed run of capitalised tokens, or None to leave it."""
    if not whole and len(toks) == 1 and text[toks[0][0] : toks[0][1]] != "Coalition":
        return None  # one word inside a whole run: only a lone head names a body
    # Trim a sentence-initial common word ("However", "Officials") and edge joiners.
    while toks:
        s, e, _ = toks[0]
        w = text[s:e]
        lw = fold(w)
        if (
            lw in FUNCTION
            or (is_sentence_start(text, s) and not w.isupper() and (lw in lowered or lw in STOP))
        ) and not (len(toks) > 1 and text[s : toks[1][1]] in ex.gaz.names):
            # ("New" opens "New York", a listed name: kept, or "The New York Post" loses it)
            toks = toks[1:]
            continue
        break
    if not toks:
        return None
    s0, e_last = toks[0][0], toks[-1][1]
    surface = text[s0:e_last]
    n = len(toks)
    if n == 1:
        # One word: of the headed names below, only a lone "Coalition" names a body.
        if surface == "Coalition" and surface in ORG_HEADS:
            return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
        if not whole or surface.endswith(ABSTRACT_SUFFIXES):
            return None  # ("Islamophobia", "Trumpism": an idea, never a person or a place)
        if surface in ORG_HEADS or surface in ("House", "Chamber"):
            return None  # "in the House", "the Committee said": a body's head, no place or name
        if fold(surface) in CALENDAR and surface != "May":
            # "in the November election": a month ("May" is a surname and a verb too).
            return Cand(s0, e_last, "DATE", make_id("DATE", surface), surface, 1)
        if (
            surface in REGION_WORDS
            and not surface.endswith("ern")
            and surface not in ("Central", "Greater", "Inner", "Outer", "Upper", "Lower")
            and text[max(0, s0 - 4) : s0] in ("the ", "The ")
            and not text[e_last : e_last + 2][1:].isupper()
        ):
            # "wins across the South", "misunderstood in the West": a region, not a country.
            return Cand(s0, e_last, "LOC", make_id("LOC", "the " + surface), surface, 0)
        words = [surface]
        first = last = surface
    else:
        words = [text[s:e] for s, e, _ in toks]
        first, last = words[0], words[-1]
        # Headed names; an office is none ("Chief of the Defence Staff").
        if first in OFFICE_HEADS and text[toks[0][1] : toks[1][0]] in OF_JOINERS:
            return None
        split = split_of(ex, text, toks, words, lowered, whole)
        if split is not None:
            return split
        if n >= 4 and any(fold(w) in HEADLINE_WORDS for w in words[1:]):
            # "Port Group Says It Will Sell Its Stake In Brightwater Energy": a headline's
            # title case (a capitalised "Will", "It" inside), no name for its head to type.
            return None
        if " & " in surface and any(text[a[1] : b[0]] == " & " for a, b in pairwise(toks)):
            # "Bailey & Glasser", "Johnson & Johnson": a firm.
            return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
        if (last in DAY_HEADS and first not in ex.given and first not in HONORIFICS) or (
            n == 2 and first in DAY_MODIFIERS and fold(last) in CALENDAR
        ):
            # "Labor Day", "Armistice Day", "Christmas Eve": a date, never a person or a place
            # ("Doris Day" keeps her given name).
            return Cand(s0, e_last, "DATE", make_id("DATE", surface), surface, 1)
        if last in ORG_HEADS:
            return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
        if first in ORG_PREFIXES and text[toks[0][1] : toks[1][0]] in OF_JOINERS:
            return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
        if first in ("Operation", "Exercise", "Daily", "Weekly"):  # "The Daily Clarion"
            return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
        two = " ".join(words[-2:])
        if two in LOC_HEADS or last in LOC_HEADS:
            t = LOC_HEADS.get(two) or LOC_HEADS[last]
            return Cand(s0, e_last, t, make_id(t, surface), surface, 1)
        if first in LOC_PREFIXES:
            t = LOC_PREFIXES[first]
            return Cand(s0, e_last, t, make_id(t, surface), surface, 1)
    before = text[max(0, s0 - 40) : s0]
    after = text[e_last : e_last + 40]
    if not whole:
        # "said Chad Bown", "Jordan Hale, a lawyer": a country that is a given name too,
        # before an unlisted surname, with a person's cue.
        if (
            n == 2
            and first in ex.given
            and first in ex.gaz.names
            and last not in ex.gaz.names
            and namey(last, 1, 2)
            and not not_a_name(words)
            and last not in LOC_HEADS
            and fold(last) not in lowered
            and (
                SPEECH.match(after)
                or said_before(before)
                or role_before(before)
                or APPOSITIVE.match(after)
            )
        ):
            return Cand(s0, e_last, "PERSON", make_id("PERSON", surface), surface, 3)
        # "Michael Jordan": a given name before a listed word makes a person.
        for i in range(n - 1):
            w0, rest = words[i], words[i + 1 : i + 4]
            if (
                w0 in ex.given
                and w0 not in ex.gaz.names
                and all(w[:1].isupper() and not w.isupper() and fold(w) not in STOP for w in rest)
                and all(
                    ex.gaz.names.get(w, PERSON_HIT).type in ("PERSON", "GPE", "LOC")
                    or w in ex.given
                    for w in rest
                )
                and any(w in ex.gaz.names for w in rest)
            ):
                ps, pe = toks[i][0], toks[i + len(rest)][1]
                name = text[ps:pe]
                return Cand(ps, pe, "PERSON", make_id("PERSON", name), name, 3)
        return _named_tail(ex, text, toks, words, lowered) if 3 <= n <= 6 else None
    if surface in ex.gaz.names:
        return None  # a listed name refused by its own checks
    if (
        n <= 4
        and all(w[:1].isupper() for w in words)
        and not not_a_name(words)
        and (COMPANY_AFTER.match(after) or company_before(before))
    ):
        # "shares in Zentrova", "Zentrova owns", "Googol, the search company": a company.
        return Cand(s0, e_last, "ORG", make_id("ORG", surface), surface, 1)
    # People: "X said", "said X", a given name.
    is_namey = all(namey(w, i, n) for i, w in enumerate(words)) and not not_a_name(words)
    if (
        is_namey
        and n <= 4
        and (
            SPEECH.match(after)
            or said_before(before)
            or (
                n <= 3
                and (
                    role_before(before)
                    or PARTY.match(after)
                    or (n >= 2 and (APPOSITIVE.match(after) or WHO.match(after)))
                )
            )
        )
    ):
        return Cand(s0, e_last, "PERSON", make_id("PERSON", surface), surface, 1)
    if is_namey and 2 <= n <= 4 and (first in ex.given or first in ("Abu", "Umm")):
        return Cand(s0, e_last, "PERSON", make_id("PERSON", surface), surface, 1)
    if n == 1 and ACRONYM.match(first) and first not in NOT_ACRONYMS and len(first) >= 2:
        # "THEY LOSE, WE WIN": a shouted word written in lower case elsewhere is a word;
        # "(R-S.C.)" a party and a state.
        if (
            has_lowercase_nearby(text, s0, e_last)
            and fold(first) not in lowered
            and not PARTY_TOKEN.fullmatch(first)
        ):
            return Cand(s0, e_last, "ORG", make_id("ORG", first), first, 1)
        return None
    if (
        is_namey
        and n <= 3
        and loc_cue(before)
        and not is_sentence_start(text, s0)
        and not any(fold(w) in STOP for w in words)
    ):
        return Cand(s0, e_last, "GPE", make_id("GPE", surface), surface, 0)
    return None


#: "Pilot 1st Class", "Airman First Class": a rating's class before the name.
_ORDINAL_BEFORE = re.compile(r"(?:\d(?:st|nd|rd|th)|First|Second|Third) \Z")
_NAME_GAPS = frozenset({" ", " al-", " bin ", " ibn ", " van ", " von ", " de ", " da ", " du "})


def _gaps(text: str, toks: list[tuple[int, int, bool]]) -> list[str]:
    return [text[a[1] : b[0]] for a, b in pairwise(toks)]


def _named_tail(
    ex: Extractor,
    text: str,
    toks: list[tuple[int, int, bool]],
    words: list[str],
    lowered: LowerWords,
) -> Cand | None:
    """A run that ends in a given name and a surname is a person after whatever role or body
    comes first ("Conservative MP Tom Vale", "Pilot 1st Class Charles H. Keeling IV",
    "Acme CEO Tim Rourke"): the person is the tail from the given name on. Not where the
    tail ends as a body or an office does, nor where its last word is written in lower case
    in the text ("Mary Magdalene Church")."""
    n = len(words)
    if n > 6:
        return None  # a title-case headline ("Rep Roe Files Bill Ending Jane's Pension")
    for i in range(1, min(n - 1, 4)):
        w = words[i]
        if w not in ex.given or words[i - 1] in ex.given or w in ex.gaz.names:
            continue
        prev = words[i - 1]
        rated = prev == "Class" and _ORDINAL_BEFORE.search(text, 0, toks[i - 1][0]) is not None
        if (prev in OFFICE_LAST and not rated) or prev.endswith("."):
            return None  # a title's own rules type "Majority Leader X"; "J. Gerald Roe"
        if not (
            (prev.isupper() and len(prev) > 1)
            or rated
            or prev in ex.gaz.names
            or fold(prev) in lowered
            or fold(prev) in STOP
        ):
            return None  # "Karel Mohammad Idris": the word before is a name's too
        if any(text_gap not in _NAME_GAPS for text_gap in _gaps(text, toks[i:])):
            return None  # "Tom Vale of Norland": a person and a place
        tail = words[i:]
        if len(tail) > 4 or not_a_name(tail) or fold(tail[-1]) in lowered:
            return None
        last = len(tail) - 1
        if not all(
            (namey(t, j, len(tail)) or (j == last and t in SUFFIXES)) and fold(t) not in STOP
            for j, t in enumerate(tail)
        ):
            return None
        if any(
            ex.gaz.names.get(t, PERSON_HIT).type != "PERSON" or fold(t) in CALENDAR
            for t in tail[1:]
        ):
            return None  # "Joe Monday": a name and a day
        ps, pe = toks[i][0], toks[-1][1]
        name = " ".join(tail)
        return Cand(ps, pe, "PERSON", make_id("PERSON", name), name, 3)
    return None
