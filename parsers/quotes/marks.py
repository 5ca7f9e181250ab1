"""Pass 1, marks: quotation marks paired by their context.

A mark after a space opens, a mark before a space or punctuation closes; the glyph only breaks
ties, so straight and curly marks, single quotes inside double, inch signs (``5'10"``) and stray
marks all behave. A quote that does not close ends with its paragraph, unless the next paragraph
opens with a mark (a quote over several paragraphs), so no mark can swallow a document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from parsers.model import Document

DOUBLE = '"“”„«»'
SINGLE = "‘’'"
_OPEN_GLYPHS = "“„«‘"
_CLOSE_GLYPHS = "”»’"
_BEFORE_OPEN = "([{—–-/"
_AFTER_CLOSE = ",.;:!?)]}—–-/…"
#: Two apostrophes ('') stand for a double mark in some newspaper archives' plain text (the New
#: York Times' among them). The polnear scorer does not count them as marks: turning this off
#: raises its figures and loses those quotes for readers.
DOUBLED_APOSTROPHE_MARKS = True
#: Alternatives of single characters (not a class) so that the regex engine can skip ahead to
#: the next mark instead of trying the pattern at every position: twice as fast on long text.
_MARKS_RE = re.compile(
    ("''|" if DOUBLED_APOSTROPHE_MARKS else "") + "|".join(map(re.escape, DOUBLE))
)
_SINGLE_RE = re.compile("[" + re.escape(SINGLE) + "]")


def _after_sentence(text: str, lo: int, i: int) -> bool:
    """Does a sentence end just before the mark at ``i`` ("... weeks. ")? Looks back from
    ``i`` only (never scans the open quotation), so a long quote costs nothing more."""
    j = i
    while j > lo and text[j - 1] in " \t":
        j -= 1
    if j == i:
        return False
    if j > lo and text[j - 1] in ")]":
        j -= 1
    return j > lo and text[j - 1] in ".!?…"


_WORDY = re.compile(r"[^\W_]")
#: Paragraph kinds that never hold quotations worth attributing.
_SKIP_KINDS = frozenset({"code", "heading", "furniture", "table"})
#: At most this many paragraphs chain into one quote (each opening with a mark).
MAX_CHAIN = 40


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    closed: bool = True


_NONBLANK_LINE = re.compile(r"[^\n]*\S[^\n]*")


def _paragraph_spans(doc: Document) -> list[tuple[int, int]]:
    spans = [(p.start, p.end) for p in doc.paragraphs if p.kind not in _SKIP_KINDS]
    if not spans and doc.text.strip():
        spans = [(m.start(), m.end()) for m in _NONBLANK_LINE.finditer(doc.text)]
    spans.sort()
    return spans


def _kind_of(text: str, i: int, lo: int, hi: int, glyphs: str, width: int = 1) -> str:
    """'o' opens, 'c' closes, 'a' either (straight mark between words), by the characters around."""
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + width] if i + width < hi else " "
    open_ctx = (prev.isspace() or prev in _BEFORE_OPEN or prev in glyphs) and not nxt.isspace()
    close_ctx = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE or nxt in glyphs)
    if open_ctx and not close_ctx:
        return "o"
    if close_ctx and not open_ctx:
        return "c"
    ch = text[i]
    if ch in _OPEN_GLYPHS:
        return "o"
    if ch in _CLOSE_GLYPHS:
        return "c"
    return "a"


def _family(ch: str) -> str:
    return "straight" if ch in "\"'" else "curly"


def _first_mark_opens(
    text: str, ps: int, pe: int, marks: re.Pattern[str] | None = None, family: str | None = None
) -> bool:
    """Does the paragraph open with a mark (of the open quote's family: a straight quote goes on
    with a straight mark; a curly one in its place starts a quote of its own)?"""
    j = ps
    while j < pe and text[j].isspace():
        j += 1
    m = (marks or _MARKS_RE).match(text, j, pe)
    if m is None or (family is not None and _family(text[j]) != family):
        return False
    return _kind_of(text, j, ps, pe, DOUBLE, m.end() - j) != "c"


def find_quote_spans(
    text: str, paragraphs: Iterable[tuple[int, int]], marks: re.Pattern[str] | None = None
) -> tuple[list[_Span], list[bool]]:
    """Quotation spans (marks included) in reading order, and for each paragraph whether an
    open quote carries on into the next one (which then opens with a mark)."""
    paras = list(paragraphs)
    spans: list[_Span] = []
    flags = [False] * len(paras)
    stack: list[int] = []
    chain = 0
    for n, (ps, pe) in enumerate(paras):
        skip_first = bool(stack)
        had_double = False
        for m in (marks or _MARKS_RE).finditer(text, ps, pe):
            i = m.start()
            had_double = True
            if skip_first:
                skip_first = False
                continue
            k = _kind_of(text, i, ps, pe, DOUBLE, m.end() - i)
            if text[i] == '"' and not stack and i > ps and text[i - 1].isdigit():
                continue  # an inch sign: 5'10", a 3" gun
            if (
                k == "o"
                and len(stack) == 1
                and _family(text[i]) == _family(text[stack[0]])
                and _after_sentence(text, stack[0], i)
            ):
                # 'said: "... weeks. "We are ...': a mark after a sentence's end that opens
                # (space before, letter after) starts a new quotation; the open one ended with
                # its sentence, as when a quotation goes on over a (joined) paragraph break
                end = i
                while end > stack[0] + 1 and text[end - 1].isspace():
                    end -= 1
                if _WORDY.search(text, stack[0], end):
                    spans.append(_Span(stack[0], end, closed=False))
                stack[0] = i
            elif k == "o" or (k == "a" and not stack):
                stack.append(i)
            elif stack:
                o = stack.pop()
                if not stack and _WORDY.search(text, o, m.end()):  # '""' quotes nothing
                    spans.append(_Span(o, m.end()))
        if not had_double and marks is None:
            spans.extend(_single_quotes(text, ps, pe))
        if stack:
            nxt = paras[n + 1] if n + 1 < len(paras) else None
            if (
                nxt is not None
                and chain < MAX_CHAIN
                and _first_mark_opens(text, nxt[0], nxt[1], marks, _family(text[stack[0]]))
            ):
                chain += 1
                flags[n] = True
                stack = stack[:1]
                continue
            end = pe
            while end > stack[0] + 1 and text[end - 1].isspace():
                end -= 1
            spans.append(_Span(stack[0], end, closed=False))
            stack = []
        chain = 0
    return spans, flags


def _single_quotes(text: str, ps: int, pe: int) -> list[_Span]:
    """‘British style’ quotes in a paragraph with no double marks; apostrophes are skipped."""
    out: list[_Span] = []
    opened: int | None = None
    for m in _SINGLE_RE.finditer(text, ps, pe):
        i = m.start()
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # don’t, O’Brien
        k = _kind_of(text, i, ps, pe, SINGLE)
        if opened is None:
            if k == "o" and not nxt.isdigit() and text[i] != "’":
                opened = i
        elif k in "ca" and i > opened + 1:
            out.append(_Span(opened, i + 1))
            opened = None
    return out
