"""The document pass: blocks of paragraphs, transcripts, excerpts in straight marks, unmarked
statements after ``X said:``, and the order and de-duplication of what the clauses give."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from parsers.model import Document, Quote
from parsers.quotes.attribution import _attribute
from parsers.quotes.clauses import _segments
from parsers.quotes.content import _make, _statement_like
from parsers.quotes.cues import _Attr, _head_cue
from parsers.quotes.indirect import _indirect
from parsers.quotes.marks import _paragraph_spans, _Span, find_quote_spans
from parsers.speakers import Mention, NameIndex, resolve


def extract_quotes(doc: Document) -> list[Quote]:
    """Every quotation of ``doc`` with its kind, speaker mention, resolved speaker, role and cue."""
    text = doc.text
    out = _extract(text, _paragraph_spans(doc), NameIndex(text), None)
    out.sort(key=lambda q: q.start)
    return _dedupe(out)


#: The kind of a statement introduced by "X said:" and printed without marks (press releases):
#: the speaker's own words, so "direct".
STATEMENT_KIND = "direct"
#: Curly double marks only: the quotes inside an excerpt that straight marks enclose.
_CURLY_RE = re.compile("[“”]")
#: "PENCE: Well, look, ..." opens a turn of a transcript.
_TURN = re.compile(r"[\"“”]?[ \t]*([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}):[ \t]+")


def _extract(
    text: str, paras: list[tuple[int, int]], names: NameIndex, marks: re.Pattern[str] | None
) -> list[Quote]:
    out: list[Quote] = []
    spans, flags = find_quote_spans(text, paras, marks)
    pstarts = [p[0] for p in paras]
    if marks is None:
        for sp in spans:
            if (
                text[sp.start] == '"'
                and sp.end - sp.start > 300
                and _CURLY_RE.search(text, sp.start + 1, sp.end)
            ):
                # an excerpt of another article in straight marks, with its own quotes inside
                inner = _inside(text, paras, pstarts, sp)
                if inner:
                    out.extend(_extract(text, inner, names, _CURLY_RE))
    bounds = _block_bounds(paras, flags)
    qstarts = [q.start for q in spans]
    last: _Attr | None = None
    last_pos = -1
    colon_attr: _Attr | None = None
    #: a quote with its cue that ended the block before: a paragraph that is only a quote and
    #: names nobody goes on with it (news continues a quotation over paragraphs this way)
    carry: Quote | None = None
    #: the sentence without quotes just before, whose subject may introduce the next quote
    before: tuple[int, int] | None = None
    for bs, be in bounds:
        if marks is None and bs < be and text[bs] in '"“':
            b0, b1 = bisect.bisect_left(pstarts, bs), bisect.bisect_left(pstarts, be)
            block = [p for p in paras[b0:b1] if p[1] <= be]
            turns = _turns(text, block, names) if len(block) > 1 else None
            if turns:
                out.extend(turns)
                continue
        lo = bisect.bisect_left(qstarts, bs)
        hi = bisect.bisect_left(qstarts, be)
        quotes = [q for q in spans[lo:hi] if q.end <= be]
        segs = _segments(text, bs, be, quotes)
        qi = 0
        prev_tail: Quote | None = carry
        carry = None
        for ss, se in segs:
            while qi < len(quotes) and quotes[qi].end <= ss:
                qi += 1
            seg_q: list[_Span] = []
            k = qi
            while k < len(quotes) and quotes[k].start < se:
                seg_q.append(quotes[k])
                k += 1
            if not seg_q:
                pj = bisect.bisect_right(pstarts, ss) - 1
                if out and text[ss] in _DASHES and pj > 0 and paras[pj][0] == ss:
                    # a paragraph of '- Jane Doe.' after a quote signs it (fact checks)
                    _sign(text, ss, se, paras[pj - 1][0], out, names)
                pe = paras[pj][1] if pj >= 0 else se
                while pe > ss and text[pe - 1].isspace():
                    pe -= 1
                if (
                    colon_attr is not None
                    and pj >= 0
                    and paras[pj][0] == ss
                    and marks is None
                    and _statement_like(text, ss, pe)
                ):
                    # 'The minister said:' then the statement, unmarked (press releases)
                    out.append(_make(text, ss, pe, STATEMENT_KIND, colon_attr, [(ss, pe)]))
                    last, last_pos = colon_attr, pe
                    colon_attr = None
                    continue
                att = _indirect(text, ss, se, names, out)
                if att is not None:
                    last, last_pos = att, ss
                before = (ss, se)
                colon = text[se - 1] == ":" if se > ss else False
                colon_attr = _head_cue(text, ss, se, names) if colon else None
                prev_tail = None
                continue
            pj = bisect.bisect_right(pstarts, ss) - 1
            made, att, joinable = _attribute(
                text,
                ss,
                se,
                seg_q,
                names,
                colon_attr,
                last,
                last_pos,
                prev_tail,
                paras[pj][0] if pj >= 0 else ss,
                before,
            )
            before = None
            colon_attr = None
            if made is None:
                continue
            for q in made:
                if q is not None:
                    out.append(q)
            if att is not None:
                last, last_pos = att, se
            prev_tail = joinable
        carry = prev_tail
    return out


_DASHES = "-–—―"
#: '- Jane Doe.', '— Sen. John Roe': a dash and at most five words, a whole paragraph.
_SIGNATURE = re.compile(r"[-–—―]+[ \t]*((?:[A-Z][\w.’'\-]*[ \t]+){0,4}[A-Z][\w’'\-]*)\.?[ \t]*")


def _sign(text: str, ss: int, se: int, prev_para: int, out: list[Quote], names: NameIndex) -> None:
    """The quotes of the paragraph before a signature paragraph are the signer's words."""
    m = _SIGNATURE.fullmatch(text, ss, se)
    if m is None:
        return
    a, z = m.span(1)
    who = resolve(text, Mention(a, z, a, z, None, "name"), names)
    for q in reversed(out):
        if q.end <= prev_para:
            break
        if q.kind == "direct":
            q.speaker, q.speaker_start, q.speaker_end = who, a, z
            q.speaker_role, q.cue = None, text[ss:a].strip()


def _inside(
    text: str, paras: list[tuple[int, int]], pstarts: list[int], sp: _Span
) -> list[tuple[int, int]]:
    """The paragraphs inside a quote, without its marks (each paragraph of a quote that runs
    over several opens with one)."""
    out: list[tuple[int, int]] = []
    lo = bisect.bisect_right(pstarts, sp.start) - 1
    for ps, pe in paras[max(lo, 0) :]:
        if ps >= sp.end:
            break
        a, z = max(ps, sp.start), min(pe, sp.end)
        while a < z and (text[a].isspace() or text[a] == '"'):
            a += 1
        if z == sp.end and sp.closed and z > a and text[z - 1] == '"':
            z -= 1
        if a < z:
            out.append((a, z))
    return out


def _turns(text: str, paras: list[tuple[int, int]], names: NameIndex) -> list[Quote] | None:
    """A transcript quoted over several paragraphs ('"WALLACE: ...', '"PENCE: ...'): each turn
    is a direct quote by its label, running until the next label."""
    heads = [_TURN.match(text, ps, pe) for ps, pe in paras]
    if sum(1 for h in heads if h) < 2 or not heads[0]:
        return None
    out: list[Quote] = []
    cur: Quote | None = None
    for (ps, pe), h in zip(paras, heads, strict=True):
        if h is not None:
            label = h.group(1)
            a = h.end()
            z = pe
            while z > a and (text[z - 1].isspace() or text[z - 1] in '"”'):
                z -= 1
            m = Mention(h.start(1), h.end(1), h.start(1), h.end(1), None, "name")
            who = names.resolve_surname(label.title(), h.start(1)) or label.title()
            cur = Quote(
                start=a,
                end=max(a, z),
                text="",
                kind="direct",
                speaker=who,
                speaker_start=m.start,
                speaker_end=m.end,
                parts=[],
            )
            out.append(cur)
        elif cur is not None:
            z = pe
            while z > ps and (text[z - 1].isspace() or text[z - 1] in '"”'):
                z -= 1
            cur.end = max(cur.end, z)
    for q in out:
        q.text = text[q.start : q.end]
        q.parts = [(q.start, q.end)]
    return [q for q in out if q.end > q.start]


def _block_bounds(paras: list[tuple[int, int]], flags: list[bool]) -> list[tuple[int, int]]:
    """Blocks of paragraphs joined by quotes that run across them."""
    out: list[tuple[int, int]] = []
    cur_s: int | None = None
    for n, (ps, pe) in enumerate(paras):
        if cur_s is None:
            cur_s = ps
        if not flags[n]:
            out.append((cur_s, pe))
            cur_s = None
    if cur_s is not None:
        out.append((cur_s, paras[-1][1]))
    return out


def _dedupe(quotes: list[Quote]) -> list[Quote]:
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for q in quotes:
        if (q.start, q.end) in seen or q.end <= q.start:
            continue
        seen.add((q.start, q.end))
        out.append(q)
    return out


def quotes_by_speaker(
    doc: Document, kinds: Iterable[str] = ("direct", "partial", "indirect")
) -> dict[str, list[Quote]]:
    """Who said what: the quotes of ``doc`` grouped by resolved speaker, in reading order.

    Quotes without a speaker are left out; scare quotes are left out unless asked for."""
    want = set(kinds)
    out: dict[str, list[Quote]] = {}
    for q in doc.quotes:
        if q.kind in want and q.speaker:
            out.setdefault(q.speaker, []).append(q)
    return out
