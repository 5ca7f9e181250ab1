"""Plain-text articles as people save them from the web (placeholder: title line + paragraphs)."""

from __future__ import annotations

import re

from parsers.model import Document, Paragraph, Section


def read_plaintext(text: str, path: str) -> Document:
    paragraphs = [Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    title = text[paragraphs[0].start : paragraphs[0].end].strip() if paragraphs else ""
    doc = Document(path=path, title=title, text=text)
    doc.paragraphs = paragraphs[1:] if len(paragraphs) > 1 else paragraphs
    doc.sections = [Section(title=title or None, level=1, start=0, end=len(text))]
    return doc
