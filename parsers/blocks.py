"""Build a :class:`Document` from a list of blocks: what the HTML, PDF, DOCX and e-mail readers
share.

Each reader turns its format into blocks (a heading with its level, a paragraph, a list, a table,
a block quote, code, or furniture) and this module lays them out as ``Document.text``: the title
first, then every block, separated by a blank line. Lists are lines ``• item``, table rows cells
joined by ``" | "`` (the Markdown reader's conventions), so every format reads alike and every
offset indexes the text the user sees. Block text is cleaned here (control characters and
terminal escapes removed) before any offset is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from parsers.decode import clean_text
from parsers.model import Document, Paragraph

Kind = Literal["text", "heading", "blockquote", "list", "table", "code", "furniture"]
Format = Literal["text", "markdown", "html", "pdf", "docx", "email"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]+")
_BLANKS = re.compile(r"\n\s*\n+")


@dataclass(slots=True)
class Block:
    """One unit of a document before layout. ``level`` matters for headings only (1 = top)."""

    kind: Kind
    text: str
    level: int = 0


def tidy(text: str, kind: Kind = "text") -> str:
    """Block text as shown: escapes gone; runs of spaces one space (code keeps its spacing);
    no blank lines inside a block (a blank line is what separates blocks)."""
    text = clean_text(text)
    if kind != "code":
        text = "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    text = _BLANKS.sub("\n", text).strip("\n")
    return text if kind == "code" else text.strip()


def build_document(
    path: str,
    fmt: Format,
    blocks: list[Block],
    *,
    title: str | None = None,
    date: str | None = None,
    source: str | None = None,
    author: str | None = None,
    fallback_title: str = "Untitled",
) -> Document:
    """Lay ``blocks`` out as text with offsets, and find sections from the headings.

    ``title`` (from metadata) is written first as the title line; without one, a leading
    heading becomes the title. A first heading that repeats the title is not written twice.
    """
    from parsers.markdown_reader import _sections
    from parsers.plaintext import _clip_title

    items = [(b.kind, tidy(b.text, b.kind), b.level) for b in blocks]
    items = [it for it in items if it[1]]
    title = _meta(title)
    date, source, author = _meta(date), _meta(source), _meta(author)
    if title is None:
        first = next((it for it in items if it[0] != "furniture"), None)
        if first is not None and first[0] == "heading":
            title = first[1].replace("\n", " ")
            items.remove(first)
    elif items:
        first = next((it for it in items if it[0] != "furniture"), None)
        if first is not None and first[0] == "heading" and _same(first[1], title):
            items.remove(first)
            title = first[1].replace("\n", " ")  # "Headline | Site" in metadata: the headline

    parts: list[str] = []
    pos = 0
    title_span: tuple[int, int] | None = None
    if title:
        parts.append(title)
        title_span = (0, len(title))
        pos = len(title)
    paragraphs: list[Paragraph] = []
    headings: list[tuple[int, int]] = []
    for kind, text, level in items:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(text)
        paragraphs.append(Paragraph(pos, pos + len(text), kind))
        if kind == "heading":
            headings.append((max(1, level), pos))
        pos += len(text)
    text = "".join(parts)
    doc = Document(
        path=path,
        title=title or "",
        text=text,
        date=date,
        source=source,
        format=fmt,
        paragraphs=paragraphs,
        title_span=title_span,
        author=author,
    )
    if not doc.title:
        first_p = next((p for p in paragraphs if p.kind in ("text", "blockquote")), None)
        doc.title = _clip_title(text, first_p.start, first_p.end) if first_p else fallback_title
    if not text.strip():
        doc.warnings.append("empty document")
    doc.sections = _sections(text, paragraphs, title_span, headings)
    return doc


def _meta(value: str | None) -> str | None:
    """A metadata value as one clean line (headers and properties are untrusted too)."""
    return tidy(value or "").replace("\n", " ") or None


def _same(a: str, b: str) -> bool:
    def norm(s: str) -> str:
        return " ".join(s.lower().split())

    heading, title = norm(a), norm(b)
    return bool(heading) and (heading == title or title.startswith(heading + " "))
