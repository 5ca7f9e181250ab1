"""Pass 1: every listed name the automaton finds, with the checks a list cannot make (a
shouted headline word, a weapon name that is an ordinary word outside a military context, a
model number glued to a listed weapon)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from parsers.entities.candidate import Cand
from parsers.entities.cues import has_lowercase_nearby, military_context
from parsers.entities.gazetteer import KIND, Hit
from parsers.entities.lexicon import ALL_CAPS_WORDS
from parsers.entities.names import make_id

if TYPE_CHECKING:
    from parsers.entities.extract import Extractor


#: A model number glued to a listed weapon: "-19" in "Hwasong-19", " 2A8" in "Leopard 2A8".
_VARIANT_RE = re.compile(r"(?:-[0-9][0-9A-Za-z]*|-[A-Z]{1,3}\b|[ \t][0-9]+[A-Z][0-9A-Z]*)(?![\w-])")


#: A capitalised name word, then "al-"/"el-" right before a demonym: a nisba.
_NISBA = re.compile(r"[A-Z][\w'’.-]* (?:al|el|Al|El)-\Z")


def gazetteer_cands(ex: Extractor, text: str) -> list[Cand]:
    out: list[Cand] = []
    confirmed: set[str] = set()
    pending: list[tuple[int, int, Hit]] = []
    for start, end, hit in ex.gaz.find(text):
        if hit is KIND:
            ex.kinds.append(start)  # "film", "novel": for the works pass
            continue
        surface = text[start:end]
        if (
            hit.type == "NORP"
            and text[start - 3 : start] in ("al-", "el-", "Al-", "El-")
            and _NISBA.search(text, max(0, start - 40), start)
        ):
            continue  # "Abu Talha al-Yemeni": a family name (a nisba), not a nationality
        if surface in ALL_CAPS_WORDS and not has_lowercase_nearby(text, start, end):
            continue  # a shouted headline: "LET US PRAY"
        if hit.ctx:
            before = text[max(0, start - 8) : start].lower().split()
            if before and before[-1] in ("a", "an", "every", "true", "proud"):
                continue  # "a patriot"
            if not military_context(text, start, end):
                pending.append((start, end, hit))
                continue
            confirmed.add(hit.id)
        if (
            hit.type == "WEAPON"
            and (v := _VARIANT_RE.match(text, end)) is not None
            and text[start : v.end()] not in ex.gaz.names
        ):
            # "Hwasong-19", "Leopard 2A8": a model the list does not name is its own.
            name = text[start : v.end()]
            out.append(Cand(start, v.end(), "WEAPON", make_id("WEAPON", name), name, 2, True))
            continue
        out.append(Cand(start, end, hit.type, hit.id, hit.name, 2, True))
    for start, end, hit in pending:  # "Patriot" once confirmed in the document
        if hit.id in confirmed:
            out.append(Cand(start, end, hit.type, hit.id, hit.name, 2, True))
    return out
