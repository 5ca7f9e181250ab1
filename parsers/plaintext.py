"""Plain-text articles as people save them from the web.

The text is never changed here: the reader only finds parts and records their offsets.

What it recognises, in order:

1. Lines and blocks. Blocks are runs of lines between blank lines. A block with long lines is
   "unwrapped" (one paragraph per line, as copied from a browser); a block of short lines of even
   width is hard-wrapped prose and its lines join into paragraphs. Rule lines (``===``, ``---``,
   ``* * *``) separate; under a short line they underline a heading.
2. The header: leading breadcrumb lines (``Home | World``) are furniture; metadata lines
   (``Published 6 September 2025``, ``Source: Reuters``) fill ``date``/``source`` and are no
   paragraph; the first short line that is not metadata is the title (``Document.title_span``,
   not a paragraph either) unless it reads like a sentence; a byline (``By Jane Smith``) stays
   a visible paragraph, since it names the author.
3. A dateline glued to the first paragraph (``date 2025-09-06 European leaders``,
   ``WASHINGTON (Reuters) - The ...``, ``KYIV, Sept. 6, 2025 - ...``) gives the date (and the
   outlet in brackets) and the first paragraph starts after it.
4. The outlet line (``..., UNN reports with reference to Bloomberg.``) gives the source, written
   ``"UNN, citing Bloomberg"``; ``"Reuters reported."`` gives ``"Reuters"``; so does a closing
   ``Source: Reuters`` credit.
5. Trailing site furniture (short lines with no sentence punctuation after the body, and known
   page chrome like ``Read more``, ``Popular Categories``, ``©``) becomes paragraphs of kind
   ``furniture`` in a section of its own with ``furniture=True``: kept, hidden by default.
6. Headings: underlined lines, ALL CAPS lines, ``#`` lines, and short standalone lines followed
   by longer text (not lines ending in ``:``, which lead into quotes). They are paragraphs of
   kind ``heading`` and open sections; heading styles get levels by order of first appearance
   (the reStructuredText rule), below the title's level-1 section. Bullet lines (``-``, ``•``,
   ``1.``) are paragraphs of kind ``list``.

With no title line the title is the first sentence, clipped to 90 characters at a word.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Literal, cast

from parsers.dates import DATE_PATTERN, DATE_RE, date_from_match
from parsers.model import Document, Paragraph, Section

TITLE_CLIP = 90
#: Trailing furniture is a few lines; longer runs of short lines are content.
MAX_FURNITURE_LINES = 12
ParagraphKind = Literal["text", "heading", "blockquote", "list", "table", "code", "furniture"]
_WRAP_MAX = 100  # lines this long or longer are not hard-wrapped prose
_SENT_END = ".!?…"
_CLOSERS = "\"'”’»)]"
_NOT_HEADING_END = frozenset(_SENT_END + _CLOSERS + ",;:")  # "He said:" leads into a quote

_RULE_FIRST = frozenset("-=_*~#+•·")
_BULLET_FIRST = frozenset("-*•▪◦‣–")
_RULE = re.compile(r"^(?:([-=_*~#+•·])\s*)(?:\1\s*){2,}$")
_BULLET = re.compile(r"^(?:[-*•▪◦‣–]|\d{1,3}[.)]|[a-z][.)])\s+\S")
_BULLET_AT = re.compile(_BULLET.pattern[1:])  # for match(text, pos): "^" only fits pos 0
_HASH_HEADING = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*$")
_BREADCRUMB = re.compile(r"^[^|›»>]{1,40}(?:\s+[|›»>]\s+[^|›»>]{1,40}){1,}$")
_FURNITURE_LINE = re.compile(
    r"^(?:advertisement|advert|sponsored(?: content)?|share(?: this)?(?: article| story| post)?"
    r"|read (?:more|also|next|the rest)\b.*|also read\b.*|related(?: articles| stories| posts"
    r"| news| topics)?\s*:?.*|see also\s*:.*|more from\b.*|follow us\b.*|subscribe\b.*"
    r"|sign up\b.*|click here\b.*|tags?\s*:.*|topics?\s*:.*|categories\s*:.*"
    r"|popular (?:categories|posts|stories|articles|now)|most (?:read|popular|viewed)"
    r"|trending(?: now)?|you may also like.*|recommended(?: for you)?|comments?"
    r"|leave a (?:comment|reply)|print|email|share on \w+|back to top|home"
    r"|all rights reserved.*|(?:©|\(c\)|copyright\b).*)$",
    re.IGNORECASE,
)
#: First letters of the page-chrome lines above (a cheap test before the regex).
_FURNITURE_FIRST = frozenset("abcefhlmprsty©(")
_META_PREFIX = re.compile(
    r"^(?:date|dated|published|posted|updated|last updated|first published|modified)"
    r"(?:\s+on)?\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(r"^(?:source|via|from|publisher|outlet)\s*:\s*(\S.{0,80}?)\s*$", re.I)
_BYLINE = re.compile(r"^by\s+[A-Z\u00c0-\u024f][\w'’.-]*(?:\s+\S+){0,8}$", re.IGNORECASE)
_TIME_ETC = re.compile(
    r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?|at|on|\||[-–—,/]|\d{1,2}[:.]\d\d(?::\d\d)?"
    r"|[ap]\.?m\.?|gmt|utc|bst|cet|cest|est|edt|pst|pdt|eet|eest|msk|kyiv|time|local"
    r"|[+-]\d\d:?\d\d|\(|\))$",
    re.IGNORECASE,
)

# Datelines glued to the start of the first paragraph.
_GLUED_META = re.compile(
    r"^(?:date|dated|published|posted|updated)\s*:?\s*(?P<date>" + DATE_PATTERN + r")"
    r"(?:\s*,?\s*\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?)?\s*[-–—:|,]?\s+",
    re.IGNORECASE,
)
_GLUED_DATE = re.compile(r"^(?P<date>" + DATE_PATTERN + r")\s*[-–—|:]\s*", re.IGNORECASE)
_WIRE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]{2,}(?:[ ,/]+[A-Z][A-Z'’.-]+){0,3})"
    r"(?:,\s*(?P<where>[A-Z][a-z]+\.?))?"
    r"(?:,\s*(?P<date>" + DATE_PATTERN + r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}))?"
    r"\s*(?:\((?P<outlet>[^()\n]{2,40})\))?\s*[-–—]+\s+(?=\S)"
)

# The outlet line: "UNN reports with reference to Bloomberg", "..., Reuters reported."
_NAME = r"(?:[A-Z][\w&'’.-]*|of|the|and|&)"
_OUTLET = re.compile(
    r"(?P<outlet>(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+" + _NAME + r"){0,4}?)\s*,?\s+"
    r"(?:reports?|reported|writes|wrote|informs?|says|said)\s*,?\s+"
    r"(?:with reference to|referring to|citing|quoting|in reference to)\s+"
    r"(?P<orig>(?:the\s+)?[A-Z][\w&'’.-]*(?:\s+" + _NAME + r"){0,5})"
)
_OUTLET_FINAL = re.compile(
    r",\s+(?:the\s+)?(?P<outlet>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})\s+"
    r"(?:reports|reported|writes|wrote|informs|informed)\s*\.?[\"”]?\s*$"
)


@dataclass(slots=True)
class _Para:
    """A candidate paragraph: stripped offsets and what the line-level pass learnt."""

    start: int
    end: int
    gap_before: bool
    lines: int = 1
    underline: str | None = None  # "=", "-" or "~" when a rule line underlines it
    bullet: bool = False
    kind: str = "text"
    level: int = 0  # heading level, 0 for body text
    title_offset: int = 0  # where a heading's title starts inside the line ("# x")
    indent: int = 0


def read_plaintext(text: str, path: str) -> Document:
    """Find the title, date, source, sections and paragraphs of a plain-text article."""
    paras = _paragraphs(text)
    doc = Document(path=path, title="", text=text)
    if not paras:
        doc.title = _fallback_title(path)
        doc.warnings.append("empty document")
        return doc

    i = 0
    title_para: _Para | None = None
    meta_zone = min(len(paras), 8)
    while i < meta_zone and len(paras) - i > 1:
        p = paras[i]
        s = text[p.start : p.end]
        if p.lines == 1 and _BREADCRUMB.match(s) and not _sentence_like(s):
            p.kind = "furniture"
        elif p.lines == 1 and _metadata_line(s, doc):
            p.kind = "meta"
        elif p.lines == 1 and _BYLINE.match(s) and title_para is not None:
            pass  # a byline stays visible body text
        elif title_para is None and _title_like(text, p, paras[i + 1]):
            title_para = p
            p.kind = "title"
        else:
            break
        i += 1

    for p in paras:
        if p.bullet and p.kind == "text":
            p.kind = "list"
    body = [p for p in paras if p.kind == "text"]
    if body:
        lead = next((p for p in body if not _BYLINE.match(text[p.start : p.end])), body[0])
        _glued_dateline(text, lead, doc)
        _find_source(text, body, doc)
    _mark_furniture(text, paras)
    _mark_headings(text, paras)
    if doc.source is None:
        # A credit line at the end ("Source: Reuters") names the source too.
        for p in paras[-3:]:
            m = _SOURCE_LINE.match(text[p.start : p.end]) if p.end - p.start <= 120 else None
            if m and p.kind in ("text", "tail", "furniture"):
                doc.source = m.group(1).rstrip(".")
                break

    if title_para is not None:
        doc.title = text[title_para.start : title_para.end]
        doc.title_span = (title_para.start, title_para.end)
    else:
        first = next((p for p in paras if p.kind == "text"), None)
        if first is None:
            first = next((p for p in paras if p.kind in ("heading", "list")), None)
        doc.title = _clip_title(text, first.start, first.end) if first else _fallback_title(path)

    doc.paragraphs = [
        Paragraph(p.start, p.end, "furniture" if p.kind == "tail" else cast(ParagraphKind, p.kind))
        for p in paras
        if p.kind not in ("title", "meta")
    ]
    doc.sections = _sections(text, paras, title_para)
    return doc


# -- lines and blocks ---------------------------------------------------------------------------


def _paragraphs(text: str) -> list[_Para]:
    """Split into candidate paragraphs (one per line, or joined hard-wrapped lines)."""
    lines: list[tuple[int, int, bool, int]] = []  # stripped start, end, blank before, indent
    underlines: dict[int, str] = {}  # index into lines -> "=", "-" or "~"
    pos = 0
    gap = False
    for raw in text.split("\n"):
        n = len(raw)
        s = raw.strip()
        if s:
            lead = n - len(raw.lstrip()) if raw[0].isspace() else 0
            start = pos + lead
            if s[0] in _RULE_FIRST and len(s) < 200 and _RULE.match(s):
                prev = lines[-1] if lines else None
                if (
                    prev is not None
                    and not gap
                    and s[0] in "=-~"
                    and prev[1] - prev[0] <= 120
                    and (len(lines) - 1) not in underlines
                ):
                    underlines[len(lines) - 1] = s[0]
                gap = True  # a rule separates like a blank line
            else:
                lines.append((start, start + len(s), gap and bool(lines), lead))
                gap = False
        else:
            gap = True
        pos += n + 1

    paras: list[_Para] = []
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and not lines[j][2]:
            j += 1
        _block(text, lines, i, j, underlines, paras)
        i = j
    return paras


def _maybe_bullet(text: str, s: int, e: int) -> bool:
    """:func:`_is_bullet` without slicing the line when its first character rules it out."""
    c = text[s]
    if c in _BULLET_FIRST or c.isdigit() or (e - s > 2 and text[s + 1] in ".)"):
        return _BULLET_AT.match(text, s, e) is not None
    return False


def _is_bullet(line: str) -> bool:
    c = line[0]
    if c in _BULLET_FIRST or c.isdigit() or (len(line) > 2 and line[1] in ".)"):
        return _BULLET.match(line) is not None
    return False


def _block(
    text: str,
    lines: list[tuple[int, int, bool, int]],
    i: int,
    j: int,
    underlines: dict[int, str],
    out: list[_Para],
) -> None:
    """Paragraphs of the block ``lines[i:j]``: one per line unless it is hard-wrapped prose."""
    wrapped = False
    if j - i >= 2:
        widest = max(e - s for s, e, _, _ in lines[i:j])
        inner = j - i - 1
        wrapped = (
            widest < _WRAP_MAX
            and sum(lines[k][1] - lines[k][0] for k in range(i, j - 1)) >= 35 * inner
            and sum(1 for k in range(i, j - 1) if not _ends_sentence(text, lines[k][1])) * 2
            >= inner
        )
    if not wrapped:
        for k in range(i, j):
            s, e, gap, _ = lines[k]
            out.append(
                _Para(
                    s,
                    e,
                    gap,
                    underline=underlines.get(k) if underlines else None,
                    bullet=_maybe_bullet(text, s, e),
                )
            )
        return
    for k in range(i, j):
        s, e, gap, col = lines[k]
        line = text[s:e]
        bullet = _is_bullet(line)
        if k > i and k - 1 not in underlines and k not in underlines:
            prev = out[-1]
            ps, pe, _, pcol = lines[k - 1]
            breaks = (
                bullet
                or (_ends_sentence(text, pe) and (pe - ps < 0.75 * widest or col > pcol))
                or _caps_line(line)
                or _caps_line(text[ps:pe])
                or (prev.bullet and col <= prev.indent)
                # A dateline starts a paragraph of its own ("date 2025-07-25 Officials...").
                or _GLUED_META.match(line) is not None
                # So does a line that only states the date ("date 2025-06-15",
                # "Published: 6 September 2025") right under the title.
                or _date_only_line(line)
                # A short unpunctuated line before a capital: a title or heading, not a
                # wrapped line (wrapped prose fills its lines).
                or (
                    prev.lines == 1
                    and pe - ps < 0.6 * widest
                    and line[0].isupper()
                    and text[pe - 1] not in _NOT_HEADING_END
                )
            )
            if not breaks:
                prev.end = e
                prev.lines += 1
                continue
        out.append(_Para(s, e, gap, underline=underlines.get(k), bullet=bullet, indent=col))


def _date_only_line(line: str) -> bool:
    """A line that is a date statement and nothing else, led by a word such as "date" or
    "published" (a bare date inside wrapped prose stays prose)."""
    if len(line) > 120 or _META_PREFIX.match(line) is None:
        return False
    return _metadata_line(line, Document(path="", title="", text=""))


def _ends_sentence(text: str, end: int) -> bool:
    k = end - 1
    while k >= 0 and text[k] in _CLOSERS:
        k -= 1
    return k >= 0 and text[k] in _SENT_END


def _caps_line(s: str) -> bool:
    """ALL CAPS (at least three letters), as headings and section labels are set."""
    return len(s) <= 80 and s.isupper() and sum(c.isalpha() for c in s) >= 3


def _sentence_like(s: str) -> bool:
    return len(s) > 200 or (s[-1] in _SENT_END + _CLOSERS and len(s.split()) > 3)


def _words(s: str) -> int:
    """Word count of a short line (long lines count as 100: only small counts matter)."""
    return s.count(" ") + 1 if len(s) < 400 else 100


# -- header -------------------------------------------------------------------------------------


def _metadata_line(s: str, doc: Document) -> bool:
    """A line that only states the date or the source; fills ``doc`` when it is one."""
    if len(s) > 120:
        return False
    m = _SOURCE_LINE.match(s)
    if m:
        if doc.source is None:
            doc.source = m.group(1).rstrip(".")
        return True
    rest = _META_PREFIX.sub("", s, count=1)
    dm = DATE_RE.search(rest)
    if dm is None:
        return False
    leftover = (rest[: dm.start()] + " " + rest[dm.end() :]).replace(",", " ").split()
    if not all(_TIME_ETC.match(w) for w in leftover):
        return False
    iso = date_from_match(dm)
    if iso is None:
        return False
    if doc.date is None:
        doc.date = iso
    return True


def _title_like(text: str, p: _Para, nxt: _Para) -> bool:
    """The first line is a title when it is short and reads as a headline, not a sentence."""
    if p.lines != 1 or p.bullet:
        return False
    s = text[p.start : p.end]
    words = _words(s)
    if len(s) > 200 or words > 30 or _BYLINE.match(s):
        return False
    if p.underline:
        return True
    last = s.rstrip(_CLOSERS)[-1:] or s[-1]
    if last in ",;":
        return False
    if last in _SENT_END:
        # "Stealth Over Health: Clinton Was Headed to ER." is a headline; "He left." is not.
        long_words = [w for w in s.split() if len(w) > 3]
        capital = sum(1 for w in long_words if w[:1].isupper() or w[:1] in "\"“'‘")
        if len(long_words) < 3 or capital < 0.7 * len(long_words):
            return False
    # Not the first line of hard-wrapped prose: the title stands apart from what follows.
    return nxt.gap_before or nxt.lines == 1 or (p.end - p.start) < 0.7 * _WRAP_MAX


def _glued_dateline(text: str, p: _Para, doc: Document) -> None:
    """Move the first paragraph's start past a dateline glued to it, keeping what it says."""
    s = text[p.start : min(p.end, p.start + 200)]
    for rx in (_GLUED_META, _GLUED_DATE, _WIRE):
        m = rx.match(s)
        if m is None or m.end() >= p.end - p.start:
            continue
        if rx is _WIRE and m.group("place").rstrip(",").upper() != m.group("place").rstrip(","):
            continue
        date = m.groupdict().get("date")
        if date:
            dm = DATE_RE.match(date)
            iso = date_from_match(dm) if dm else None
            if iso and doc.date is None:
                doc.date = iso
            elif rx is not _WIRE and iso is None:
                continue
        outlet = m.groupdict().get("outlet")
        if outlet and doc.source is None:
            doc.source = outlet.strip()
        p.start += m.end()
        return


def _find_source(text: str, body: list[_Para], doc: Document) -> None:
    """The outlet line in the first or last body paragraphs."""
    if doc.source is not None:
        return
    for p in (*body[:2], body[-1]):
        if p.end - p.start <= 5000:
            found = source_from_text(text[p.start : p.end])
            if found:
                doc.source = found
                return


def source_from_text(s: str) -> str | None:
    """The outlet a paragraph credits: "UNN, citing Bloomberg" or "Reuters", else None."""
    m = _OUTLET.search(s)
    if m:
        outlet = _trim_name(m.group("outlet"))
        orig = _trim_name(m.group("orig"))
        if outlet and orig:
            return f"{outlet}, citing {orig}"
    m = _OUTLET_FINAL.search(s)
    if m:
        return _trim_name(m.group("outlet")) or None
    return None


def _trim_name(name: str) -> str:
    words = name.strip().rstrip(".,").split()
    while words and words[-1].lower() in ("of", "the", "and", "&"):
        words.pop()
    return " ".join(words).rstrip(".,")


# -- furniture and headings ---------------------------------------------------------------------


def _furniture_like(s: str) -> bool:
    if _FURNITURE_LINE.match(s) and _words(s) <= 15:
        return True
    if _BREADCRUMB.match(s) and not _sentence_like(s):
        return True
    return len(s) <= 60 and _words(s) <= 8 and s.rstrip(_CLOSERS)[-1:] not in _SENT_END


def _mark_furniture(text: str, paras: list[_Para]) -> None:
    """Trailing short lines after the body become the furniture tail; page chrome anywhere too."""
    body = [k for k, p in enumerate(paras) if p.kind == "text"]
    if not body:
        return
    k = body[-1]
    first_tail = None
    while k > 0 and paras[k].kind == "text" and paras[k].lines == 1:
        if body[-1] - k >= MAX_FURNITURE_LINES:
            first_tail = None  # a long run of short lines is content (a list, a poem)
            break
        if not _furniture_like(text[paras[k].start : paras[k].end]):
            break
        first_tail = k
        k -= 1
    if first_tail is not None and any(
        p.kind == "text" and (_ends_sentence(text, p.end) or p.end - p.start > 200)
        for p in paras[:first_tail]
    ):
        for p in paras[first_tail:]:
            if p.kind == "text":
                p.kind = "tail"
    for p in paras:
        if (
            p.kind == "text"
            and p.lines == 1
            and p.end - p.start < 60
            and text[p.start].lower() in _FURNITURE_FIRST
        ):
            s = text[p.start : p.end]
            if _words(s) <= 6 and _FURNITURE_LINE.match(s):
                p.kind = "furniture"


def _mark_headings(text: str, paras: list[_Para]) -> None:
    """Mark heading paragraphs and give each heading style a level by first appearance."""
    styles: list[str] = []
    for k, p in enumerate(paras):
        if p.kind != "text" or p.lines != 1 or p.end - p.start > 120:
            continue
        first = text[p.start]
        if not (first == "#" or p.underline or first.isupper() or first.isdigit()):
            continue  # every heading style starts so: skip the rest cheaply
        s = text[p.start : p.end]
        style = None
        hm = _HASH_HEADING.match(s) if s[0] == "#" else None
        if hm:
            style = "#" * len(hm.group(1))
            p.title_offset = hm.start(2)
        elif p.underline:
            style = p.underline
        elif _words(s) <= 12 and s[0].isalnum() and s[-1] not in ",;:" and _caps_line(s):
            style = "CAPS"
        elif _standalone_heading(text, paras, k, s):
            style = "short"
        if style is None:
            continue
        if style not in styles:
            styles.append(style)
        p.kind = "heading"
        p.level = styles.index(style)


def _standalone_heading(text: str, paras: list[_Para], k: int, s: str) -> bool:
    """A short line with no end punctuation, standing apart, followed by longer text."""
    if k + 1 >= len(paras) or len(s) > 80:
        return False
    nxt = paras[k + 1]
    if nxt.kind not in ("text", "heading") or nxt.end - nxt.start < 2 * len(s):
        return False
    if not (s[0].isupper() or s[0].isdigit()) or s[-1] in _NOT_HEADING_END:
        return False
    if _words(s) > 10 or _BYLINE.match(s):
        return False
    if nxt.kind == "text" and not (_ends_sentence(text, nxt.end) or nxt.end - nxt.start > 120):
        return False
    prev = paras[k - 1] if k else None
    return (
        prev is None or paras[k].gap_before or prev.kind != "text" or _ends_sentence(text, prev.end)
    )


# -- sections and title -------------------------------------------------------------------------


def _sections(text: str, paras: list[_Para], title: _Para | None) -> list[Section]:
    sections: list[Section] = []
    stack: list[Section] = []
    base = 1
    if title is not None:
        root = Section(
            text[title.start : title.end],
            1,
            title.start,
            title.end,
            title_start=title.start,
            title_end=title.end,
        )
        sections.append(root)
        stack.append(root)
        base = 2
    tail: Section | None = None
    for p in paras:
        if p.kind in ("title", "meta"):
            continue
        if p.kind == "tail":
            if tail is None:
                tail = Section(None, 1, p.start, p.end, furniture=True)
            tail.end = p.end
            continue
        if p.kind == "heading":
            level = base + p.level
            while stack and stack[-1].level >= level:
                stack.pop()
            ts = p.start + p.title_offset
            te = ts + len(text[ts : p.end].rstrip("# \t")) if p.title_offset else p.end
            sec = Section(text[ts:te], level, p.start, p.end, title_start=ts, title_end=te)
            sections.append(sec)
            stack.append(sec)
        elif not stack:
            lead = Section(None, 1, p.start, p.end)
            sections.append(lead)
            stack.append(lead)
        for sec in stack:
            if p.end > sec.end:
                sec.end = p.end
    if tail is not None:
        sections.append(tail)
    return sections


def _clip_title(text: str, start: int, end: int) -> str:
    """The first sentence of a paragraph, clipped at a word to :data:`TITLE_CLIP` characters."""
    from parsers.sentences import split_span

    limit = min(end, start + 4 * TITLE_CLIP)
    sentences = split_span(text, start, limit)
    first = text[sentences[0].start : sentences[0].end] if sentences else text[start:limit]
    first = " ".join(first.split())
    if len(first) <= TITLE_CLIP and ((sentences and sentences[0].end < limit) or limit == end):
        return first
    cut = first[: TITLE_CLIP - 1]
    if " " in cut[TITLE_CLIP // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:-–—") + "…"


def _fallback_title(path: str) -> str:
    name = os.path.basename(path)
    stem = os.path.splitext(name)[0] if not name.startswith("<") else ""
    return stem or "Untitled"
