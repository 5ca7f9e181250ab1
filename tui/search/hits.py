"""What a search returns (hits, cross-reference groups) and what the index needs from a
document (:class:`DocPayload`, built by :func:`prepare` in worker processes)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Literal

from parsers.model import Document
from tui.search.folding import terms, token_columns

HitKind = Literal["title", "entity", "quote", "paragraph"]
KINDS: tuple[HitKind, ...] = ("title", "entity", "quote", "paragraph")
K_TITLE, K_ENTITY, K_QUOTE, K_PARA = 0, 1, 2, 3
#: A title or entity match ranks above a quote, which ranks above a passing mention.
KIND_WEIGHT = (3.0, 2.5, 1.4, 1.0)
SPEAKER_WEIGHT = 1.8


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One place that matches. ``start``/``end`` are the matched words in ``Document.text``."""

    path: str
    title: str
    start: int
    end: int
    snippet: str
    #: (start, end) of the matched words inside ``snippet``, for highlighting.
    snippet_spans: tuple[tuple[int, int], ...]
    score: float
    kind: HitKind
    section: str | None = None
    #: The whole unit (paragraph, quote, title line) the hit lies in.
    unit_start: int = 0
    unit_end: int = 0
    entity_id: str | None = None
    speaker: str | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "kind": self.kind,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "unit_start": self.unit_start,
            "unit_end": self.unit_end,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "snippet_spans": [list(s) for s in self.snippet_spans],
            "entity_id": self.entity_id,
            "speaker": self.speaker,
        }


@dataclass(slots=True)
class DocHits:
    """Cross-reference hits in one document, in reading order."""

    path: str
    title: str
    hits: list[SearchHit] = field(default_factory=list)


@dataclass(slots=True)
class DocPayload:
    """What the index needs from one document: cheap to pickle from a worker process."""

    path: str
    hash: str
    title: str
    title_at: int
    text: str
    sections: list[tuple[int, str]]
    #: (kind, start, end, extra, space-joined distinct terms); extra = speaker or entity id.
    units: list[tuple[int, int, int, str, str]]
    #: (id, name, type, aliases, flattened mention offsets s0, e0, s1, e1, ...)
    entities: list[tuple[str, str, str, list[str], list[int]]]


def prepare(doc: Document, path: str | None = None, content_hash: str = "") -> DocPayload:
    """Tokenise one document for :meth:`SearchIndex.add_payload` (pure; runs in workers)."""
    text = doc.text
    title = doc.title or ""
    title_at = -1
    if doc.title_span is not None:
        s, e = doc.title_span
        i = text.find(title, s, e) if title else -1
        title_at = i
    if title_at < 0 and title:
        i = text.find(title, 0, max(len(title) * 4, 2000))
        title_at = i
    sections = sorted((s.start, s.title) for s in doc.sections if s.title and not s.furniture)
    units: list[tuple[int, int, int, str, str]] = []
    if title:
        ts, te = (title_at, title_at + len(title)) if title_at >= 0 else (0, 0)
        units.append((K_TITLE, ts, te, "", " ".join(dict.fromkeys(terms(title)))))
    by_id: dict[str, tuple[str, str, dict[str, None], list[int]]] = {}
    for m in doc.entities:
        rec = by_id.get(m.id)
        if rec is None:
            rec = by_id[m.id] = (m.name, m.type, {}, [])
        rec[2][m.text] = None
        rec[3].extend((m.start, m.end))
    entities: list[tuple[str, str, str, list[str], list[int]]] = []
    for eid, (name, etype, aliases, offs) in by_id.items():
        alias_list = [a for a in aliases if a != name]
        entities.append((eid, name, etype, alias_list, offs))
        words = dict.fromkeys(terms(name))
        for a in alias_list:
            words.update(dict.fromkeys(terms(a)))
        units.append((K_ENTITY, offs[0], offs[1], eid, " ".join(words)))
    words_at, starts, ends = token_columns(text)

    def span_terms(s: int, e: int) -> dict[str, None]:
        # Words starting in s:e and ending by e: ends rise with starts, so those are the
        # first ones of the run, found by bisection; the terms are then sliced in C.
        i = bisect_left(starts, s)
        j = bisect_right(ends, e, i, bisect_left(starts, e, i))
        return dict.fromkeys(words_at[i:j])

    for q in doc.quotes:
        words = span_terms(q.start, q.end)
        if q.speaker:
            words.update(dict.fromkeys(terms(q.speaker)))
        units.append((K_QUOTE, q.start, q.end, q.speaker or "", " ".join(words)))
    for p in doc.paragraphs:
        if p.kind == "furniture" or p.end <= p.start:
            continue
        words = span_terms(p.start, p.end)
        if words:
            units.append((K_PARA, p.start, p.end, "", " ".join(words)))
    return DocPayload(
        path or doc.path, content_hash, title, title_at, text, sections, units, entities
    )
