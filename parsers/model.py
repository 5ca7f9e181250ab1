"""The structured document every part of briefing-tui shares.

Plain data classes only: parsers fill them, the library caches them, the app draws them. Every
part carries ``start``/``end`` character offsets into ``Document.text`` (ARCHITECTURE: Offsets), so
``doc.text[part.start:part.end]`` is exactly what the part names.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "partial", "indirect", "scare"]

#: Entity labels: OntoNotes names plus WEAPON for weapon systems and military platforms.
ENTITY_LABELS = (
    "PERSON",
    "NORP",
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "DATE",
    "TIME",
    "MONEY",
    "QUANTITY",
    "PERCENT",
    "WEAPON",
    "WORK_OF_ART",
)


@dataclass(slots=True)
class Section:
    """A heading and the text it governs; ``level`` 1 is the top. Furniture is kept, not shown."""

    title: str | None
    level: int
    start: int
    end: int
    furniture: bool = False
    title_start: int | None = None
    title_end: int | None = None


@dataclass(slots=True)
class Paragraph:
    """A block of body text. ``kind`` tells the reader how to draw it."""

    start: int
    end: int
    kind: Literal["text", "heading", "blockquote", "list", "table", "code", "furniture"] = "text"


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Quote:
    """A quotation (or reported speech) and who said it.

    ``start``/``end`` cover the quoted words with their marks; ``speaker_start``/``speaker_end``
    the mention at the cue ("he" in "he said"); ``speaker`` the resolved name. A quote split by
    its cue ("..., he said, ...") keeps its pieces in ``parts`` and spans them all.
    """

    start: int
    end: int
    text: str
    kind: QuoteKind = "direct"
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_role: str | None = None
    cue: str | None = None
    entity_id: str | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class EntityMention:
    """One mention of an entity. ``id`` is stable across documents and spellings."""

    start: int
    end: int
    text: str
    type: str
    id: str
    name: str


@dataclass(slots=True)
class Document:
    path: str
    title: str
    text: str
    date: str | None = None
    source: str | None = None
    format: Literal["text", "markdown", "html", "pdf", "docx", "email"] = "text"
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[EntityMention] = field(default_factory=list)
    #: Where the title, date and source lines sit in ``text`` (shown as metadata, not body).
    title_span: tuple[int, int] | None = None
    warnings: list[str] = field(default_factory=list)
    #: Who wrote it, when the format says (HTML metadata, DOCX properties); None otherwise.
    author: str | None = None
    #: Documents this one carries that can be opened on their own (an e-mail's attachments):
    #: paths of the form ``message.eml#attachment-name``.
    attachments: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The ``briefing-tui parse --json`` object (ARCHITECTURE: Contracts)."""
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "author": self.author,
            "format": self.format,
            "text": self.text,
            "sections": [
                {"title": s.title, "level": s.level, "start": s.start, "end": s.end}
                for s in self.sections
            ],
            "paragraphs": [
                {"start": p.start, "end": p.end, "kind": p.kind} for p in self.paragraphs
            ],
            "quotes": [
                {
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "kind": q.kind,
                    "speaker": q.speaker,
                    "speaker_start": q.speaker_start,
                    "speaker_end": q.speaker_end,
                    "speaker_role": q.speaker_role,
                    "cue": q.cue,
                    "entity_id": q.entity_id,
                }
                for q in self.quotes
            ],
            "entities": [
                {
                    "start": e.start,
                    "end": e.end,
                    "text": e.text,
                    "type": e.type,
                    "id": e.id,
                    "name": e.name,
                }
                for e in self.entities
            ],
        }

    def to_cache(self) -> dict[str, Any]:
        """Everything, for the parse cache (round-trips through :meth:`from_cache`)."""
        return asdict(self)

    @classmethod
    def from_cache(cls, data: dict[str, Any]) -> Document:
        d = dict(data)
        d["sections"] = [Section(**s) for s in d.get("sections", [])]
        d["paragraphs"] = [Paragraph(**p) for p in d.get("paragraphs", [])]
        d["sentences"] = [Sentence(**s) for s in d.get("sentences", [])]
        quotes = []
        for q in d.get("quotes", []):
            q = dict(q)
            q["parts"] = [tuple(p) for p in q.get("parts", [])]
            quotes.append(Quote(**q))
        d["quotes"] = quotes
        d["entities"] = [EntityMention(**e) for e in d.get("entities", [])]
        if d.get("title_span") is not None:
            d["title_span"] = tuple(d["title_span"])
        return cls(**d)

    @property
    def body_paragraphs(self) -> list[Paragraph]:
        """Paragraphs a reader sees by default (site furniture hidden)."""
        return [p for p in self.paragraphs if p.kind != "furniture"]


class ParseError(Exception):
    """Bad input, with a one-line reason fit to show a user (binary file, unreadable, ...)."""
