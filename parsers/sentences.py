"""Sentence splitting (placeholder: split after . ! ? followed by a space)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from parsers.model import Paragraph, Sentence


def split_sentences(text: str, paragraphs: Iterable[Paragraph]) -> list[Sentence]:
    out: list[Sentence] = []
    for p in paragraphs:
        start = p.start
        for m in re.finditer(r"[.!?]\s+", text[p.start : p.end]):
            out.append(Sentence(start, p.start + m.start() + 1))
            start = p.start + m.end()
        if start < p.end:
            out.append(Sentence(start, p.end))
    return out
