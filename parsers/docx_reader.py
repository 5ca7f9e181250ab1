"""Word documents (``.docx``) through python-docx.

The body is read in order, paragraphs and tables alike: the ``Title`` style gives the title,
``Heading N`` styles nested sections, list paragraphs (``List ...`` styles or numbering) one
list paragraph of ``• item`` lines, tables rows of cells joined by ``" | "``, ``Quote`` styles
block quotes. Comments live outside the body and are never read; tracked changes show the text
as it stands (deletions are not text, insertions are). Title, author and date also come from
the document's properties.

A .docx is a zip: its entries' uncompressed sizes are checked before anything is read, so a
zip bomb is refused in a line instead of filling memory.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from typing import Any

from parsers.blocks import Block, build_document
from parsers.model import Document, ParseError

#: Refuse a .docx whose entries would unpack to more than this, or compress this much better.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_ENTRIES = 10_000

_HEADING = re.compile(r"^heading\s*(\d)$", re.I)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def check_zip(data: bytes) -> None:
    """Refuse archives that would unpack too large (zip bombs) or are not zips at all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ParseError(f"damaged Word document (not a readable zip: {exc})") from None
    if len(infos) > MAX_ENTRIES:
        raise ParseError(f"refused Word document: {len(infos):,} zip entries (a zip bomb?)")
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNPACKED_BYTES or (total > 10 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise ParseError(
            f"refused Word document: it would unpack to {total // (1024 * 1024):,} MiB "
            f"from {len(data) // 1024:,} KiB (a zip bomb?)"
        )


def read_docx(data: bytes, path: str) -> Document:
    """A Word document's text as a :class:`Document` (format ``docx``)."""
    check_zip(data)
    import docx

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors, ...
        raise ParseError(f"damaged Word document ({type(exc).__name__})") from None
    blocks: list[Block] = []
    title: str | None = None
    items: list[str] = []

    def flush_list() -> None:
        if items:
            blocks.append(Block("list", "\n".join(items)))
            items.clear()

    from docx.table import Table
    from docx.text.paragraph import Paragraph as DocxParagraph

    for child in d.element.body.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            para = DocxParagraph(child, d)
            text = para.text
            style = _style(para)
            if not text.strip():
                continue
            m = _HEADING.match(style)
            if style.lower() == "title" and title is None:
                flush_list()
                title = text
            elif m:
                flush_list()
                blocks.append(Block("heading", text, int(m.group(1))))
            elif _is_list(para, style):
                depth = _depth(para)
                items.append("  " * depth + "• " + " ".join(text.split()))
            else:
                flush_list()
                quote = "quote" in style.lower()
                blocks.append(Block("blockquote" if quote else "text", text))
        elif tag == _W + "tbl":
            flush_list()
            rows = []
            for row in Table(child, d).rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if not cells or cells[-1] != value:  # merged cells repeat
                        cells.append(value)
                if any(cells):
                    rows.append(" | ".join(cells))
            if rows:
                blocks.append(Block("table", "\n".join(rows)))
    flush_list()

    props = d.core_properties
    if title is None and props.title:
        title = props.title
    date = props.created.date().isoformat() if props.created else None
    return build_document(
        path,
        "docx",
        blocks,
        title=title,
        date=date,
        author=props.author or None,
        fallback_title=os.path.splitext(os.path.basename(path.split("#", 1)[0]))[0] or "Untitled",
    )


def _style(para: Any) -> str:
    try:
        style = para.style
        return str(style.name) if style is not None and style.name else ""
    except (KeyError, ValueError, AttributeError):
        return ""


def _is_list(para: Any, style: str) -> bool:
    if style.lower().startswith("list"):
        return True
    ppr = para._p.pPr
    return ppr is not None and ppr.numPr is not None


def _depth(para: Any) -> int:
    ppr = para._p.pPr
    if ppr is None or ppr.numPr is None or ppr.numPr.ilvl is None:
        return 0
    try:
        return min(8, int(ppr.numPr.ilvl.val))
    except (TypeError, ValueError):
        return 0
