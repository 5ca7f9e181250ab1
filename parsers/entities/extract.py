"""The rule engine: gazetteer hits, patterns, people after titles, capitalised sequences.

This module runs the passes in order; each lives in a module of its own (named below), and its
word lists in ``data/words.txt`` and ``data/*.tsv`` (:mod:`.lexicon`).

Order of work, each step cheap and linear in the text:

1. the automaton finds every listed name (countries, organisations, places, weapons)
   (:mod:`.listed`);
2. patterns find money, percentages, quantities and dates (:mod:`.patterned`);
3. title rules find people ("Defense Minister Pål Jonson", "Gen. Joseph Votel")
   (:mod:`.people`), and a title after the kind of work is one work of art ("the film “The
   Quiet Harbour”") (:mod:`.works`);
4. capitalised sequences (:mod:`.tokens`) nobody claimed are typed by their head word
   ("... Ministry", "... Air Base"), by a cue ("near X", "X said") or by a given name
   ("Tobias Ellwood") (:mod:`.classify`, cues in :mod:`.cues`);
5. unknown names are known by their company: places listed with a known place after a place
   cue ("near Tapa, Rakvere and Paldiski"), hometowns ("42, of Leeds"), full names beside a
   known person's; a state body joins its country ("the Ministry of Defence of Ukraine",
   "Russia's defence ministry") under one id per country and body (:mod:`.company`);
6. overlaps resolve longest first (:mod:`.candidate`); surnames and role titles resolve to the
   full names seen in the document (:mod:`.resolve`); a few re3d-style conventions apply (an
   article before an organisation is part of it; "the UK" acting as a government and "U.S.
   forces" are organisations; a titled person's bare name nests inside the titled mention)
   (:mod:`.conventions`); a title is kept whole with its qualifier ("Chilean Foreign Minister
   Ana Prieto") (:mod:`.titled`), military units whole ("4th Battalion, 27th Rifle Regiment")
   (:mod:`.units`), Arabic names of bodies ("Jaish al-Nasr") are organisations
   (:mod:`.foreign`), and an acronym defined in parentheses is its organisation
   (:mod:`.acronyms`).

Offices and events ("Director General for Security", "IISS Prague Defense Summit") are never
people, whoever hands them over (see :func:`not_a_name`).

Speed (the pipeline's largest cost): patterns open with a look-ahead at their first character
(the look-behind and alternation run only where a match can start); patterns whose literal
words are absent from the text are not run; titles and roles are tried only at tokens that
start as some title starts; one-word runs skip the checks that need two words. Each shortcut
is a necessary condition of the slow path it spares, so the output is unchanged.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable

from parsers.entities.candidate import Cand, resolve_fast
from parsers.entities.classify import classify, split_of
from parsers.entities.company import by_company, merge_of_place, merge_place_prefix
from parsers.entities.cues import LowerWords
from parsers.entities.foreign import first_word_orgs
from parsers.entities.gazetteer import Gazetteer, GazetteerEntry, gazetteer, given_names
from parsers.entities.lexicon import COMPANY_HEADS, FUNCTION, STOP
from parsers.entities.listed import gazetteer_cands
from parsers.entities.names import fold
from parsers.entities.patterned import pattern_cands
from parsers.entities.people import not_a_name, person_title_cands
from parsers.entities.resolve import finish, nested_inside
from parsers.entities.titled import domain_title_cands
from parsers.entities.tokens import sequences
from parsers.entities.units import whole_units
from parsers.entities.works import work_cands
from parsers.model import Document, EntityMention

__all__ = ["STOP", "Cand", "Extractor", "extract", "not_a_name"]


class Extractor:
    """Finds entity mentions in one document's text: the gazetteer and given names the passes
    share, and the passes as methods."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.given = given_names()
        #: Where the kind nouns of works start ("film", "novel"), found with the listed names.
        self.kinds: list[int] = []

    gazetteer_cands = gazetteer_cands
    person_title_cands = person_title_cands
    classify = classify
    _split_of = split_of

    @staticmethod
    def pattern_cands(text: str) -> list[Cand]:
        return pattern_cands(text)

    @staticmethod
    def sequences(text: str) -> list[list[tuple[int, int, bool]]]:
        return sequences(text)


def extract(doc: Document, extra: Iterable[GazetteerEntry] = ()) -> list[EntityMention]:
    # Many small objects, no cycles: the cyclic collector only costs time here (3x on a
    # 5 MB document, where it rescans the growing heap again and again).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _extract(doc, extra)
    finally:
        if was_enabled:
            gc.enable()


def _extract(doc: Document, extra: Iterable[GazetteerEntry]) -> list[EntityMention]:
    text = doc.text
    if not text.strip():
        return []
    gaz = gazetteer(tuple(extra))
    ex = Extractor(gaz)
    lowered = LowerWords(text)

    cands = ex.gazetteer_cands(text)
    cands += ex.pattern_cands(text)
    token_list: list[tuple[int, int, bool]] = []
    seqs = ex.sequences(text)
    for seq in seqs:
        token_list.extend(seq)
    tokens_at = {s: i for i, (s, _e, _p) in enumerate(token_list)}
    cands += ex.person_title_cands(text, tokens_at, token_list)
    cands += domain_title_cands(ex, text, tokens_at, token_list)
    cands += work_cands(ex, text)
    cands += first_word_orgs(text, seqs, ex.gaz.names)

    # Headed names over a whole run beat the listed names inside them ("Jordan Armed Forces").
    for seq in seqs:
        if len(seq) == 1 and text[seq[0][0] : seq[0][1]] != "Coalition":
            continue  # what classify would say at once, without the call
        c = ex.classify(text, seq, lowered, whole=False)
        if c is not None:
            cands.append(c)
        elif len(seq) > 2:
            # "The New York Post on Monday": the part before a joiner may be a name of its own.
            k = next(
                (i for i in range(1, len(seq)) if text[seq[i - 1][1] : seq[i][0]] == " on "),
                0,
            )
            if k > 1 and (c := ex.classify(text, seq[:k], lowered, whole=False)) is not None:
                cands.append(c)
    chosen = resolve_fast(cands, len(text))

    # Runs nobody claimed.
    used = bytearray(len(text) + 1)
    for c in chosen:
        used[c.start : c.end] = b"\x01" * (c.end - c.start)
    extras: list[Cand] = []
    leftover: list[list[tuple[int, int, bool]]] = []
    runs: list[list[tuple[int, int, bool]]] = []
    for seq in seqs:
        run: list[tuple[int, int, bool]] = []
        for tok in seq:
            if used.find(1, tok[0], tok[1]) >= 0:
                if run:
                    runs.append(run)
                    run = []
            else:
                run.append(tok)
        if run:
            runs.append(run)
    for run in _split_long(text, runs):
        c = ex.classify(text, run, lowered, whole=True)
        if c is not None:
            extras.append(c)
        else:
            leftover.append(run)
    top = resolve_fast(chosen + extras, len(text))
    if leftover and extras:
        same = _repeats(text, extras, leftover)
        if same:
            extras += same
            top = resolve_fast(top + same, len(text))
            spread = {c.start for c in same}
            leftover = [r for r in leftover if r[0][0] not in spread]
    top = _agree(text, top)
    short = _company_short_forms(text, top, leftover, lowered, gaz, ex.given)
    if short:
        spread = {c.start for c in short}
        top = resolve_fast([c for c in top if c.start not in spread] + short, len(text))
        leftover = [r for r in leftover if r[0][0] not in spread]
    if leftover:
        places = by_company(text, top, leftover, lowered)
        if places:
            extras += places
            top = resolve_fast(top + places, len(text))
    top = merge_place_prefix(text, top, leftover)
    top = merge_of_place(text, top, gaz)
    top, units = whole_units(text, top)
    return finish(text, top, nested_inside(top, cands + extras) + units, ex, token_list)


def _split_long(
    text: str, runs: list[list[tuple[int, int, bool]]]
) -> list[list[tuple[int, int, bool]]]:
    """A title-case headline is no name ("Hillary Clinton Was Headed For A Win"): a run too
    long to type whole is cut at its function words, and the names in it are typed alone."""
    out: list[list[tuple[int, int, bool]]] = []
    for run in runs:
        if len(run) <= 4:
            out.append(run)
            continue
        part: list[tuple[int, int, bool]] = []
        for tok in run:
            if fold(text[tok[0] : tok[1]]) in FUNCTION:
                if part:
                    out.append(part)
                part = []
            else:
                part.append(tok)
        if part:
            out.append(part)
    return out


def _repeats(
    text: str, typed: list[Cand], leftover: list[list[tuple[int, int, bool]]]
) -> list[Cand]:
    """A name typed once by its context is the same name where it stands without one
    ("Zentrova owns three mills" then "Zentrova rose"): its other mentions in the document
    take its type and id. Two typings of one surface disagree: neither spreads."""
    by_surface: dict[str, Cand | None] = {}
    for c in typed:
        if (c.type == "ORG" or (c.type == "PERSON" and " " in c.name)) and c.end - c.start >= 3:
            # (one word typed a person by one cue is too weak to spread: "PolitiFact says")
            key = text[c.start : c.end]
            prev = by_surface.get(key, c)
            by_surface[key] = c if prev is not None and prev.type == c.type else None
    out: list[Cand] = []
    for run in leftover:
        key = text[run[0][0] : run[-1][1]]
        hit = by_surface.get(key)
        if hit is not None:
            out.append(Cand(run[0][0], run[-1][1], hit.type, hit.id, hit.name, 0))
    return out


def _company_short_forms(
    text: str,
    top: list[Cand],
    leftover: list[list[tuple[int, int, bool]]],
    lowered: LowerWords,
    gaz: Gazetteer,
    given: frozenset[str],
) -> list[Cand]:
    """A company named in full ("Quarrow Partners", "Stanmore Energy") is the same company where
    its name stands without the head ("at Quarrow", "Stanmore said"), and an organisation's
    name of two or three words is the same where it is written as one ("Sky Vista" and
    "SkyVista"): those mentions take its type and id, over a weaker reading from a cue (a place
    after "at", a person before "said").
    Listed names keep their own reading; a short form that is a common word
    ("General" of "General Motors") or that two companies share is left alone."""
    # The one-word names that could be a short form: usually few, and then only the companies
    # that could give them are looked at.
    wanted = {
        text[c.start : c.end]
        for c in top
        if not c.listed and c.type != "ORG" and c.prio <= 1 and text.count(" ", c.start, c.end) < 2
    }
    wanted.update(text[r[0][0] : r[-1][1]] for r in leftover if len(r) <= 2)
    if not wanted:
        return []
    forms: dict[str, Cand | None] = {}
    for c in top:
        if c.type != "ORG":
            continue
        words = text[c.start : c.end].split()
        if not 2 <= len(words) <= 3:
            continue
        joined = "".join(words)
        if joined in wanted and all(w[:1].isupper() and w.isalpha() for w in words):
            # "Sky Vista" written "SkyVista" too: one name, not a person or a place.
            forms.setdefault(joined, c)
        if c.listed or words[-1] not in COMPANY_HEADS:
            continue
        head = words[:-1]
        key = " ".join(head)
        if key not in wanted or not all(w[:1].isupper() and w.isalpha() for w in head):
            continue
        if any(fold(w) in STOP or fold(w) in lowered or w in gaz.names or w in given for w in head):
            continue
        prev = forms.get(key, c)
        forms[key] = c if prev is not None and prev.id == c.id else None
    if not forms:
        return []
    # A short form that is also a person's name here ("Vale" of "Tony Vale" and of
    # "Vale Group") or a given name ("Henry") stays what its own cues say.
    for c in top:
        if c.type == "PERSON" and " " in text[c.start : c.end]:
            for w in text[c.start : c.end].split():
                forms.pop(w, None)
    out: list[Cand] = []
    for c in top:
        if c.listed or c.type == "ORG" or c.prio > 1:
            continue
        hit = forms.get(text[c.start : c.end])
        if hit is not None:
            out.append(Cand(c.start, c.end, "ORG", hit.id, hit.name, 1))
    for run in leftover:
        hit = forms.get(text[run[0][0] : run[-1][1]])
        if hit is not None:
            out.append(Cand(run[0][0], run[-1][1], "ORG", hit.id, hit.name, 1))
    return out


def _agree(text: str, top: list[Cand]) -> list[Cand]:
    """One unlisted one-word name typed by cues in two ways in one document ("shares in
    Zentrova" a company, "analysts said Zentrova would expand" a person, "at Zentrova" a place)
    is one thing: an organisation, when one cue says so (companies speak and have premises;
    a person is rarely named by one word alone), unless the word is part of a person's full
    name there ("Tony Marlo" ... "Marlo said")."""
    seen: dict[str, list[Cand]] = {}
    for c in top:
        if not c.listed and c.prio <= 1 and c.type in ("ORG", "PERSON", "GPE"):
            surface = text[c.start : c.end]
            if " " not in surface:
                seen.setdefault(surface, []).append(c)
    mixed = {
        k: v
        for k, v in seen.items()
        if len({c.type for c in v}) > 1 and any(c.type == "ORG" for c in v)
    }
    if not mixed:
        return top
    for c in top:
        if c.type == "PERSON" and " " in text[c.start : c.end]:
            for w in text[c.start : c.end].split():
                mixed.pop(w, None)
    for group in mixed.values():
        org = next(c for c in group if c.type == "ORG")
        for c in group:
            c.type, c.id, c.name = "ORG", org.id, org.name
    return top
