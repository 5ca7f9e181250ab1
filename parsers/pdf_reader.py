"""PDF reports through pypdfium2 (PDFium, Apache/BSD): text laid out the way a reader expects.

PDF has no paragraphs, only lines placed on pages. From PDFium's lines, with each line's box,
font size and weight:

- running headers and footers go: lines in the top or bottom margin whose text (digits
  ignored) repeats on at least half the pages, and bare page numbers ("7", "Page 7 of 20",
  "- 7 -", "vii") anywhere in the margins;
- two-column pages are read column by column (lines that fit in the left or right half);
- lines are joined into paragraphs at vertical gaps, and across page breaks when the paragraph
  has not ended its sentence; a word hyphenated at a line end is rejoined;
- the title is the largest type on the first page (or the document's metadata title, when it
  is not a file name or a word processor's placeholder); larger or bold short lines are
  headings, levelled by size, and become sections; bulleted and numbered lines are lists.

Encrypted, damaged and image-only files raise :class:`ParseError` with one line saying which.
"""

from __future__ import annotations

import ctypes
import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from parsers.blocks import Block, Kind, build_document
from parsers.dates import parse_date
from parsers.model import Document, ParseError

#: Pages beyond this are not read (with a warning): a 2,000-page file still opens in seconds.
MAX_PDF_PAGES = 400

_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:(?:page|p\.|seite|pág\.?)\s*)?(?:\d{1,5}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:of|/|von|de)\s*\d{1,5})?[\W_]*$",
    re.I,
)
_BULLET = re.compile(r"^(?:[•◦▪▫●○■□‣⁃∙·\-–—*]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]\s*$")
_BAD_META_TITLE = re.compile(
    r"^(?:untitled|document\d*|microsoft word\b.*|.*\.(?:docx?|pdf|rtf|odt|indd|tex))$", re.I
)
_HYPHENS = ("-", "\xad", "\x02", "\u2010")


@dataclass(slots=True)
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    page: int


def read_pdf(data: bytes, path: str) -> Document:
    """A PDF's text as a :class:`Document` (format ``pdf``)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise ParseError("encrypted PDF (a password is needed to open it)") from None
        raise ParseError(f"damaged or unreadable PDF document ({_reason(exc)})") from None
    try:
        return _read(pdf, path)
    finally:
        pdf.close()


def _reason(exc: Exception) -> str:
    text = str(exc).split("\n", 1)[0]
    return text[:120] or type(exc).__name__


def _read(pdf: object, path: str) -> Document:
    import pypdfium2 as pdfium

    assert isinstance(pdf, pdfium.PdfDocument)
    total = len(pdf)
    warnings: list[str] = []
    if total == 0:
        raise ParseError("damaged or unreadable PDF document (no pages)")
    count = min(total, MAX_PDF_PAGES)
    if total > count:
        warnings.append(f"long PDF: the first {count:,} of {total:,} pages are read")
    pages: list[list[_Line]] = []
    sizes: list[tuple[float, float]] = []  # (width, height)
    chars = 0
    for i in range(count):
        try:
            page = pdf[i]
        except pdfium.PdfiumError as exc:
            raise ParseError(f"damaged PDF document (page {i + 1}: {_reason(exc)})") from None
        try:
            width, height = page.get_size()
            tp = page.get_textpage()
            try:
                n = tp.count_chars()
                chars += n
                lines = _lines(tp, n, i, width if _two_columns(tp, width) else 0.0) if n else []
            finally:
                tp.close()
        finally:
            page.close()
        sizes.append((width, height))
        pages.append(_columns(lines, width))
    if chars == 0:
        raise ParseError("image-only PDF: no text layer; OCR it first")
    meta = _metadata(pdf)
    _drop_running(pages, sizes)
    doc = _layout(pages, meta, path)
    doc.warnings.extend(warnings)
    return doc


def _metadata(pdf: object) -> dict[str, str]:
    try:
        raw = pdf.get_metadata_dict(skip_empty=True)  # type: ignore[attr-defined]
    except Exception:
        return {}
    return {k: " ".join(str(v).split()) for k, v in raw.items() if v}


def _two_columns(tp: object, width: float) -> bool:
    """Whether PDFium's text rectangles suggest two columns (segments that fit each half)."""
    mid, slack = width / 2, width * 0.03
    left = right = 0
    for k in range(tp.count_rects()):  # type: ignore[attr-defined]
        x0, _, x1, _ = tp.get_rect(k)  # type: ignore[attr-defined]
        left += x1 <= mid + slack and x1 - x0 > width * 0.15
        right += x0 >= mid - slack and x1 - x0 > width * 0.15
    return left >= 3 and right >= 3


def _split_at_gutter(tp: object, text: str, first: int, last: int, width: float) -> int | None:
    """On a two-column page, where a line PDFium merged across the gutter splits (the index of
    the right half's first character), or None."""
    mid = width / 2
    prev_right: float | None = None
    best: tuple[float, int] | None = None
    for k in range(first, last + 1):
        if text[k].isspace():
            continue
        left, _, right, _ = tp.get_charbox(k)  # type: ignore[attr-defined]
        if prev_right is not None and prev_right < mid + width * 0.05 and left > mid - width * 0.05:
            gap = left - prev_right
            if best is None or gap > best[0]:
                best = (gap, k)
        prev_right = right
    if best is not None and best[0] >= width * 0.025:
        return best[1]
    return None


def _lines(tp: object, n: int, page_no: int, split_width: float = 0.0) -> list[_Line]:
    """The page's lines, as PDFium orders them, with box, size and weight of each.

    ``split_width``: the page width when it has two columns (lines merged across the gutter
    are split in two), else 0."""

    text = tp.get_text_range(0, n)  # type: ignore[attr-defined]
    handle = tp.raw  # type: ignore[attr-defined]
    out: list[_Line] = []
    pos = 0
    name_buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int(0)
    aligned = len(text) == n
    for chunk in text.split("\n"):
        line = chunk.rstrip("\r")
        start = pos
        pos += len(chunk) + 1
        stripped = line.strip()
        if "\ufffe" in stripped:  # PDFium's mark for a hyphen it has already rejoined
            stripped = stripped.replace("\ufffe", "")
        if not stripped:
            continue
        first = start + (len(line) - len(line.lstrip()))
        last = start + len(line.rstrip()) - 1
        if not aligned:  # surrogate pairs shifted the indices: no geometry for this page
            out.append(_Line(stripped, 0, 0, 0, 0, 0, False, page_no))
            continue
        cut = _split_at_gutter(tp, text, first, last, split_width) if split_width else None
        spans = [(first, last)] if cut is None else [(first, cut - 1), (cut, last)]
        for a, z in spans:
            while a < z and text[a].isspace():
                a += 1
            while z > a and text[z].isspace():
                z -= 1
            piece = text[a : z + 1].strip().replace("\ufffe", "")
            if piece:
                out.append(_line_at(tp, handle, a, z, piece, page_no, name_buf, flags))
    return out


def _line_at(
    tp: object,
    handle: object,
    first: int,
    last: int,
    stripped: str,
    page_no: int,
    name_buf: ctypes.Array[ctypes.c_char],
    flags: ctypes.c_int,
) -> _Line:
    import pypdfium2.raw as raw

    left, bottom, _, top = tp.get_charbox(first, loose=True)  # type: ignore[attr-defined]
    _, b2, right, t2 = tp.get_charbox(last, loose=True)  # type: ignore[attr-defined]
    size = float(raw.FPDFText_GetFontSize(handle, first))
    weight = int(raw.FPDFText_GetFontWeight(handle, first))
    bold = weight >= 600
    if not bold:
        got = raw.FPDFText_GetFontInfo(handle, first, name_buf, 128, ctypes.byref(flags))
        if got:
            name = name_buf.value.decode("latin-1", "replace").lower()
            bold = "bold" in name or "black" in name or "heavy" in name
    return _Line(
        stripped,
        float(left),
        float(right),
        float(max(top, t2)),
        float(min(bottom, b2)),
        round(size, 1),
        bold,
        page_no,
    )


def _columns(lines: list[_Line], width: float) -> list[_Line]:
    """Two-column pages read left column, then right; full-width lines keep their place."""
    if len(lines) < 6 or width <= 0:
        return lines
    mid = width / 2
    left = [ln for ln in lines if ln.x1 <= mid + width * 0.03]
    right = [ln for ln in lines if ln.x0 >= mid - width * 0.03]
    if len(left) < 3 or len(right) < 3 or len(left) + len(right) < 0.6 * len(lines):
        return lines
    col_top = max(ln.top for ln in left + right)
    col_bottom = min(ln.bottom for ln in left + right)
    lset = {id(ln) for ln in left}
    rset = {id(ln) for ln in right}
    above = [ln for ln in lines if id(ln) not in lset | rset and ln.bottom >= col_top]
    below = [ln for ln in lines if id(ln) not in lset | rset and ln.bottom < col_top]
    del col_bottom

    def by_y(group: list[_Line]) -> list[_Line]:
        return sorted(group, key=lambda ln: -ln.top)

    return by_y(above) + by_y(left) + by_y(right) + by_y(below)


def _drop_running(pages: list[list[_Line]], sizes: list[tuple[float, float]]) -> None:
    """Remove running headers, footers and page numbers, in place."""

    def key(text: str) -> str:
        return re.sub(r"\d+", "#", " ".join(text.lower().split()))

    def in_margin(ln: _Line, height: float) -> bool:
        return height > 0 and (ln.top >= height * 0.925 or ln.bottom <= height * 0.075)

    seen: Counter[str] = Counter()
    for lines, (_, height) in zip(pages, sizes, strict=True):
        seen.update({key(ln.text) for ln in lines if in_margin(ln, height)})
    running = {k for k, c in seen.items() if len(pages) >= 2 and c >= max(2, len(pages) / 2)}
    for i, (lines, (_, height)) in enumerate(zip(pages, sizes, strict=True)):
        kept: list[_Line] = []
        for j, ln in enumerate(lines):
            margin = in_margin(ln, height) or (height <= 0 and (j == 0 or j == len(lines) - 1))
            if margin and (key(ln.text) in running or _PAGE_NUMBER.match(ln.text)):
                continue
            kept.append(ln)
        pages[i] = kept


def _layout(pages: list[list[_Line]], meta: dict[str, str], path: str) -> Document:
    lines = [ln for page in pages for ln in page]
    weights: Counter[float] = Counter()
    for ln in lines:
        weights[ln.size] += len(ln.text)
    body = weights.most_common(1)[0][0] if weights else 0.0

    # The title: the largest type among the first page's first lines.
    title_lines: list[_Line] = []
    first_page = [ln for ln in lines if ln.page == pages_first(pages)]
    if first_page and body > 0:
        biggest = max(ln.size for ln in first_page[:12])
        if biggest >= body * 1.2:
            i = next(k for k, ln in enumerate(first_page) if ln.size == biggest)
            while i < len(first_page) and first_page[i].size == biggest and len(title_lines) < 4:
                title_lines.append(first_page[i])
                i += 1
    title: str | None = _join([ln.text for ln in title_lines]) if title_lines else None
    meta_title = meta.get("Title", "")
    if title is None and meta_title and not _BAD_META_TITLE.match(meta_title):
        title = meta_title
    skip = {id(ln) for ln in title_lines}

    heading_sizes = sorted(
        {ln.size for ln in lines if id(ln) not in skip and body and ln.size >= body * 1.15},
        reverse=True,
    )
    level_of = {s: k + 1 for k, s in enumerate(heading_sizes)}
    bold_level = len(heading_sizes) + 1

    def heading_level(ln: _Line) -> int:
        if ln.size in level_of and len(ln.text) <= 200:
            return level_of[ln.size]
        if ln.bold and len(ln.text) <= 90 and not _SENTENCE_END.search(ln.text):
            return bold_level
        return 0

    # Line pitch (bottom to bottom) of body lines: a paragraph break is a larger step.
    pitches = [
        a.bottom - b.bottom
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and a.size == b.size == body and 0 < a.bottom - b.bottom < body * 3
    ]
    pitch = statistics.median(pitches) if pitches else body * 1.2

    blocks: list[Block] = []
    cur: list[str] = []
    cur_kind: Kind = "text"
    prev: _Line | None = None

    def flush() -> None:
        nonlocal cur
        if cur:
            text = "\n".join(cur) if cur_kind == "list" else _join(cur)
            blocks.append(Block(cur_kind, text))
        cur = []

    for ln in lines:
        if id(ln) in skip:
            continue
        level = heading_level(ln) if body else 0
        if level:
            if (
                blocks
                and blocks[-1].kind == "heading"
                and prev is not None
                and _near(prev, ln)
                and heading_level(prev) == level
            ):
                blocks[-1].text += " " + ln.text
                prev = ln
                continue
            flush()
            blocks.append(Block("heading", ln.text, level))
            prev = ln
            continue
        bullet = _BULLET.match(ln.text) is not None
        new = prev is None or (blocks and blocks[-1].kind == "heading" and not cur)
        if prev is not None and not new:
            if ln.page != prev.page:
                new = (
                    bool(cur)
                    and _SENTENCE_END.search(cur[-1]) is not None
                    and not _continues(ln.text)
                )
            else:
                step = prev.bottom - ln.bottom
                new = step > pitch * 1.35 + 0.5 or step < -body * 2 or abs(ln.size - prev.size) > 1
        if bullet:
            if cur_kind != "list" or new:
                flush()
            cur_kind = "list"
            cur.append("• " + _BULLET.sub("", ln.text, count=1))
        elif cur_kind == "list" and not new and cur:
            cur[-1] = _join([cur[-1], ln.text])
        else:
            if new or cur_kind != "text":
                flush()
            cur_kind = "text"
            cur.append(ln.text)
        prev = ln
    flush()

    date = parse_date(_pdf_date(meta.get("CreationDate", ""))) if meta.get("CreationDate") else None
    return build_document(
        path,
        "pdf",
        blocks,
        title=title,
        date=date,
        source=None,
        author=meta.get("Author") or None,
        fallback_title=_stem(path),
    )


def pages_first(pages: list[list[_Line]]) -> int:
    """The number of the first page that has text."""
    for page in pages:
        if page:
            return page[0].page
    return 0


def _near(a: _Line, b: _Line) -> bool:
    return a.page == b.page and 0 <= a.bottom - b.top <= max(a.size, b.size) * 1.2


def _continues(text: str) -> bool:
    return text[:1].islower()


def _join(lines: list[str]) -> str:
    """Lines to one paragraph: a word split by a hyphen at a line end is rejoined."""
    out = ""
    for line in lines:
        if not out:
            out = line
        elif out.endswith(("\xad", "\x02", "\ufffe")) or (
            out.endswith(("-", "\u2010"))
            and len(out) > 1
            and out[-2].isalpha()
            and line[:1].islower()
        ):
            out = out[:-1] + line
        else:
            out += " " + line
    return out


def _pdf_date(value: str) -> str:
    m = re.match(r"D?:?(\d{4})(\d{2})?(\d{2})?", value)
    if not m:
        return value
    return f"{m.group(1)}-{m.group(2) or '01'}-{m.group(3) or '01'}"


def _stem(path: str) -> str:
    import os

    name = os.path.basename(path.split("#", 1)[0])
    return os.path.splitext(name)[0] or "Untitled"
