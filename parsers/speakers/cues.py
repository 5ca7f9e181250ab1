"""Cue words found once per document (one Aho-Corasick pass) and looked up by bisection."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

import ahocorasick

from parsers.speakers.lexicon import CUE_WORDS

_WORD = re.compile(r"[^\W\d_]+")
_PHRASE_TAIL = {
    "according": re.compile(r"\s+to\b"),
    "pointed": re.compile(r"\s+out\b"),
    "points": re.compile(r"\s+out\b"),
    # 'As X put it, "..."': "put" alone reports nothing
    "put": re.compile(r"\s+it\b"),
    "puts": re.compile(r"\s+it\b"),
}


class Cue:
    """A cue as written in the text; ``start()``/``end()``/``group()`` like a regex match."""

    __slots__ = ("_end", "_start", "_word")

    def __init__(self, start: int, end: int, word: str) -> None:
        self._start, self._end, self._word = start, end, word

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self) -> str:
        return self._word


def _cue_automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for w in CUE_WORDS | _PHRASE_TAIL.keys():
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


_CUE_AUTOMATON = _cue_automaton()


def _scan_cues(text: str) -> tuple[list[int], list[Cue]]:
    """Every cue of ``text``: the cue forms are found in the lowercased text in one
    Aho-Corasick pass (in C), and a hit counts only when it is a whole word, a maximal run of
    letters as ``_WORD`` would cut it. Same cues as a word-by-word scan, several times faster."""
    low = text.lower()
    if len(low) != len(text):  # a letter that lowercases to two ("İ"): offsets would drift
        return _scan_words(text)
    cues: list[Cue] = []
    n = len(text)
    tails = _PHRASE_TAIL
    for last, size in _CUE_AUTOMATON.iter(low):
        e = last + 1
        s = e - size
        # inside a longer word ("stated" in "reinstated", "add" in "address")? A letter is what
        # _WORD takes: [^\W\d_], that is alphanumeric but not a decimal digit.
        if s > 0:
            c = text[s - 1]
            if c.isalnum() and not c.isdecimal():
                continue
        if e < n:
            c = text[e]
            if c.isalnum() and not c.isdecimal():
                continue
        w = low[s:e]
        tail = tails.get(w)
        if tail is not None:
            t = tail.match(text, e, min(n, e + 40))
            if t is not None:
                cues.append(Cue(s, t.end(), text[s : t.end()]))
                continue
        if w in CUE_WORDS:
            cues.append(Cue(s, e, text[s:e]))
    return [c._start for c in cues], cues


def _scan_words(text: str) -> tuple[list[int], list[Cue]]:
    """The same scan word by word (for text whose lowercase changes length)."""
    cues: list[Cue] = []
    n = len(text)
    for m in _WORD.finditer(text):
        w = m.group().lower()
        tail = _PHRASE_TAIL.get(w)
        if tail is not None:
            t = tail.match(text, m.end(), min(n, m.end() + 40))
            if t is not None:
                cues.append(Cue(m.start(), t.end(), text[m.start() : t.end()]))
                continue
        if w in CUE_WORDS:
            cues.append(Cue(m.start(), m.end(), m.group()))
    return [c.start() for c in cues], cues


#: The cues of the last document asked about: one word scan per document, then bisects.
_CUE_MEMO: tuple[str, list[int], list[Cue]] = ("", [], [])


def _cues_of(text: str) -> tuple[list[int], list[Cue]]:
    """The cues of ``text``, scanned once and kept for the next call on the same text. Each
    caller works on the tuple it got back, so threads parsing other documents cannot mix
    them up."""
    global _CUE_MEMO
    memo = _CUE_MEMO
    if memo[0] is not text:
        starts, cues = _scan_cues(text)
        memo = (text, starts, cues)
        _CUE_MEMO = memo
    return memo[1], memo[2]


def iter_cues(text: str, lo: int, hi: int) -> Iterator[Cue]:
    """Cue words and phrases ("according to", "pointed out") that start in ``[lo, hi)`` and end
    by ``hi``. The document is scanned once for words and looked up in a set: linear, and far
    faster than one regex alternation of every inflected form."""
    starts, cues = _cues_of(text)
    i = bisect.bisect_left(starts, lo)
    while i < len(cues) and starts[i] < hi:
        c = cues[i]
        if c.end() <= hi:
            yield c
        i += 1


def has_cue(text: str, lo: int, hi: int) -> bool:
    """Any cue word starting in ``[lo, hi)``? (One bisect once the document is scanned.)"""
    starts, _cues = _cues_of(text)
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def first_cue(text: str, lo: int, hi: int) -> Cue | None:
    """The first cue ``iter_cues`` would give (without building a generator for it)."""
    starts, cues = _cues_of(text)
    i = bisect.bisect_left(starts, lo)
    n = len(cues)
    while i < n and starts[i] < hi:
        c = cues[i]
        if c._end <= hi:
            return c
        i += 1
    return None
