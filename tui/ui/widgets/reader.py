"""The reader: one document drawn line by line (Textual's line API), with a passage cursor.

Why a line-API ``ScrollView`` and not ``Markdown``/``Static``: only the lines on screen are ever
styled and drawn, so a 1 MB article shows at once; wrapping is plain offset arithmetic kept in
arrays, and for big documents it runs in a thread worker while the first screenful (wrapped
synchronously) is already readable. A 50 MB one-line file therefore never freezes the UI.

Document text is untrusted. Every line is built as a ``rich.text.Text`` from a plain string
(control characters turned into spaces, length kept so offsets hold) with styles applied by
offset, never through markup: ``[bold]`` or ``[@click=app.quit]`` in an article shows literally.

What it draws: the title, a metadata line (date · source · path), section headings, paragraphs
(site furniture hidden unless ``show_furniture``), quotes styled by kind with a bar in the gutter
and the speaker on a line beside the paragraph, highlight layers (entity mentions, search hits,
notes), and the cursor.

The cursor moves by *sentence* (``j``/``k``), by paragraph (``{``/``}``); a direct quote that
runs over several sentences is one passage. ``J``/``K`` (shift+↓/↑) extend a selection by a
sentence, shift+→/← by a word; ``escape`` clears it. Others use:

- :meth:`show_document`, :meth:`jump_to`, :attr:`cursor_span`, :attr:`passage_kind`
- :meth:`set_marks` / :meth:`clear_marks` / :meth:`next_mark` (``n``/``N``)
- :attr:`scroll_position` (offset at the top of the view; assignable) and
  :meth:`restore_position` for positions kept across runs.
"""

from __future__ import annotations

import os
import re
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len, get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events, on, work
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from parsers.model import Document, Quote
from tui.core.discover import display_path
from tui.core.palette import COLOURS
from tui.ui.bindings import textual_bindings
from tui.ui.styles import css_beside

if TYPE_CHECKING:
    # Only a type: importing the notes store (and its rapidfuzz) would delay the first screen.
    from tui.notes.store import PassageKind

#: Cells on the left for the quote / block-quote bar.
GUTTER = 2
#: Documents longer than this (characters) are laid out in a worker; the first part at once.
SYNC_LAYOUT_CHARS = 300_000
#: Speaker lines under one paragraph at most (a pathological paragraph may hold thousands).
MAX_ATTRIBUTIONS = 12
#: A direct quote of at most this many sentences is one cursor passage; longer ones are walked
#: by sentence (a note on one sentence of a long quoted paragraph is on that sentence).
MAX_QUOTE_SENTENCES = 3
#: How much text the immediate partial layout of a big document covers.
PARTIAL_LAYOUT_CHARS = 40_000

#: Control characters (and line/paragraph separators) shown as spaces: same length, so offsets
#: hold, and nothing reaches the terminal as a control sequence.
_DISPLAY = str.maketrans({i: " " for i in [*range(0x20), *range(0x7F, 0xA0), 0x2028, 0x2029]})
_WORD = re.compile(r"\w+")
_UNIT_KINDS: tuple[PassageKind, ...] = ("sentence", "paragraph", "quote")
#: Paragraph kinds whose newlines are real line breaks (a list, a table, code).
_HARD_BREAKS = {"list", "table", "code"}


def display(text: str) -> str:
    """``text`` safe to draw: control characters become spaces; the length is unchanged."""
    return text.translate(_DISPLAY)


@dataclass(slots=True)
class Item:
    """A block of the laid-out page. ``text`` is set for synthetic blocks (title, metadata,
    speaker lines, notices); otherwise the block is ``doc.text[start:end]``."""

    kind: str
    start: int
    end: int
    text: str | None = None
    level: int = 0
    quote_kind: str | None = None


class SpanIndex:
    """Spans sorted by start, answering "which overlap [a, b)" in O(log n + hits)."""

    __slots__ = ("ends", "max_len", "payload", "starts")

    def __init__(self, spans: Iterable[tuple[int, int]], payload: list[object] | None = None):
        pairs = sorted(
            ((s, e, i) for i, (s, e) in enumerate(spans) if e > s), key=lambda t: (t[0], t[1])
        )
        self.starts = [s for s, _, _ in pairs]
        self.ends = [e for _, e, _ in pairs]
        self.payload = [payload[i] if payload else None for _, _, i in pairs]
        self.max_len = max((e - s for s, e, _ in pairs), default=0)

    def __len__(self) -> int:
        return len(self.starts)

    def overlapping(self, a: int, b: int) -> Iterable[tuple[int, int, object]]:
        lo = bisect_left(self.starts, a - self.max_len)
        hi = bisect_left(self.starts, b)
        for i in range(lo, hi):
            if self.ends[i] > a:
                yield self.starts[i], self.ends[i], self.payload[i]


@dataclass
class Layout:
    """The page for one width: blocks, visual lines (as offset arrays) and cursor units."""

    width: int
    items: list[Item] = field(default_factory=list)
    line_item: array[int] = field(default_factory=lambda: array("l"))
    line_a: array[int] = field(default_factory=lambda: array("q"))
    line_b: array[int] = field(default_factory=lambda: array("q"))
    #: Visual lines that show document text: their start offsets (ascending) and line numbers.
    doc_starts: array[int] = field(default_factory=lambda: array("q"))
    doc_lines: array[int] = field(default_factory=lambda: array("l"))
    unit_starts: array[int] = field(default_factory=lambda: array("q"))
    unit_ends: array[int] = field(default_factory=lambda: array("q"))
    unit_kinds: bytearray = field(default_factory=bytearray)
    unit_items: array[int] = field(default_factory=lambda: array("l"))
    complete: bool = True
    #: Text offsets covered by this layout (for a partial layout, where it stops).
    covered: int = 0

    @property
    def height(self) -> int:
        return len(self.line_item)

    def add_line(self, item_index: int, a: int, b: int, doc_text: bool) -> None:
        if doc_text:
            self.doc_starts.append(a)
            self.doc_lines.append(len(self.line_item))
        self.line_item.append(item_index)
        self.line_a.append(a)
        self.line_b.append(b)

    def line_of(self, offset: int) -> int:
        """The visual line showing ``offset`` (or the nearest one before it)."""
        if not self.doc_starts:
            return 0
        i = bisect_right(self.doc_starts, offset) - 1
        return self.doc_lines[max(0, i)]

    def unit_at(self, offset: int) -> int:
        """Index of the unit containing ``offset`` (or the last one starting before it)."""
        if not self.unit_starts:
            return -1
        i = bisect_right(self.unit_starts, offset) - 1
        return max(0, i)


def _fit(text: str, pos: int, end: int, width: int) -> int:
    """The largest ``limit`` such that ``text[pos:limit]`` fits in ``width`` cells (>= pos+1)."""
    limit = min(end, pos + width)
    chunk = text[pos:limit]
    if chunk.isascii() or cell_len(chunk) <= width:
        return limit
    cells = 0
    i = pos
    while i < limit:
        w = get_character_cell_size(text[i])
        if cells + w > width:
            break
        cells += w
        i += 1
    return max(i, pos + 1)


def wrap(
    text: str, start: int, end: int, width: int, hard_breaks: bool = False
) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` into ``(a, b)`` offset pairs, ``width`` cells each.

    Breaks at spaces (and newlines, which show as spaces unless ``hard_breaks``); a word longer
    than the line is cut. Cost is O(lines), each step a C-level slice and ``rfind``.
    """
    width = max(1, width)
    out: list[tuple[int, int]] = []
    if hard_breaks:
        pieces: list[tuple[int, int]] = []
        pos = start
        while True:
            nl = text.find("\n", pos, end)
            if nl == -1:
                pieces.append((pos, end))
                break
            pieces.append((pos, nl))
            pos = nl + 1
    else:
        pieces = [(start, end)]
    for s, e in pieces:
        has_nl = not hard_breaks and text.find("\n", s, e) != -1
        pos = s
        if pos >= e:
            out.append((pos, pos))
            continue
        while pos < e:
            limit = _fit(text, pos, e, width)
            if limit >= e:
                out.append((pos, e))
                break
            cut = text.rfind(" ", pos + 1, limit + 1)
            if has_nl:
                cut = max(cut, text.rfind("\n", pos + 1, limit + 1))
            if cut > pos:
                out.append((pos, cut))
                pos = cut + 1
            else:
                out.append((pos, limit))
                pos = limit
            while pos < e and text[pos] in " \n":
                pos += 1
    return out


def _meta_line(doc: Document) -> str:
    parts = [p for p in (doc.date, doc.source) if p]
    parts.append(display_path(doc.path))
    return " · ".join(parts)


def _attribution(q: Quote) -> str:
    who = q.speaker or "speaker unknown"
    role = f", {q.speaker_role}" if q.speaker_role else ""
    cue = f" ({q.cue})" if q.cue else ""
    return f"— {who}{role}{cue} · {q.kind} quote"


def build_items(doc: Document, show_furniture: bool) -> list[Item]:
    """The blocks to draw, in reading order: title, metadata, headings, paragraphs, speakers."""
    items: list[Item] = [
        Item("title", 0, 0, text=doc.title.strip() or os.path.basename(doc.path) or "(untitled)"),
        Item("meta", 0, 0, text=_meta_line(doc)),
    ]
    title_span = doc.title_span
    furniture = [(s.start, s.end) for s in doc.sections if s.furniture]

    def in_furniture(a: int, b: int) -> bool:
        return any(fs <= a and b <= fe for fs, fe in furniture)

    def in_title(a: int, b: int) -> bool:
        return title_span is not None and title_span[0] <= a and b <= title_span[1]

    blocks: list[tuple[int, int, Item]] = []
    hidden = 0
    first_hidden: int | None = None
    para_starts = set()
    for p in doc.paragraphs:
        if p.end <= p.start or in_title(p.start, p.end):
            continue
        furn = p.kind == "furniture" or in_furniture(p.start, p.end)
        if furn and not show_furniture:
            hidden += 1
            first_hidden = p.start if first_hidden is None else min(first_hidden, p.start)
            continue
        para_starts.add(p.start)
        blocks.append((p.start, 1, Item("furniture" if furn else p.kind, p.start, p.end)))
    for s in doc.sections:
        if not s.title or (s.furniture and not show_furniture):
            continue
        if s.title_start is not None and s.title_end is not None:
            if s.title_start in para_starts or in_title(s.title_start, s.title_end):
                continue
            blocks.append(
                (s.title_start, 0, Item("heading", s.title_start, s.title_end, level=s.level))
            )
        elif not (s.level <= 1 and s.title.strip() == doc.title.strip()):
            blocks.append(
                (s.start, 0, Item("heading", s.start, s.start, text=s.title, level=s.level))
            )
    if hidden and first_hidden is not None:
        noun = "paragraph" if hidden == 1 else "paragraphs"
        notice = f"⋯ site furniture hidden ({hidden} {noun}); press f to show"
        blocks.append((first_hidden, 2, Item("notice", first_hidden, first_hidden, text=notice)))
    blocks.sort(key=lambda t: (t[0], t[1]))

    quotes = SpanIndex([(q.start, q.end) for q in doc.quotes], list(doc.quotes))
    for _, _, item in blocks:
        items.append(Item("blank", item.start, item.start, text=""))
        items.append(item)
        if item.text is None and item.kind not in ("heading", "code", "table") and len(quotes):
            shown = extra = 0
            for qs, _qe, q in quotes.overlapping(item.start, item.end):
                assert isinstance(q, Quote)
                # A quote over several paragraphs gets its speaker line once, at its start.
                if q.kind != "scare" and item.start <= qs < item.end:
                    if shown >= MAX_ATTRIBUTIONS:
                        extra += 1
                        continue
                    shown += 1
                    items.append(
                        Item("attribution", qs, qs, text=_attribution(q), quote_kind=q.kind)
                    )
            if extra:
                items.append(
                    Item(
                        "notice",
                        item.end,
                        item.end,
                        text=f"… and {extra:,} more quotes here (w lists them)",
                    )
                )
    if not blocks:
        empty = "This document is empty." if not doc.text.strip() else "No body text found."
        items.append(Item("blank", 0, 0, text=""))
        items.append(Item("notice", 0, 0, text=empty))
    return items


def compute_layout(
    doc: Document,
    width: int,
    show_furniture: bool,
    char_limit: int | None = None,
    cancelled: object = None,
) -> Layout:
    """Lay ``doc`` out for ``width`` cells of text. With ``char_limit``, stop after about that
    much document text (a partial layout, ``complete`` False). Pure: safe in a thread."""
    layout = Layout(width=width)
    items = build_items(doc, show_furniture)
    text = doc.text
    budget = char_limit
    units: list[tuple[int, int, int, int]] = []  # start, end, kind, item
    sent_starts = [s.start for s in doc.sentences]
    sentences = doc.sentences
    for index, item in enumerate(items):
        if cancelled is not None and getattr(cancelled, "is_cancelled", False):
            break
        layout.items.append(item)
        if item.text is not None:
            source = display(item.text)
            item.text = source
            if item.kind == "blank" or not source:
                layout.add_line(index, 0, 0, False)
                continue
            indent = 2 if item.kind == "attribution" else 0
            for a, b in wrap(source, 0, len(source), width - indent):
                layout.add_line(index, a, b, False)
            continue
        start, end = item.start, item.end
        truncated = False
        if budget is not None:
            if budget <= 0:
                layout.items.pop()
                truncated = True
                break
            if end - start > budget:
                end = start + budget
                truncated = True
            budget -= end - start
        for a, b in wrap(text, start, end, width, item.kind in _HARD_BREAKS):
            layout.add_line(index, a, b, True)
        layout.covered = max(layout.covered, end)
        # Cursor units: the sentences inside this block, or the block itself.
        lo = bisect_left(sent_starts, start)
        hi = bisect_left(sent_starts, end)
        if item.kind in ("text", "blockquote", "list") and hi > lo:
            for sent in sentences[lo:hi]:
                units.append((sent.start, min(sent.end, end), 0, index))
        else:
            units.append((start, end, 1, index))
        if truncated:
            break
    if budget is not None and (budget <= 0 or len(layout.items) < len(items)):
        layout.complete = False
        notice = Item(
            "notice",
            layout.covered,
            layout.covered,
            text=f"⋯ laying out the rest ({len(text) // 1024:,} KiB)…",
        )
        layout.items.append(notice)
        layout.add_line(len(layout.items) - 1, 0, len(notice.text or ""), False)
    _merge_quote_units(doc, units)
    for s, e, k, i in units:
        layout.unit_starts.append(s)
        layout.unit_ends.append(e)
        layout.unit_kinds.append(k)
        layout.unit_items.append(i)
    return layout


def _merge_quote_units(doc: Document, units: list[tuple[int, int, int, int]]) -> None:
    """A direct quote of up to ``MAX_QUOTE_SENTENCES`` sentences is one passage: the units it
    overlaps merge into one of kind "quote". A longer one keeps its sentences, so a note can
    be on one of them."""
    if not doc.quotes or not units:
        return
    starts = [u[0] for u in units]
    for q in sorted(
        (q for q in doc.quotes if q.kind == "direct"), key=lambda q: q.start, reverse=True
    ):
        lo = max(0, bisect_right(starts, q.start) - 1)
        hi = bisect_left(starts, q.end)
        lo_ok = [i for i in range(lo, min(hi, len(units))) if units[i][1] > q.start]
        if not lo_ok:
            continue
        first, last = lo_ok[0], lo_ok[-1]
        if units[first][3] != units[last][3] and any(units[i][2] == 1 for i in lo_ok):
            continue
        if last - first + 1 > MAX_QUOTE_SENTENCES:
            continue  # a long quotation is read (and annotated) sentence by sentence
        merged = (units[first][0], max(u[1] for u in units[first : last + 1]), 2, units[first][3])
        units[first : last + 1] = [merged]
        starts[first : last + 1] = [merged[0]]


class Reader(ScrollView, can_focus=True):
    """Shows one document; a cursor over its passages; highlight layers. See the module doc."""

    BINDINGS: ClassVar = textual_bindings("reader")
    DEFAULT_CSS = css_beside(__file__)

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title",
        "reader--meta",
        "reader--heading",
        "reader--text",
        "reader--blockquote",
        "reader--list",
        "reader--code",
        "reader--furniture",
        "reader--notice",
        "reader--attribution",
        "reader--cursor",
        "reader--selection",
        "reader--current-mark",
        "reader--quote-direct",
        "reader--quote-partial",
        "reader--quote-indirect",
        "reader--quote-scare",
        "reader--mark-entity",
        "reader--mark-search",
        "reader--mark-watch",
        "reader--mark-notes",
        *(f"reader--mark-notes-{colour}" for colour in COLOURS),
    }

    class LayoutReady(Message):
        """The layout worker finished a big document's layout (for the reader alone: a newer
        layout replaces one not yet handled, and a stale generation is dropped)."""

        bubble = False

        def __init__(self, layout: Layout, generation: int, keep: tuple[int, int] | None) -> None:
            super().__init__()
            self.layout = layout
            self.generation = generation
            self.keep = keep

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Reader.LayoutReady)

    #: Show site furniture (menus, category links) as well as the body.
    show_furniture: reactive[bool] = reactive(False)
    #: Widest line of text, in cells (long lines are hard to read on a 200-column terminal).
    measure: reactive[int] = reactive(100)

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.document: Document | None = None
        self._layout = Layout(width=0)
        self._unit = -1
        self._anchor: tuple[int, int] | None = None  # selection anchor span
        self._head: int | None = None  # selection moving end (an offset)
        self._marks: dict[str, SpanIndex] = {}
        self.active_layer: str | None = None
        self._mark_pos: int | None = None
        self._current_mark: tuple[int, int] | None = None
        self._quotes = SpanIndex([])
        self._styles: dict[str, Style] = {}
        self._cache: dict[int, Strip] = {}
        self._pending: tuple[int | None, int | None] | None = None
        self._generation = 0
        self._message = "No document open."

    # -- public API -------------------------------------------------------------------------

    def show_document(self, doc: Document) -> None:
        """Show ``doc`` from the top, cursor on its first passage; marks are cleared."""
        self.document = doc
        self._marks.clear()
        self.active_layer = None
        self._mark_pos = None
        self._current_mark = None
        self._anchor = self._head = None
        self._pending = None
        self._quotes = SpanIndex([(q.start, q.end) for q in doc.quotes], list(doc.quotes))
        self._relayout(keep=None)
        self._set_unit(0 if self._layout.unit_starts else -1, scroll=False)
        self.scroll_to(0, 0, animate=False, immediate=True)

    def show_message(self, message: str) -> None:
        """Show a one-line message instead of a document (loading, nothing to read)."""
        self.document = None
        self._message = message
        self._relayout(keep=None)

    @property
    def cursor_span(self) -> tuple[int, int]:
        """Offsets into ``doc.text`` of the selection, or of the passage under the cursor."""
        sel = self.selection
        if sel is not None:
            return sel
        lay = self._layout
        if 0 <= self._unit < len(lay.unit_starts):
            return lay.unit_starts[self._unit], lay.unit_ends[self._unit]
        return (0, 0)

    @property
    def passage_kind(self) -> PassageKind:
        """ "range" for a selection; else "sentence", "paragraph" (a heading, a list, a block
        without sentences) or "quote" (a direct quote, possibly several sentences)."""
        if self.selection is not None:
            return "range"
        lay = self._layout
        if 0 <= self._unit < len(lay.unit_kinds):
            return _UNIT_KINDS[lay.unit_kinds[self._unit]]
        return "paragraph"

    @property
    def selection(self) -> tuple[int, int] | None:
        if self._anchor is None or self._head is None:
            return None
        a0, a1 = self._anchor
        return min(a0, self._head), max(a1, self._head)

    def jump_to(self, offset: int) -> None:
        """Move the cursor to the passage holding ``offset`` and scroll it into view."""
        if self.document is None:
            return
        offset = max(0, min(offset, len(self.document.text)))
        if not self._layout.complete and offset >= self._layout.covered:
            self._pending = (offset, None)
            return
        if self._hidden(offset):
            self.show_furniture = True
        self._anchor = self._head = None
        self._set_unit(self._layout.unit_at(offset), scroll=False)
        line = self._layout.line_of(offset)
        top = self.scroll_offset.y
        height = max(1, self.scrollable_content_region.height)
        if not top <= line < top + height:
            self.scroll_to(y=max(0, line - height // 3), animate=False, immediate=True)
        self._refresh_all()

    @property
    def scroll_position(self) -> int:
        """Offset into ``doc.text`` of the first text line at (or below) the top of the view."""
        lay = self._layout
        if not lay.doc_starts or self.scroll_offset.y <= 0:
            return 0  # at the very top (title and metadata in view)
        i = bisect_left(lay.doc_lines, self.scroll_offset.y)
        if i >= len(lay.doc_starts):
            i = len(lay.doc_starts) - 1
        return lay.doc_starts[i]

    @scroll_position.setter
    def scroll_position(self, offset: int) -> None:
        if not self._layout.complete and offset >= self._layout.covered:
            cursor = self._pending[0] if self._pending else None
            self._pending = (cursor, offset)
            return
        line = self._layout.line_of(offset) if offset > 0 else 0
        self.scroll_to(y=line, animate=False, immediate=True)

    def restore_position(self, cursor: int, top: int) -> None:
        """Put the view back where the reader left it: ``top`` at the top, cursor at ``cursor``."""
        if self.document is None:
            return
        n = len(self.document.text)
        cursor, top = max(0, min(cursor, n)), max(0, min(top, n))
        if not self._layout.complete and max(cursor, top) >= self._layout.covered:
            self._pending = (cursor, top)
            return
        self._anchor = self._head = None
        self._apply_restore(cursor, top)
        # The scroll range is only known once the new virtual size is laid out: again then.
        self.call_after_refresh(self._apply_restore, cursor, top)

    def _apply_restore(self, cursor: int, top: int) -> None:
        self.scroll_position = top
        self._set_unit(self._layout.unit_at(cursor), scroll=True)

    def set_marks(self, layer: str, spans: list[tuple[int, int]]) -> None:
        """Highlight ``spans`` (offsets into ``doc.text``) on a named layer, drawn with the
        component class ``reader--mark-<layer>`` (so themes and the user's CSS reach it).
        Layers: "entity", "search", "watch", "notes-<colour>"; later layers paint over earlier
        ones. ``n``/``N`` walk the last layer set that is not "watch" or "notes…"."""
        self._marks.pop(layer, None)
        self._marks[layer] = SpanIndex(spans)
        if spans and not layer.startswith(("notes", "watch")):
            self.active_layer = layer
            self._mark_pos = None
            self._current_mark = None
        self._refresh_all()

    def clear_marks(self, layer: str) -> None:
        """Remove one highlight layer."""
        self._marks.pop(layer, None)
        if self.active_layer == layer:
            self.active_layer = next(
                (
                    name
                    for name, idx in reversed(self._marks.items())
                    if not name.startswith(("notes", "watch")) and len(idx)
                ),
                None,
            )
            self._current_mark = None
            self._mark_pos = None
        self._refresh_all()

    @property
    def current_mark(self) -> tuple[int, int] | None:
        """The hit or mention ``n``/``N`` last moved to (drawn emphasised), or None."""
        return self._current_mark

    def mark_current(self, span: tuple[int, int] | None) -> None:
        """Make ``span`` the current hit: drawn emphasised, ``n``/``N`` go on from it."""
        self._current_mark = span
        self._mark_pos = span[0] if span is not None else None
        self._refresh_all()

    def mark_spans(self, layer: str) -> list[tuple[int, int]]:
        index = self._marks.get(layer)
        return list(zip(index.starts, index.ends, strict=True)) if index else []

    def next_mark(self, direction: int = 1, layer: str | None = None) -> tuple[int, int] | None:
        """Jump to the next (``direction`` 1) or previous (-1) span of ``layer`` (default: the
        active layer) after the cursor; returns it, or ``None`` if there is none that way."""
        name = layer or self.active_layer
        if name is None or name not in self._marks:
            return None
        index = self._marks[name]
        if not len(index):
            return None
        # From the mark last stepped to while the cursor is still on it, else from the cursor.
        pos = self._mark_pos
        start, end = self.cursor_span
        if pos is None or not start <= pos < max(end, start + 1):
            pos = start - (1 if direction > 0 else 0)
        if direction > 0:
            i = bisect_right(index.starts, pos)
            if i >= len(index.starts):
                return None
        else:
            i = bisect_left(index.starts, pos) - 1
            if i < 0:
                return None
        span = (index.starts[i], index.ends[i])
        self.jump_to(span[0])
        self._mark_pos = span[0]
        self._current_mark = span
        self._refresh_all()
        return span

    # -- actions ----------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_top(self) -> None:
        self._clear_selection()
        self._set_unit(0 if self._layout.unit_starts else -1, scroll=False)
        self.scroll_to(y=0, animate=False, immediate=True)

    def action_cursor_bottom(self) -> None:
        self._clear_selection()
        self._set_unit(len(self._layout.unit_starts) - 1, scroll=False)
        self.scroll_to(y=self.max_scroll_y, animate=False, immediate=True)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def action_paragraph(self, step: int) -> None:
        lay = self._layout
        if not lay.unit_items or self._unit < 0:
            return
        item = lay.unit_items[self._unit]
        i = self._unit
        if step > 0:
            while i < len(lay.unit_items) and lay.unit_items[i] == item:
                i += 1
            if i >= len(lay.unit_items):
                return
        else:
            while i > 0 and lay.unit_items[i] == item:
                i -= 1
            prev = lay.unit_items[i]
            while i > 0 and lay.unit_items[i - 1] == prev:
                i -= 1
        self._clear_selection()
        self._set_unit(i)

    def action_extend_sentence(self, step: int) -> None:
        lay = self._layout
        if self._unit < 0:
            return
        if self._anchor is None:
            self._anchor = (lay.unit_starts[self._unit], lay.unit_ends[self._unit])
            self._head = self._anchor[1] if step > 0 else self._anchor[0]
        assert self._head is not None
        head = self._head
        if step > 0:
            i = bisect_right(lay.unit_ends, head)
            if i < len(lay.unit_ends):
                self._head = lay.unit_ends[i]
        else:
            i = bisect_left(lay.unit_starts, head) - 1
            ends_before = bisect_left(lay.unit_ends, head) - 1
            if head > self._anchor[1] and ends_before >= 0:
                self._head = max(lay.unit_ends[ends_before], self._anchor[1])
            elif i >= 0:
                self._head = lay.unit_starts[i]
        self._after_selection_change()

    def action_extend_word(self, step: int) -> None:
        if self.document is None or self._unit < 0:
            return
        text = self.document.text
        lay = self._layout
        if self._anchor is None:
            start = lay.unit_starts[self._unit]
            m = _WORD.search(text, start, lay.unit_ends[self._unit])
            if m is None:
                return
            self._anchor = (m.start(), m.end())
            self._head = m.end()
            self._after_selection_change()
            return
        assert self._head is not None
        head = self._head
        a0, a1 = self._anchor
        if step > 0 and head <= a0:
            # The selection reaches back before the anchor: give back a word at the front.
            m = _WORD.search(text, head + 1, a0 + 1)
            head = min(m.start(), a0) if m is not None else a0
            if head == a0:
                head = a1
        elif step > 0:
            m = _WORD.search(text, head, min(len(text), head + 400))
            if m is not None:
                head = m.end()
        elif head > a1:
            ends = [
                m.end() for m in _WORD.finditer(text, max(a1, head - 400), head) if m.end() < head
            ]
            head = ends[-1] if ends else a1
        else:
            if head >= a1:
                head = a0
            starts = [
                m.start()
                for m in _WORD.finditer(text, max(0, head - 400), head)
                if m.start() < head
            ]
            if starts:
                head = starts[-1]
        self._head = head
        self._after_selection_change()

    def action_clear_selection(self) -> None:
        if self._anchor is None and self._current_mark is None:
            return
        self._clear_selection()
        self._current_mark = None
        self._refresh_all()

    def action_toggle_furniture(self) -> None:
        self.show_furniture = not self.show_furniture

    # -- cursor machinery ---------------------------------------------------------------------

    def _clear_selection(self) -> None:
        self._anchor = self._head = None

    def _after_selection_change(self) -> None:
        if self._head is not None:
            self._scroll_offset_visible(self._head)
        self._refresh_all()

    def _move(self, step: int) -> None:
        self._clear_selection()
        self._mark_pos = None
        self._current_mark = None
        n = len(self._layout.unit_starts)
        if n == 0:
            self.scroll_relative(y=step, animate=False, immediate=True)
            return
        target = max(0, min(n - 1, self._unit + step))
        if target == self._unit:
            # At either end: still scroll, so the title or the last lines can be reached.
            self.scroll_relative(y=step, animate=False, immediate=True)
            return
        self._set_unit(target)

    def _page(self, step: int) -> None:
        height = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_offset.y + step * height, animate=False, immediate=True)
        lay = self._layout
        if not lay.unit_starts:
            return
        top = self.scroll_offset.y
        lo, hi = top, top + self.scrollable_content_region.height
        if step > 0 and top >= self.max_scroll_y:
            target = len(lay.unit_starts) - 1
        elif step < 0 and top <= 0:
            target = 0
        else:
            target = lay.unit_at(self.scroll_position)
            while target + 1 < len(lay.unit_starts) and lay.line_of(lay.unit_starts[target]) < lo:
                target += 1
            if not lo <= lay.line_of(lay.unit_starts[target]) < hi:
                return
        self._clear_selection()
        self._set_unit(target, scroll=False)

    def _set_unit(self, unit: int, scroll: bool = True) -> None:
        lay = self._layout
        self._unit = unit if 0 <= unit < len(lay.unit_starts) else -1
        if self._unit >= 0 and scroll:
            start, end = lay.unit_starts[self._unit], lay.unit_ends[self._unit]
            first, last = lay.line_of(start), lay.line_of(max(start, end - 1))
            top = self.scroll_offset.y
            height = max(1, self.scrollable_content_region.height)
            if first < top:
                self.scroll_to(y=first, animate=False, immediate=True)
            elif last >= top + height:
                self.scroll_to(y=min(first, last - height + 1), animate=False, immediate=True)
        self._refresh_all()

    def _scroll_offset_visible(self, offset: int) -> None:
        line = self._layout.line_of(offset)
        top = self.scroll_offset.y
        height = max(1, self.scrollable_content_region.height)
        if line < top:
            self.scroll_to(y=line, animate=False, immediate=True)
        elif line >= top + height:
            self.scroll_to(y=line - height + 1, animate=False, immediate=True)

    def _hidden(self, offset: int) -> bool:
        doc = self.document
        if doc is None or self.show_furniture:
            return False
        return any(s.furniture and s.start <= offset < s.end for s in doc.sections) or any(
            p.kind == "furniture" and p.start <= offset < p.end for p in doc.paragraphs
        )

    # -- layout --------------------------------------------------------------------------------

    def _text_width(self) -> int:
        # Always leave room for the vertical scrollbar, so its appearing never re-wraps.
        width = (self.size.width or 80) - self.styles.scrollbar_size_vertical
        return max(8, min(self.measure, width - GUTTER))

    def _relayout(self, keep: tuple[int, int] | None) -> None:
        """Lay out again (new document, width or furniture); ``keep`` = (cursor, top) offsets."""
        self._generation += 1
        self._cache.clear()
        doc = self.document
        if doc is not None and not self.size.width:
            # Not laid out on screen yet: its width is unknown, and a page wrapped for a guess
            # would be wrapped again at once. An empty, incomplete page waits for the first
            # Resize (moves asked for meanwhile wait in ``_pending``, as for a big document).
            self._install(Layout(width=0, complete=False), None)
            return
        width = self._text_width()
        if doc is None:
            lay = Layout(width=width)
            lay.items.append(Item("notice", 0, 0, text=self._message))
            lay.add_line(0, 0, len(self._message), False)
            self._install(lay, None)
            return
        if len(doc.text) <= SYNC_LAYOUT_CHARS:
            self._install(compute_layout(doc, width, self.show_furniture), keep)
            self._apply_pending()
            return
        self._install(
            compute_layout(doc, width, self.show_furniture, char_limit=PARTIAL_LAYOUT_CHARS),
            keep,
        )
        self._layout_worker(doc, width, self.show_furniture, self._generation, keep)

    # A fixed description: Textual would otherwise build one from repr() of the arguments,
    # which for a big Document costs seconds on the UI thread.
    @work(
        thread=True,
        exclusive=True,
        group="reader-layout",
        exit_on_error=False,
        description="lay out the document",
    )
    def _layout_worker(
        self,
        doc: Document,
        width: int,
        furniture: bool,
        generation: int,
        keep: tuple[int, int] | None,
    ) -> None:
        worker = get_current_worker()
        layout = compute_layout(doc, width, furniture, cancelled=worker)
        if not worker.is_cancelled:
            self.post_message(self.LayoutReady(layout, generation, keep))

    @on(LayoutReady)
    def _finish_layout(self, message: LayoutReady) -> None:
        layout, keep = message.layout, message.keep
        if message.generation != self._generation:
            return  # the document, width or furniture changed meanwhile
        cursor, top = self.cursor_span[0], self.scroll_position
        if keep is not None:
            cursor, top = keep
        self._cache.clear()
        self._install(layout, (cursor, top))
        self._apply_pending()

    def _apply_pending(self) -> None:
        """Make the move asked for while the page was incomplete (a jump, a restored place)."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        p_cursor, p_top = pending
        if p_top is None:
            if p_cursor is not None:
                self.jump_to(p_cursor)
        elif p_cursor is None:
            self.scroll_position = p_top
            # (the scroll range follows the new page's size after a refresh: again then)
            self.call_after_refresh(setattr, self, "scroll_position", p_top)
        else:
            self.restore_position(p_cursor, p_top)

    def _install(self, layout: Layout, keep: tuple[int, int] | None) -> None:
        self._layout = layout
        self._cache.clear()
        self.virtual_size = Size(layout.width + GUTTER, layout.height)
        if keep is not None and self.document is not None:
            cursor, top = keep
            self.scroll_to(y=layout.line_of(top) if top > 0 else 0, animate=False, immediate=True)
            self._unit = layout.unit_at(cursor)
            if self._anchor is not None:
                self._anchor = None
                self._head = None
        self.refresh()

    @property
    def layout_complete(self) -> bool:
        """False while a big document is still being laid out in the worker."""
        return self._layout.complete

    @property
    def line_count(self) -> int:
        return self._layout.height

    @property
    def page_width(self) -> int:
        """The width, in cells, the page is wrapped to (0 until the reader has a size)."""
        return self._layout.width

    def on_resize(self, event: events.Resize) -> None:
        if self._text_width() != self._layout.width:
            keep = (self.cursor_span[0], self.scroll_position) if self.document else None
            self._relayout(keep)

    def watch_show_furniture(self, old: bool, new: bool) -> None:
        if old != new and self.document is not None:
            self._relayout((self.cursor_span[0], self.scroll_position))

    def watch_measure(self, old: int, new: int) -> None:
        if old != new and self.is_mounted:
            self._relayout((self.cursor_span[0], self.scroll_position) if self.document else None)

    def notify_style_update(self) -> None:
        self._styles.clear()
        self._cache.clear()
        super().notify_style_update()

    def _refresh_all(self) -> None:
        self._cache.clear()
        self.refresh()

    # -- drawing -------------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        style = self._styles.get(name)
        if style is None:
            style = self.get_component_rich_style(
                f"reader--{name}", partial=False, default=Style.null()
            )
            self._styles[name] = style
        return style

    def _mark_style(self, layer: str) -> Style:
        """A highlight layer's style: only what its component class sets (a mention keeps
        its quote's colour); "notes-<colour>" falls back to "notes", anything else to reverse."""
        key = f"mark:{layer}"
        style = self._styles.get(key)
        if style is None:
            names = [layer, "notes"] if layer.startswith("notes") else [layer]
            style = Style(reverse=True)
            for name in names:
                if f"reader--mark-{name}" in self.COMPONENT_CLASSES:
                    style = self.get_component_rich_style(f"reader--mark-{name}", partial=True)
                    break
            self._styles[key] = style
        return style

    def _base_style(self) -> Style:
        """The reader's own style (colours from its ancestors): computed once per style change,
        not once a line (Textual walks every ancestor for it)."""
        style = self._styles.get("")
        if style is None:
            style = self._styles[""] = self.rich_style
        return style

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self._base_style()
        strip = self._cache.get(index)
        if strip is None:
            if index >= self._layout.height:
                return Strip.blank(width, base)
            strip = self._render_strip(index, base)
            if len(self._cache) > 2000:
                self._cache.clear()
            self._cache[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base)

    def _render_strip(self, index: int, base: Style) -> Strip:
        lay = self._layout
        item = lay.items[lay.line_item[index]]
        a, b = lay.line_a[index], lay.line_b[index]
        gutter = Text("  ")
        if item.text is not None:
            line = Text(item.text[a:b], style=self._style(item.kind), no_wrap=True, end="")
            if item.kind == "attribution":
                line = Text.assemble("  ", line, no_wrap=True, end="")
                gutter = Text("▌ ", style=self._style(f"quote-{item.quote_kind}"))
        else:
            assert self.document is not None
            line = Text(
                display(self.document.text[a:b]), style=self._style(item.kind), no_wrap=True, end=""
            )
            for qs, qe, q in self._quotes.overlapping(a, max(b, a + 1)):
                assert isinstance(q, Quote)
                style = self._style(f"quote-{q.kind}")
                line.stylize(style, max(qs, a) - a, min(qe, b) - a)
                if q.kind != "scare":
                    gutter = Text("▌ ", style=style)
            if item.kind == "blockquote" and gutter.plain == "  ":
                gutter = Text("│ ", style=self._style("blockquote"))
            for name, spans in self._marks.items():
                style = self._mark_style(name)
                for ms, me, _ in spans.overlapping(a, b):
                    line.stylize(style, max(ms, a) - a, min(me, b) - a)
            if self._current_mark is not None:
                ms, me = self._current_mark
                if ms < b and me > a:
                    line.stylize(self._style("current-mark"), max(ms, a) - a, min(me, b) - a)
            sel = self.selection
            if sel is None and 0 <= self._unit < len(lay.unit_starts):
                cs, ce = lay.unit_starts[self._unit], lay.unit_ends[self._unit]
                cursor_style = self._style("cursor")
            elif sel is not None:
                cs, ce = sel
                cursor_style = self._style("selection")
            else:
                cs = ce = -1
                cursor_style = Style.null()
            if cs < b and ce > a:
                line.stylize(cursor_style, max(cs, a) - a, min(ce, b) - a)
        full = Text.assemble(gutter, line, no_wrap=True, end="")
        full.stylize_before(base)
        segments = list(full.render(self.app.console))
        return Strip(segments, Segment.get_line_length(segments))

    def on_click(self, event: events.Click) -> None:
        """Clicking a line puts the cursor on the passage there."""
        lay = self._layout
        index = self.scroll_offset.y + event.y
        if not 0 <= index < lay.height or not lay.unit_starts:
            return
        item = lay.items[lay.line_item[index]]
        if item.text is not None:
            return
        a, b = lay.line_a[index], lay.line_b[index]
        offset = min(b, a + max(0, event.x - GUTTER + self.scroll_offset.x))
        self._clear_selection()
        self._set_unit(lay.unit_at(offset), scroll=False)
