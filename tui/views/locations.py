"""Where an offset is in a document, said the way a reader would: the section, the paragraph
number and (for plain text, whose offsets are the file's) the line, instead of raw offsets."""

from __future__ import annotations

from parsers.model import Document

#: Formats whose text is the file itself, so a line number finds the place in an editor.
_FILE_LINES = {"text", "markdown"}


def describe(doc: Document, offset: int) -> str:
    """ "§ Air defence · ¶ 4 · line 12" for ``offset`` in ``doc`` (parts that are unknown or
    meaningless are left out)."""
    parts: list[str] = []
    section = None
    for s in doc.sections:
        inside = s.title and not s.furniture and s.start <= offset < max(s.end, s.start + 1)
        if inside and (section is None or s.level >= section.level):
            section = s
    if section is not None and section.title:
        title = " ".join(section.title.split())
        parts.append("§ " + (title if len(title) <= 40 else title[:39] + "…"))
    number = 0
    for p in doc.paragraphs:
        if p.kind in ("furniture", "heading"):
            continue
        if p.start > offset:
            break
        number += 1
        if offset < p.end:
            parts.append(f"¶ {number}")
            break
    if doc.format in _FILE_LINES:
        parts.append(f"line {doc.text.count(chr(10), 0, max(0, offset)) + 1}")
    return " · ".join(parts)
