"""A readable text outline of a parsed document, for ``briefing-tui parse`` without --json."""

from __future__ import annotations

from parsers.model import Document
from tui.discover import printable


def _clip(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_outline(doc: Document) -> str:
    lines = [printable(doc.path), f"  title:  {_clip(doc.title)}"]
    if doc.date:
        lines.append(f"  date:   {doc.date}")
    if doc.source:
        lines.append(f"  source: {_clip(doc.source)}")
    lines.append(
        f"  {len(doc.paragraphs)} paragraphs, {len(doc.sentences)} sentences, "
        f"{len(doc.quotes)} quotes, {len(doc.entities)} entity mentions"
    )
    for s in doc.sections:
        mark = " (furniture, hidden)" if s.furniture else ""
        lines.append(f"  {'  ' * (s.level - 1)}§ {_clip(s.title or '(untitled)')}{mark}")
    for q in doc.quotes:
        who = q.speaker or "?"
        lines.append(f"    [{q.kind}] {who}: {_clip(q.text, 70)}")
    return "\n".join(lines)
