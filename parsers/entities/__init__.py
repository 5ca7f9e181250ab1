"""Entities: people, groups, organisations, places, weapon systems, sums and dates.

A fast, offline rule and gazetteer engine (no model download): see :mod:`.extract` for the
rules and :mod:`.gazetteer` for the list format a user can extend. Pure: no files but the
bundled lists are read; the app passes a user's own entries in.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from parsers.entities.extract import STOP, extract, not_a_name
from parsers.entities.gazetteer import GazetteerEntry, parse_gazetteer
from parsers.entities.lexicon import NOT_ACRONYMS
from parsers.entities.names import fold, given_names_differ, id_label, make_id, slug
from parsers.model import Document, EntityMention

__all__ = [
    "GazetteerEntry",
    "extract_entities",
    "fold",
    "given_names_differ",
    "id_label",
    "link_quote_speakers",
    "make_id",
    "parse_gazetteer",
    "slug",
]

_PRONOUNS = frozenset(
    {
        "i",
        "me",
        "he",
        "him",
        "she",
        "her",
        "we",
        "us",
        "they",
        "them",
        "you",
        "it",
        "who",
        "one",
        "this",
        "that",
        "his",
        "their",
        "our",
        "its",
    }
)


def extract_entities(
    doc: Document, extra_gazetteer: Iterable[GazetteerEntry] = ()
) -> list[EntityMention]:
    """Every entity mention in ``doc.text``, sorted by offset, non-overlapping.

    Quote speakers (``doc.quotes``, filled before this runs) become PERSON mentions and get
    their ``entity_id`` set here. ``extra_gazetteer``: a user's own entries
    (:func:`parse_gazetteer` reads the file format).
    """
    mentions = extract(doc, tuple(extra_gazetteer))
    return link_quote_speakers(doc, mentions)


def link_quote_speakers(doc: Document, mentions: list[EntityMention]) -> list[EntityMention]:
    """Make each named speaker a PERSON mention and point its quote at the entity's id."""
    if not doc.quotes:
        return mentions
    text = doc.text
    by_name: dict[str, EntityMention] = {}
    for m in mentions:
        if m.type == "PERSON":
            by_name.setdefault(fold(m.name), m)
            by_name.setdefault(fold(m.name.split()[-1]), m)
    added: list[EntityMention] = []
    by_end = sorted(mentions, key=lambda m: m.end)
    ends = [m.end for m in by_end]
    for q in doc.quotes:
        s, e = q.speaker_start, q.speaker_end
        hit: EntityMention | None = None
        if s is not None and e is not None and 0 <= s < e <= len(text):
            lo = bisect_right(ends, s)
            overlapping = [m for m in by_end[lo : lo + 64] if m.start < e and s < m.end]
            # A person first ("Swedish Defense Minister Pål Jonson" is Jonson, not Sweden),
            # else the widest organisation or place ("the UK" over "UK").
            for types in (("PERSON",), ("ORG", "GPE", "NORP")):
                agents = [m for m in overlapping if m.type in types]
                if agents:
                    hit = max(agents, key=lambda m: m.end - m.start)
                    break
            span = text[s:e].strip()
            if (
                hit is None
                and _looks_like_name(span, text)
                and not overlapping
                and not any(m.start < e and s < m.end for m in added[-8:])
            ):
                known = _known(by_name, q.speaker or span)
                ident = known.id if known else make_id("PERSON", q.speaker or span)
                name = known.name if known else (q.speaker or span)
                # Keep the span exact: strip surrounding spaces from the offsets too.
                lead = len(text[s:e]) - len(text[s:e].lstrip())
                trail = len(text[s:e]) - len(text[s:e].rstrip())
                hit = EntityMention(s + lead, e - trail, span, "PERSON", ident, name)
                added.append(hit)
                by_name.setdefault(fold(name), hit)
        if hit is None and q.speaker:
            hit = _known(by_name, q.speaker)
        if hit is not None:
            q.entity_id = hit.id
            if q.speaker is None:
                q.speaker = hit.name
    if added:
        mentions = sorted([*mentions, *added], key=lambda m: m.start)
    return mentions


def _known(by_name: dict[str, EntityMention], name: str) -> EntityMention | None:
    """The document's person of that name, or of that surname unless the given names differ
    ("Joan Smith" is not "John Smith"; "Mr Smith" and "Smith" may be)."""
    key = fold(name)
    hit = by_name.get(key)
    words = name.split()
    if hit is not None or not words:
        return hit
    hit = by_name.get(fold(words[-1]))
    while len(words) > 1 and fold(words[0]) in STOP:
        words = words[1:]  # "Mr", "President": a title, not a given name
    if hit is not None and given_names_differ(" ".join(words), hit.name):
        return None
    return hit


def _looks_like_name(span: str, text: str) -> bool:
    """ "Pål Jonson" yes; "he", "Analysts", "The ministry" no."""
    words = span.split()
    if not words or len(words) > 5 or fold(span) in _PRONOUNS:
        return False
    if not all(w[:1].isupper() for w in words) or not_a_name(words):
        return False
    if any(w in NOT_ACRONYMS or (w.isupper() and len(w.rstrip(".")) > 1) for w in words):
        return False  # "MPs", "BBC": a group or a body, not a person's name
    return not any(fold(w) in STOP or f" {w.lower()} " in text for w in words)
