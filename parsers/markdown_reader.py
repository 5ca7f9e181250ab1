"""Markdown through markdown-it-py, rendered to plain text with offsets.

``Document.text`` for Markdown is the rendered prose, not the source: markup (``#``, ``**``,
``>``, link targets) is gone, list items are lines ``• item`` (``1. item`` when ordered, nested
items indented two spaces a level), table rows are cells joined by ``" | "``, code is kept
verbatim, blocks are separated by a blank line. Quotes, entities and search then see clean
prose, and every offset indexes this rendered text.

- Front matter (``---`` ... ``---`` with ``key: value`` lines) gives ``title``, ``date``
  (normalised to ISO when it parses) and ``source`` (or ``publisher``/``outlet``/``site``).
- A leading ``#`` heading is the title when front matter names none (or names the same).
- Headings become nested sections; block quotes paragraphs of kind ``blockquote``; a whole list
  one paragraph of kind ``list``; a table one of kind ``table``; code of kind ``code``.
- Markdown nested deeper than :data:`MAX_DEPTH` (a thousand ``>``) is read as plain text with a
  warning: markdown-it would silently drop what lies beyond its nesting limit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

from parsers.dates import parse_date
from parsers.model import Document, Paragraph, Section
from parsers.plaintext import _clip_title, _fallback_title, read_plaintext, source_from_text

Kind = Literal["text", "heading", "blockquote", "list", "table", "code", "furniture"]

#: Container nesting (block quotes, lists) beyond which the source is read as plain text.
MAX_DEPTH = 24
_DEEP = re.compile(
    r"^(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))){" + str(MAX_DEPTH) + r"}"
    r"|^[ \t]{" + str(MAX_DEPTH * 4) + r",}(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))",
    re.MULTILINE,
)
#: Brackets (links, images) or table cells in one block beyond which markdown-it slows badly.
MAX_MARKERS = 2000
MAX_CELLS = 500
#: Longer Markdown is read as plain text: markdown-it-py reads about 30,000 lines a second here.
MAX_LINES = 100_000
_LONG_TABLE_LINE = re.compile(r"^[^\n]{" + str(2 * MAX_CELLS) + r",}$", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_SOURCE_KEYS = ("source", "publisher", "outlet", "site", "site_name", "publication")
_DATE_KEYS = ("date", "published", "pubdate", "publish_date", "created")

_MD = MarkdownIt("commonmark", {"html": False, "maxNesting": 4 * MAX_DEPTH + 20}).enable(
    ["table", "strikethrough"]
)


def read_markdown(text: str, path: str) -> Document:
    """Render Markdown to plain text and find its title, metadata, sections and paragraphs."""
    meta, body = _front_matter(text)
    problem = _too_complex(body)
    doc: Document | None = None
    if problem is None:
        try:
            doc = _render(_MD.parse(body), path, meta)
        except RecursionError:
            problem = "Markdown nested too deeply"
    if doc is None:
        doc = read_plaintext(body, path)
        doc.warnings.append(f"{problem}: shown as plain text")
        _apply_meta(doc, meta)
    doc.format = "markdown"
    return doc


def _too_complex(body: str) -> str | None:
    """Why markdown-it would lose text or take too long on ``body``, or None.

    Nesting past :data:`MAX_DEPTH` is dropped by markdown-it's nesting limit; thousands of
    brackets or table cells in one block make its inline and table rules quadratic.
    """
    if body.count("\n") > MAX_LINES:
        return f"Markdown of more than {MAX_LINES:,} lines"
    if _DEEP.search(body) is not None:
        return f"Markdown nested more than {MAX_DEPTH} levels deep"
    counts = (body.count("["), body.count("<"), body.count("*") + body.count("_"))
    if max(counts) > MAX_MARKERS:
        for block in _BLANK_LINE.split(body):
            if max(block.count("["), block.count("<")) > MAX_MARKERS:
                return "Markdown with thousands of brackets in one block"
            if block.count("*") + block.count("_") > 4 * MAX_MARKERS:
                return "Markdown with thousands of emphasis marks in one block"
    for line in _LONG_TABLE_LINE.findall(body):
        if line.count("|") > MAX_CELLS:
            return "Markdown table too wide"
    return None


# -- front matter -------------------------------------------------------------------------------


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` pairs of a leading ``---`` block, and the text after it."""
    if not text.startswith("---"):
        return {}, text
    first_nl = text.find("\n")
    if first_nl < 0 or text[:first_nl].strip() != "---":
        return {}, text
    meta: dict[str, str] = {}
    pos = first_nl + 1
    for _ in range(200):
        nl = text.find("\n", pos)
        line = text[pos:] if nl < 0 else text[pos:nl]
        if line.strip() in ("---", "..."):
            return meta, ("" if nl < 0 else text[nl + 1 :])
        m = _FRONT_KEY.match(line)
        if m and m.group(2):
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = _unquote(value)
            meta.setdefault(m.group(1).lower(), value.strip())
        if nl < 0:
            break
        pos = nl + 1
    return {}, text  # not closed: an ordinary rule and text


def _unquote(value: str) -> str:
    """A quoted front-matter value; double quotes may hold JSON/YAML escapes (``\\"``)."""
    if value[0] == '"' and "\\" in value:
        try:
            loaded = json.loads(value)
        except ValueError:
            loaded = None
        if isinstance(loaded, str):
            return loaded
    return value[1:-1]


def _apply_meta(doc: Document, meta: dict[str, str]) -> None:
    if meta.get("title"):
        doc.title = meta["title"]
    for key in _DATE_KEYS:
        if meta.get(key):
            doc.date = parse_date(meta[key]) or meta[key]
            break
    for key in _SOURCE_KEYS:
        if meta.get(key):
            doc.source = meta[key]
            break


# -- rendering ----------------------------------------------------------------------------------


class _Writer:
    """Accumulates the rendered text; each block starts after a blank line."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def block(self) -> None:
        if self.pos:
            self.write("\n\n")

    def write(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def text(self) -> str:
        return "".join(self.parts)


def _inline(token: Token) -> str:
    """Plain text of an inline token: markup dropped, link text kept, images by their alt."""
    out: list[str] = []
    stack: list[Sequence[Token]] = [token.children or []]
    index = [0]
    while stack:
        children = stack[-1]
        k = index[-1]
        if k >= len(children):
            stack.pop()
            index.pop()
            continue
        index[-1] = k + 1
        child = children[k]
        if child.type in ("text", "text_special", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append(" ")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "image" and child.children:
            stack.append(child.children)
            index.append(0)
    return "".join(out)


def _render(tokens: list[Token], path: str, meta: dict[str, str]) -> Document:
    w = _Writer()
    paragraphs: list[Paragraph] = []
    headings: list[tuple[int, int]] = []  # level, start
    title_span: tuple[int, int] | None = None
    heading_level = 0
    in_cell = False

    quote_depth = 0
    lists: list[list[int]] = []  # per open list: [ordered?, next number]
    unit_start: int | None = None  # start of the list paragraph being written
    item_fresh = False  # next paragraph in a list item starts its line with a marker
    row_cells: list[str] = []
    rows: list[str] = []

    def add(start: int, kind: Kind) -> None:
        paragraphs.append(Paragraph(start, w.pos, kind))

    def begin_list() -> None:
        nonlocal unit_start
        w.block()
        unit_start = w.pos

    def leaf(content: str, kind: Kind) -> None:
        """A block of its own, or a line of the list being written."""
        nonlocal item_fresh
        content = content.strip()
        if unit_start is not None:
            depth = max(0, len(lists) - 1)
            if item_fresh:
                marker = "• "
                if lists and lists[-1][0]:
                    marker = f"{lists[-1][1]}. "
                    lists[-1][1] += 1
                prefix = "  " * depth + marker
                item_fresh = False
            else:
                prefix = "  " * depth + "  "
            if w.pos > unit_start:
                w.write("\n")
            lines = content.split("\n") if content else [""]
            w.write(prefix + lines[0])
            for line in lines[1:]:
                w.write("\n" + " " * len(prefix) + line)
            return
        if not content:
            return
        w.block()
        start = w.pos
        w.write(content)
        add(start, kind)

    i = 0
    n = len(tokens)
    while i < n:
        t = tokens[i]
        typ = t.type
        if typ == "blockquote_open":
            quote_depth += 1
        elif typ == "blockquote_close":
            quote_depth -= 1
        elif typ in ("bullet_list_open", "ordered_list_open"):
            if unit_start is None:
                begin_list()
            start_at = t.attrs.get("start", 1) if t.attrs else 1
            lists.append([1 if typ == "ordered_list_open" else 0, int(start_at)])
        elif typ in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists and unit_start is not None:
                _close_unit(w, paragraphs, unit_start, "list")
                unit_start = None
        elif typ == "list_item_open":
            item_fresh = True
        elif typ == "list_item_close":
            if item_fresh:  # an empty item still shows its marker
                leaf("", "list")
        elif typ == "heading_open":
            heading_level = int(t.tag[1:]) if t.tag[1:].isdigit() else 1
        elif typ == "heading_close":
            heading_level = 0
        elif typ == "inline" and in_cell:
            row_cells.append(" ".join(_inline(t).split()))
        elif typ == "inline" and heading_level:
            content = _inline(t).strip()
            if unit_start is None and quote_depth == 0 and content:
                w.block()
                start = w.pos
                w.write(content)
                if (
                    not paragraphs
                    and title_span is None
                    and heading_level == 1
                    and (not meta.get("title") or meta["title"].strip() == content)
                ):
                    title_span = (start, w.pos)
                else:
                    add(start, "heading")
                    headings.append((heading_level, start))
            else:
                leaf(content, "blockquote" if quote_depth and unit_start is None else "text")
        elif typ == "inline":
            leaf(_inline(t), "blockquote" if quote_depth else "text")
        elif typ in ("fence", "code_block"):
            leaf(t.content.rstrip("\n"), "code")
        elif typ == "table_open":
            rows = []
        elif typ in ("th_open", "td_open"):
            in_cell = True
        elif typ in ("th_close", "td_close"):
            in_cell = False
        elif typ == "tr_close":
            rows.append(" | ".join(row_cells))
            row_cells = []
        elif typ == "table_close":
            leaf("\n".join(rows), "table")
            rows = []
        i += 1

    text = w.text()
    doc = Document(path=path, title="", text=text)
    doc.paragraphs = [_stripped(text, p) for p in paragraphs]
    doc.paragraphs = [p for p in doc.paragraphs if p.start < p.end]
    _apply_meta(doc, meta)
    if title_span is not None:
        doc.title_span = title_span
        if not doc.title:
            doc.title = text[title_span[0] : title_span[1]]
    if not doc.title:
        first = next((p for p in doc.paragraphs if p.kind in ("text", "blockquote")), None)
        if first is None:
            first = doc.paragraphs[0] if doc.paragraphs else None
        doc.title = _clip_title(text, first.start, first.end) if first else _fallback_title(path)
    if not text.strip():
        doc.warnings.append("empty document")
    if doc.source is None:
        body = [p for p in doc.paragraphs if p.kind == "text"]
        for p in (*body[:2], *body[-1:]):
            found = source_from_text(text[p.start : p.end])
            if found:
                doc.source = found
                break
    doc.sections = _sections(text, doc.paragraphs, title_span, headings)
    return doc


def _close_unit(w: _Writer, paragraphs: list[Paragraph], start: int, kind: Kind) -> None:
    if w.pos > start:
        paragraphs.append(Paragraph(start, w.pos, kind))


def _stripped(text: str, p: Paragraph) -> Paragraph:
    s, e = p.start, p.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Paragraph(s, e, p.kind)


def _sections(
    text: str,
    paragraphs: list[Paragraph],
    title_span: tuple[int, int] | None,
    headings: list[tuple[int, int]],
) -> list[Section]:
    """Nested sections: the title's, then one per heading, levels compacted to 1, 2, 3..."""
    sections: list[Section] = []
    stack: list[Section] = []
    base = 1
    if title_span is not None:
        root = Section(
            text[title_span[0] : title_span[1]],
            1,
            title_span[0],
            title_span[1],
            title_start=title_span[0],
            title_end=title_span[1],
        )
        sections.append(root)
        stack.append(root)
        base = 2
    used = sorted({h[0] for h in headings})
    rank = {lvl: k for k, lvl in enumerate(used)}
    by_start = {h[1]: h for h in headings}
    for p in paragraphs:
        h = by_start.get(p.start) if p.kind == "heading" else None
        if h is not None:
            level = base + rank[h[0]]
            while stack and stack[-1].level >= level:
                stack.pop()
            sec = Section(
                text[p.start : p.end], level, p.start, p.end, title_start=p.start, title_end=p.end
            )
            sections.append(sec)
            stack.append(sec)
        elif not stack:
            lead = Section(None, 1, p.start, p.end)
            sections.append(lead)
            stack.append(lead)
        for sec in stack:
            if p.end > sec.end:
                sec.end = p.end
    return sections
