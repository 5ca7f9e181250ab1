"""Web pages (saved ``.html``/``.htm``) through trafilatura: the main text and its metadata.

trafilatura finds the article in the page and drops navigation, related links, cookie banners
and footers; it hands back an XML tree of the main text, which is walked here into blocks:
``head`` → headings (sections), ``p`` → paragraphs, ``list`` → one list paragraph of ``• item``
lines, ``table`` → rows of cells joined by ``" | "``, ``quote`` → block quotes, ``code`` →
code. Readers' comments under an article are kept as ``furniture`` (in the text, not shown).
Links are plain text (no targets kept), scripts and styles never reach the text. Title, date,
author and site name come from the page's metadata.
"""

from __future__ import annotations

import os
from typing import Any

from parsers.blocks import Block, Kind, build_document
from parsers.dates import parse_date
from parsers.model import Document, ParseError

#: Larger pages are refused: trafilatura builds the whole tree in memory (about 10x the bytes)
#: and no saved article needs this much.
MAX_HTML_BYTES = 16 * 1024 * 1024

_BLOCK_TAGS: dict[str, Kind] = {
    "p": "text",
    "head": "heading",
    "list": "list",
    "table": "table",
    "quote": "blockquote",
    "code": "code",
}


def read_html(data: bytes | str, path: str) -> Document:
    """The main text of a web page as a :class:`Document` (format ``html``)."""
    blocks, meta = html_blocks(data)
    date = parse_date(meta["date"]) if meta.get("date") else None
    doc = build_document(
        path,
        "html",
        blocks,
        title=meta.get("title") or None,
        date=date or meta.get("date") or None,
        source=meta.get("sitename") or meta.get("hostname") or None,
        author=meta.get("author") or None,
        fallback_title=_stem(path),
    )
    if not any(p.kind != "furniture" for p in doc.paragraphs):
        doc.warnings.append("no main text found in this web page")
    return doc


def html_blocks(data: bytes | str) -> tuple[list[Block], dict[str, Any]]:
    """The page's main text as blocks, and its metadata (title, date, author, sitename,
    hostname; any may be None). Comments under the article come last, as furniture."""
    size = len(data)
    if size > MAX_HTML_BYTES:
        raise ParseError(
            f"web page too large ({size // (1024 * 1024)} MiB; limit "
            f"{MAX_HTML_BYTES // (1024 * 1024)} MiB)"
        )
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            data,
            with_metadata=True,
            include_comments=True,
            include_tables=True,
            include_links=False,
            include_images=False,
        )
    except Exception as exc:  # trafilatura and lxml raise many kinds on broken input
        raise ParseError(f"unreadable web page ({type(exc).__name__})") from None
    blocks: list[Block] = []
    meta: dict[str, Any] = {}
    if result is not None:
        for name in ("title", "date", "author", "sitename", "hostname"):
            value = getattr(result, name, None)
            meta[name] = str(value) if value else None
        body = getattr(result, "body", None)
        if body is not None:
            blocks.extend(_blocks(body))
        comments = getattr(result, "commentsbody", None)
        if comments is not None:
            blocks.extend(Block("furniture", b.text) for b in _blocks(comments))
    if not any(b.kind != "furniture" for b in blocks):
        blocks[:0] = _baseline(data)
    return blocks, meta


def _baseline(data: bytes | str) -> list[Block]:
    """trafilatura's own last resort when it finds no article (a short page, one huge
    paragraph): the page's paragraphs, scripts and styles still dropped."""
    import trafilatura

    try:
        _, text, _ = trafilatura.baseline(data)
    except Exception:
        return []
    return [Block("text", line) for line in str(text).split("\n") if line.strip()]


def _stem(path: str) -> str:
    name = os.path.basename(path.split("#", 1)[0])
    return os.path.splitext(name)[0] or "Untitled"


def _blocks(body: Any) -> list[Block]:
    """Top-level elements of trafilatura's XML tree as blocks."""
    out: list[Block] = []
    for el in body:
        tag = el.tag if isinstance(el.tag, str) else ""
        kind = _BLOCK_TAGS.get(tag)
        if kind == "heading":
            rend = str(el.get("rend") or "h2")
            level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
            out.append(Block("heading", _text(el).replace("\n", " "), level))
        elif kind == "list":
            out.append(Block("list", "\n".join(_items(el, 0))))
        elif kind == "table":
            out.append(Block("table", _table(el)))
        elif kind is not None:
            out.append(Block(kind, _text(el)))
        elif tag in ("graphic", "lb"):
            continue
        else:
            text = _text(el)
            if text.strip():
                out.append(Block("text", text))
        if tag != "lb" and el.tail and el.tail.strip() and kind is None:
            out.append(Block("text", el.tail))
    return out


def _text(el: Any) -> str:
    """An element's text with ``lb`` as a line break and nothing of its markup."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


def _items(lst: Any, depth: int) -> list[str]:
    lines: list[str] = []
    for item in lst:
        if item.tag != "item":
            continue
        nested = [c for c in item if c.tag == "list"]
        for c in nested:
            item.remove(c)
        text = " ".join(_text(item).split())
        if text:
            lines.append("  " * depth + "• " + text)
        for c in nested:
            lines.extend(_items(c, depth + 1))
    return lines


def _table(table: Any) -> str:
    rows: list[str] = []
    for row in table.iter("row"):
        cells = [" ".join(_text(c).split()) for c in row if c.tag == "cell"]
        if any(cells):
            rows.append(" | ".join(cells))
    return "\n".join(rows)
