"""A readable text outline of a parsed document, for ``briefing-tui parse`` without --json."""

from __future__ import annotations

from parsers.model import Document
from tui.core.text import printable

#: An outline is for reading: past this many quotes it says how many more there are.
MAX_OUTLINE_QUOTES = 100


def _clip(text: str, width: int = 90) -> str:
    text = printable(" ".join(text.split()))
    return text if len(text) <= width else text[: width - 1] + "…"


def format_outline(doc: Document) -> str:
    """Path, title, date, source, counts, notes, the section tree, then the quotes."""
    lines = [printable(doc.path), f"  title:  {_clip(doc.title)}"]
    if doc.date:
        lines.append(f"  date:   {doc.date}")
    if doc.source:
        lines.append(f"  source: {_clip(doc.source)}")
    for att in doc.attachments:  # each opens with `briefing-tui parse 'msg.eml#name'`
        lines.append(f"  attachment: {printable(att)}")  # whole: it is meant to be copied
    body = len(doc.body_paragraphs)
    hidden = len(doc.paragraphs) - body
    lines.append(
        f"  {body} paragraphs{f' (+{hidden} hidden)' if hidden else ''}, "
        f"{len(doc.sentences)} sentences, {len(doc.quotes)} quotes, "
        f"{len(doc.entities)} entity mentions"
    )
    for warning in doc.warnings:
        lines.append(f"  note:   {_clip(warning)}")
    for s in doc.sections:
        if s.furniture:
            count = sum(1 for p in doc.paragraphs if s.start <= p.start and p.end <= s.end)
            lines.append(f"  § site furniture, hidden ({count} lines)")
        else:
            lines.append(f"  {'  ' * (s.level - 1)}§ {_clip(s.title or '(untitled)')}")
    for q in doc.quotes[:MAX_OUTLINE_QUOTES]:
        who = q.speaker or "?"
        lines.append(f"    [{q.kind}] {who}: {_clip(q.text, 70)}")
    if len(doc.quotes) > MAX_OUTLINE_QUOTES:
        lines.append(f"    … {len(doc.quotes) - MAX_OUTLINE_QUOTES} more quotes (--json lists all)")
    return "\n".join(lines)
