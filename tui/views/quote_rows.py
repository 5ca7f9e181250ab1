"""Rows for the "who said what" list: quotes flattened, labelled and filtered, without Textual.

The quotes screen draws these rows; keeping them here means the labelling and the filter are
plain functions that tests (and a future ``briefing-tui quotes`` command) can call without a
terminal. Every string comes from documents, so it is cleaned of control characters here once;
the screen still builds ``Text`` objects from it, never markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parsers.model import Document, Quote
from tui.core.text import fold, one_line
from tui.timeline.buckets import parse_iso_day

#: Display order and the short, colour-free label of each kind (for NO_COLOR users too).
KIND_LABELS: dict[str, str] = {
    "direct": "direct",
    "partial": "partial",
    "indirect": "indirect",
    "scare": "scare",
}
KIND_WIDTH = max(len(v) for v in KIND_LABELS.values())
#: Quotes longer than this are cut in the preview (the reader shows them whole).
MAX_QUOTE_CHARS = 1200

_OPEN_MARKS = "\"'“‘«„‚‹「『"
_CLOSE_MARKS = "\"'”’»“‘›」』"
# Combining marks (what NFKD splits accents into).
# C0/C1 controls, DEL and the bidi overrides that can reorder what the terminal shows.


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote as the list shows it, with where to jump (``path``, ``start``, ``end``)."""

    path: str
    title: str
    start: int
    end: int
    kind: str
    speaker: str | None
    role: str | None
    cue: str | None
    text: str
    key: str
    #: The document's date as written ("" when it has none), for a speaker's quotes over time.
    date: str = ""

    @property
    def speaker_label(self) -> str:
        """ "Name (role)", or what stands in for a missing speaker."""
        if self.speaker:
            return f"{self.speaker} ({self.role})" if self.role else self.speaker
        if self.kind == "scare":
            return "No speaker (scare quote)"
        return "Unknown speaker"


#: A straight double mark that opens: at the start, or after a space or an opening bracket.
_STRAIGHT_OPEN_RE = re.compile(r'(?:^|(?<=[\s(\[{—–-]))"')


def curly_marks(text: str) -> str:
    """Straight double marks as curly ones, each turned by what precedes it (opens after space)."""
    return _STRAIGHT_OPEN_RE.sub("“", text).replace('"', "”")


def quote_body(text: str, kind: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """The quoted words on one line, in curly marks; reported speech stays unmarked.

    A partial quote is a reported sentence holding someone's words in quotation marks: only
    those words are theirs, so the sentence is shown as report with its own marks, never
    wrapped whole in quotation marks.
    """
    body = one_line(text)
    if kind == "partial":
        body = curly_marks(body)
    elif kind != "indirect":
        while len(body) >= 2 and body[0] in _OPEN_MARKS and body[-1] in _CLOSE_MARKS:
            body = body[1:-1].strip()
        body = body.lstrip(_OPEN_MARKS).rstrip(_CLOSE_MARKS).strip()
    if len(body) > limit:
        body = body[: limit - 1].rstrip() + "…"
    return body if kind in ("indirect", "partial") else f"“{body}”"


def _row(doc: Document, quote: Quote) -> QuoteRow:
    text = quote.text or doc.text[quote.start : quote.end]
    speaker = one_line(quote.speaker) if quote.speaker else None
    role = one_line(quote.speaker_role) if quote.speaker_role else None
    cue = one_line(quote.cue) if quote.cue else None
    kind = quote.kind if quote.kind in KIND_LABELS else "direct"
    body = quote_body(text, kind)
    title = one_line(doc.title) or one_line(doc.path)
    key = fold(" ".join(p for p in (speaker, role, cue, kind, body, title) if p))
    return QuoteRow(
        doc.path,
        title,
        quote.start,
        quote.end,
        kind,
        speaker or None,
        role or None,
        cue or None,
        body,
        key,
        one_line(doc.date) if doc.date else "",
    )


def quote_rows(doc: Document) -> list[QuoteRow]:
    """The quotes of one document in reading order."""
    return [_row(doc, q) for q in sorted(doc.quotes, key=lambda q: (q.start, q.end))]


def library_quote_rows(docs: Iterable[Document]) -> list[QuoteRow]:
    """The quotes of every document, document by document (in the order given)."""
    rows: list[QuoteRow] = []
    for doc in docs:
        rows.extend(quote_rows(doc))
    return rows


def speaker_rows(rows: Iterable[QuoteRow], names: Iterable[str]) -> list[QuoteRow]:
    """The quotes whose speaker is one of ``names`` (any case or accents), oldest first.

    Documents without a date come last, in the order given; the sidebar passes an entity's
    spellings so that "Mr Roe" and "John Roe" both count once they are merged.
    """
    wanted = {fold(n).strip() for n in names if n and fold(n).strip()}
    chosen = [r for r in rows if r.speaker and fold(r.speaker).strip() in wanted]
    dated = [(parse_iso_day(r.date), i, r) for i, r in enumerate(chosen)]
    dated.sort(key=lambda t: (t[0] is None, t[0] or dt.date.min, t[1]))
    return [r for _, _, r in dated]


def filter_rows(rows: Sequence[QuoteRow], query: str) -> list[QuoteRow]:
    """Rows whose speaker, role, cue, kind, words or document title contain every query word.

    Matching ignores case and accents; an empty query keeps every row.
    """
    terms = fold(query).split()
    if not terms:
        return list(rows)
    return [row for row in rows if all(term in row.key for term in terms)]


def kind_counts(rows: Iterable[QuoteRow]) -> dict[str, int]:
    """How many rows of each kind, in :data:`KIND_LABELS` order (kinds with none left out)."""
    counts = dict.fromkeys(KIND_LABELS, 0)
    for row in rows:
        counts[row.kind] += 1
    return {k: n for k, n in counts.items() if n}
