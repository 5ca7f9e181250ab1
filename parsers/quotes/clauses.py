"""Pass 2, clauses: sentences cut outside quotes only, so a quote is never split by its own
full stops, and no clause grows past ``MAX_CLAUSE`` characters whatever the input."""

from __future__ import annotations

import bisect
import re

from parsers.quotes.lexicon import _ABBREV
from parsers.quotes.marks import DOUBLE, _Span
from parsers.quotes.words import _last_word
from parsers.speakers import CUE_WORDS

#: A sentence of at most six words that ends the paragraph or a sentence ('Smith said.').
_SHORT_CUE_SENTENCE = re.compile(
    r"[ \t]+(?:(?:[A-Z][a-z]{0,3}\.|[^\s.!?“”\"]+)[ \t]+){1,5}[^\s.!?“”\"]+"
    r"(?:[.!?](?=\s|\Z)|[ \t]*(?=\n|\Z))"
)


#: Up to six words after a quote; a title ("Mr.", "Sen.") or an initial ("J.") keeps its dot.
_TAIL_WORDS = re.compile(r"\s+((?:(?:[A-Z][a-z]{0,3}\.|[^\s.!?“”\"]+)\s+){0,5}[^\W\d_]+)")


def _cue_follows(text: str, pos: int, limit: int) -> bool:
    """Is a cue among the next few words ('"Why?" Graham asked.')?"""
    m = _TAIL_WORDS.match(text, pos, limit)
    return m is not None and any(
        w.strip(",;:").lower() in CUE_WORDS for w in m.group(1).split()[:6]
    )


#: ``[.!?…]+`` written as ``[.!?…][.!?…]*``: a pattern that opens with a class (not a repeat)
#: lets the regex engine skip to the next candidate, twice as fast.
_SENT_END = re.compile(r"[.!?…][.!?…]*[”\"’')\]]*(?=\s)")

_SPACES = re.compile(r"\s*")
#: Words that open a sentence and never follow "U.S." or "p.m." inside one.
_OPENER = re.compile(r"(?:He|She|They|It|We|I|The|But|This|His|Her|Their)\b")
_OPENERS = DOUBLE + "‘'("


_BREAK = re.compile(r"\n\s*\n|\n")


def _segments(text: str, bs: int, be: int, quotes: list[_Span]) -> list[tuple[int, int]]:
    """Sentences of a block, cut only outside quotes (and at paragraph breaks outside quotes).

    (One bisection per candidate tells both whether it is inside a quote and whether it ends
    one; the clause edges are trimmed by index, without copying the text.)"""
    starts = [q.start for q in quotes]
    ends = [q.end for q in quotes]
    bisect_right = bisect.bisect_right
    find = text.find

    cuts: list[int] = []
    spaces = _SPACES.match
    for m in _SENT_END.finditer(text, bs, be):
        b = m.end()
        a0 = m.start()
        if quotes:  # (with no quotes in the block, nothing is inside or ends one)
            j = bisect_right(starts, b - 1) - 1
            ends_quote = j >= 0 and ends[j] == b
            if j >= 0 and starts[j] < b < ends[j]:
                continue  # inside a quote
            if not ends_quote:
                i = bisect_right(starts, a0 - 1) - 1
                if i >= 0 and starts[i] < a0 < ends[i]:
                    continue
            else:
                if text[a0] in "?!" and _cue_follows(text, b, min(be, b + 90)):
                    continue  # '"Why?" Graham asked.' is one sentence
                if _SHORT_CUE_SENTENCE.match(text, b, be) and _cue_follows(
                    text, b, min(be, b + 60)
                ):
                    continue  # '"It will pass." Peter Smith said.' names the speaker
        sp = spaces(text, b, be)
        nxt = sp.end() if sp is not None else b
        if nxt >= be:
            continue
        ch = text[nxt]
        if not (ch.isupper() or ch.isdigit() or ch in _OPENERS) and find("\n", b, nxt) < 0:
            continue
        if b - a0 == 1 and text[a0] == ".":
            w = _last_word(text[max(bs, a0 - 20) : a0])
            word = w.lower() if w else ""
            abbrev = word in _ABBREV or (len(word) == 1 and word.isalpha()) or "." in word
            if (
                abbrev
                and find("\n", b, nxt) < 0
                and not ("." in word and _OPENER.match(text, nxt, be))
            ):
                continue  # 'in the U.S. He said' ends a sentence, 'the U.S. Senate' does not
        cuts.append(b)
    if find("\n", bs, be) < 0:
        pass  # one paragraph, one line (most blocks): no break to look for
    elif quotes:
        for m in _BREAK.finditer(text, bs, be):
            p = m.start()
            j = bisect_right(starts, p - 1) - 1
            if not (j >= 0 and starts[j] < p < ends[j]):
                cuts.append(p)
    else:
        cuts.extend(m.start() for m in _BREAK.finditer(text, bs, be))
    cuts = sorted(set(cuts))
    if be - bs > MAX_CLAUSE:
        cuts = _cap_lengths(text, bs, be, cuts, quotes, starts)
    else:  # no clause can be too long: what _cap_lengths would give
        cuts = [c for c in cuts if c < be]
    cuts.append(be)
    segs: list[tuple[int, int]] = []
    s = bs
    for c in cuts:
        a = s
        while a < c and text[a].isspace():
            a += 1
        z = c
        while z > a and text[z - 1].isspace():
            z -= 1
        if a < z:
            segs.append((a, z))
        s = c
    return segs


#: A "sentence" longer than this (a run-on line, a list without stops) is cut at a space outside
#: quotes, so the work per clause stays bounded whatever the input.
MAX_CLAUSE = 1500


def _cap_lengths(
    text: str, bs: int, be: int, cuts: list[int], quotes: list[_Span], starts: list[int]
) -> list[int]:
    out: list[int] = []
    prev = bs
    for c in [*cuts, be]:
        while c - prev > MAX_CLAUSE:
            pos = prev + MAX_CLAUSE // 2
            j = bisect.bisect_right(starts, pos) - 1
            if j >= 0 and quotes[j].start < pos < quotes[j].end:
                pos = quotes[j].end  # never inside a quote
            sp = text.find(" ", pos, c)
            if sp < 0 or sp >= c:
                break
            k = bisect.bisect_right(starts, sp) - 1
            if k >= 0 and quotes[k].start < sp < quotes[k].end:
                sp = quotes[k].end
                if sp >= c:
                    break
            out.append(sp)
            prev = sp
        if c < be:
            out.append(c)
        prev = max(prev, c)
    return out
