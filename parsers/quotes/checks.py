"""Document-level checks on who said what, once the entities of the document are known.

* An organisation or a place speaks only through an organisational cue: a reporting verb of the
  lexicon that is not a person's voice or manner ("the ministry said", "according to the
  company", not "joked"); an ORG or place speaker reached any other way (a clause's subject, a
  verb no lexicon lists) is dropped rather than shown as wrong.
* The same quoted words never have two speakers: where a quotation is repeated (a lede and its
  paragraph, a pull quote), every copy takes the speaker named at the cue closest to a copy.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from parsers.model import EntityMention, Quote
from parsers.speakers import CUE_WORDS
from parsers.wordlists import data_words

PERSON_ONLY_CUES = data_words("parsers.quotes", "person_only_cues.txt")
_AGENT_TYPES = frozenset(["ORG", "GPE", "LOC", "FAC"])
_FIRST_WORD = re.compile(r"[a-z]+")
_NOT_WORD = re.compile(r"[\W_]+")
#: Quoted words shorter than this ("no", "fake news") may well come from two people.
MIN_SHARED = 24


def check_speakers(text: str, quotes: list[Quote], entities: Iterable[EntityMention]) -> None:
    """Apply both checks to ``quotes`` in place (``entities`` sorted by offset)."""
    ents = sorted(
        (e for e in entities if e.type == "PERSON" or e.type in _AGENT_TYPES),
        key=lambda m: m.start,
    )
    starts = [m.start for m in ents]
    longest = max((m.end - m.start for m in ents), default=0)
    for q in quotes:
        _organisation_needs_its_cue(q, ents, starts, longest)
    _one_speaker_per_quote(text, quotes)


def _heads(e: int, ents: list[EntityMention], starts: list[int], longest: int) -> set[str]:
    """Types of the entities that start before ``e`` and reach ``e - 2``: a bisect, not a scan,
    so a document with thousands of quotes and entities stays linear."""
    found: set[str] = set()
    i = bisect_left(starts, e) - 1
    while i >= 0 and starts[i] >= e - 2 - longest:
        if e - 2 <= ents[i].end:
            found.add(ents[i].type)
        i -= 1
    return found


def _organisation_needs_its_cue(
    q: Quote, ents: list[EntityMention], starts: list[int], longest: int
) -> None:
    s, e = q.speaker_start, q.speaker_end
    if s is None or e is None or q.cue is None:
        return  # (a transcript's turn labels have no cue: they are people)
    # the entity that heads the mention ("the Vermont senator" is a person, not Vermont)
    heads = _heads(e, ents, starts, longest)
    if not heads & _AGENT_TYPES or "PERSON" in heads:
        return
    w = _FIRST_WORD.match(q.cue.lower())
    word = w.group() if w is not None else ""
    if word == "according" or (word in CUE_WORDS and word not in PERSON_ONLY_CUES):
        return
    q.speaker = q.speaker_start = q.speaker_end = q.speaker_role = q.entity_id = None


def _key(text: str, q: Quote) -> str:
    pieces = q.parts or [(q.start, q.end)]
    return _NOT_WORD.sub(" ", " ".join(text[a:b] for a, b in pieces)).strip().lower()


def _distance(q: Quote) -> int:
    """How far the speaker's mention is from the quote (0 inside or touching it)."""
    s, e = q.speaker_start, q.speaker_end
    if s is None or e is None:
        return 1 << 30
    return max(0, q.start - e, s - q.end)


def _one_speaker_per_quote(text: str, quotes: list[Quote]) -> None:
    groups: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.kind in ("direct", "partial"):
            k = _key(text, q)
            if len(k) >= MIN_SHARED:
                groups.setdefault(k, []).append(q)
    for same in groups.values():
        if len(same) < 2 or len({q.speaker for q in same}) < 2:
            continue
        best = min(same, key=_distance)
        if best.speaker is None:
            continue
        for q in same:
            if q is not best:
                q.speaker, q.speaker_role, q.entity_id = (
                    best.speaker,
                    best.speaker_role,
                    best.entity_id,
                )
                q.speaker_start, q.speaker_end = best.speaker_start, best.speaker_end
