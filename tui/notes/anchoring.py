"""Anchors that survive edits: W3C Web Annotation selectors and re-anchoring.

A note remembers *what* it annotates twice over, as the W3C Web Annotation model does: a
TextQuoteSelector (the exact text plus 32 characters either side) and a TextPositionSelector
(character offsets into ``Document.text``), with the document's path and a hash of its text.
When the text changes, :func:`resolve` finds the passage again:

1. the stored position, if the exact text is still there and its context still fits;
2. the exact text elsewhere, the copy whose prefix and suffix fit best (nearest wins ties);
3. a fuzzy match: spans between the old prefix and suffix, spans from the quote's first words
   to its last, and rapidfuzz alignments of the quote near the old place, then anywhere,
   scored on quote, prefix and suffix together.

A candidate must look like the passage (:data:`QUOTE_MIN`, :data:`THRESHOLD`) and sit where the
passage could be: the only copy of the exact words, or a place whose context agrees. Otherwise
the note is orphaned: never dropped, never silently attached to a passage that only looks
similar (a sentence that repeats, a near-copy). :func:`resolve_all` resolves a document's notes
together, so the notes found beyond doubt tell where their neighbours should be now.
No Textual here: the store and the exporter use it.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

#: Characters of context kept either side of the exact text (TextQuoteSelector prefix/suffix).
CONTEXT = 32
#: Minimum combined score (0..1) of quote + prefix + suffix for a re-anchored passage.
THRESHOLD = 0.75
#: Minimum similarity (0..1) of the quote alone for a fuzzy match.
QUOTE_MIN = 0.75
#: Fuzzy search looks this far around the expected place before searching the whole text.
WINDOW = 4096
#: Minimum similarity (0..1) of prefix and suffix together when the quote alone cannot tell:
#: the exact text occurs more than once, or it only matches fuzzily.
CONTEXT_MIN = 0.6
#: One side of the context this alike counts as intact (the other neighbour was edited).
SIDE_INTACT = 0.9
#: "Near where expected", in characters (or twice the passage, if longer).
NEAR = 256
#: Context this alike (0..1) identifies a place on its own, however far from where it was.
CONTEXT_STRONG = 0.9
#: Candidates within this much of the best score count as ties: the nearest one wins.
TIE = 0.05
#: A resolution this good (exact words, intact context) anchors its neighbours' expectations.
SURE = 0.97
#: At most this many occurrences of the exact text are weighed (nearest to the old place first).
MAX_CANDIDATES = 500

Method = Literal["position", "exact", "fuzzy", "orphan"]


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a note sits: path, content hash, quote selector and position selector."""

    path: str
    content_hash: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where an anchor lands in a (possibly edited) text, and how it was found."""

    method: Method
    start: int
    end: int
    score: float

    @property
    def orphaned(self) -> bool:
        return self.method == "orphan"


@lru_cache(maxsize=2)  # the open document and the one before; texts can be large
def content_hash(text: str) -> str:
    """A stable fingerprint of a document's text: re-anchoring is skipped when it is unchanged."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def make_anchor(path: str, text: str, start: int, end: int, text_hash: str | None = None) -> Anchor:
    """Anchor ``text[start:end]``; raises ValueError for an empty or out-of-range span."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"passage {start}..{end} is empty or outside the text ({len(text)})")
    return Anchor(
        path=path,
        content_hash=text_hash or content_hash(text),
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
    )


def _sim(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    from rapidfuzz import fuzz  # only when a passage moved: not on the way to the first screen

    return fuzz.ratio(a, b) / 100.0


@dataclass(frozen=True, slots=True)
class Fit:
    """How well a span fits an anchor: quote, context (prefix and suffix) and both together."""

    combined: float
    quote: float
    context: float
    prefix: float = 1.0
    suffix: float = 1.0


def score_at(anchor: Anchor, text: str, start: int, end: int) -> Fit:
    """Similarity of the anchor to ``text[start:end]`` and its context.

    The combined score weighs quote, prefix and suffix by their stored lengths, so a long
    passage found intact counts for more than its context, and a short one needs context too.
    """
    q = 1.0 if text[start:end] == anchor.exact else _sim(anchor.exact, text[start:end])
    lp, ls = len(anchor.prefix), len(anchor.suffix)
    p = _sim(anchor.prefix, text[max(0, start - lp) : start]) if lp else 1.0
    s = _sim(anchor.suffix, text[end : end + ls]) if ls else 1.0
    lq = len(anchor.exact)
    total = lq + lp + ls
    combined = (lq * q + lp * p + ls * s) / total if total else 0.0
    context = (lp * p + ls * s) / (lp + ls) if lp + ls else 1.0
    return Fit(combined, q, context, p, s)


def _exact_candidates(anchor: Anchor, text: str, expected: int) -> list[int]:
    """Start offsets of the exact text, nearest to ``expected`` first, at most MAX_CANDIDATES."""
    found: list[int] = []
    i = text.find(anchor.exact)
    while i != -1:
        found.append(i)
        i = text.find(anchor.exact, i + 1)
    found.sort(key=lambda s: abs(s - expected))
    return found[:MAX_CANDIDATES]


def _aligned(anchor: Anchor, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Best fuzzy alignment of the quote inside ``text[lo:hi]``, as is and stretched to context.

    partial_ratio aligns a window as long as the old quote; a passage that grew needs its ends
    moved to where the old prefix ends and the suffix begins. Each variant is a candidate.
    """
    if hi <= lo:
        return []
    from rapidfuzz import fuzz

    al = fuzz.partial_ratio_alignment(anchor.exact, text[lo:hi], score_cutoff=QUOTE_MIN * 100)
    if al is None or al.dest_end <= al.dest_start:
        return []
    start, end = lo + al.dest_start, lo + al.dest_end
    wide_start, wide_end = _widen_to_context(anchor, text, start, end)
    spans = {(start, end), (wide_start, end), (start, wide_end), (wide_start, wide_end)}
    return [(s, e) for s, e in spans if e > s]


def _bracketed(anchor: Anchor, text: str, expected: int) -> list[tuple[int, int]]:
    """Spans between an intact prefix and an intact suffix about a quote's length apart.

    Finds a passage that grew or shrank inside while its surroundings stayed, even when an
    untouched copy of the old words sits elsewhere (which a quote-only alignment would prefer).
    """
    lp, ls, n = len(anchor.prefix), len(anchor.suffix), len(anchor.exact)
    if lp < 8 or ls < 8:
        return []
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    i = text.find(anchor.prefix)
    while i != -1 and len(starts) < MAX_CANDIDATES * 4:
        starts.append(i + lp)
        i = text.find(anchor.prefix, i + 1)
    starts.sort(key=lambda s: abs(s - expected))
    for start in starts[:MAX_CANDIDATES]:
        j = text.find(anchor.suffix, start + max(1, n // 2), start + 2 * n + 64 + ls)
        if j != -1:
            spans.append((start, j))
    return spans


def _widen_to_context(anchor: Anchor, text: str, start: int, end: int) -> tuple[int, int]:
    """Where the stored prefix ends and the suffix begins, if they are near ``start``/``end``."""
    n = len(anchor.exact)
    slack = max(16, n // 2)
    if len(anchor.prefix) >= 8:
        lo = max(0, start - slack - len(anchor.prefix))
        i = text.rfind(anchor.prefix, lo, min(len(text), end))
        if i != -1 and abs(i + len(anchor.prefix) - start) <= slack:
            start = i + len(anchor.prefix)
    if len(anchor.suffix) >= 8:
        j = text.find(anchor.suffix, max(start, end - slack), end + slack + len(anchor.suffix))
        if j != -1 and abs(j - end) <= slack:
            end = j
    return start, end


def _pick(scored: list[tuple[Fit, int, int]], key: str, expected: int) -> tuple[Fit, int, int]:
    """The best candidate by ``key``; among near-ties (within TIE), the place nearest to
    ``expected``, and at that place (overlapping spans) the best-scoring span."""
    best = max(getattr(f, key) for f, _, _ in scored)
    near = [c for c in scored if getattr(c[0], key) >= best - TIE]
    _, ps, pe = min(near, key=lambda c: (abs(c[1] - expected), -getattr(c[0], key)))
    same_place = [c for c in near if c[1] < pe and c[2] > ps]
    return max(same_place, key=lambda c: (getattr(c[0], key), -abs(c[1] - expected)))


def _head_tail(anchor: Anchor, text: str, expected: int) -> list[tuple[int, int]]:
    """Spans from the quote's first words to its last ones, near where it is expected.

    A passage with words inserted or changed in its middle keeps its head and tail.
    """
    n = len(anchor.exact)
    k = min(24, n // 3)
    if k < 8:
        return []
    head, tail = anchor.exact[:k], anchor.exact[-k:]
    lo, hi = max(0, expected - WINDOW), min(len(text), expected + n + WINDOW)
    spans: list[tuple[int, int]] = []
    i = text.find(head, lo, hi)
    while i != -1 and len(spans) < 50:
        j = text.find(tail, i + k, i + 2 * n + 64)
        if j != -1:
            spans.append((i, j + k))
        i = text.find(head, i + 1, hi)
    return spans


def resolve(
    anchor: Anchor, text: str, text_hash: str | None = None, expected: int | None = None
) -> Resolution:
    """Find the anchor's passage in ``text``; ``method == "orphan"`` when it is not there.

    ``expected`` is where the passage probably starts now (default: where it was): it breaks
    near-ties between equally good places (a sentence that repeats) and bounds how far a
    candidate with only fair context may be.
    """
    res = _resolve(anchor, text, text_hash, expected, quick=False)
    assert res is not None
    return res


def _resolve(
    anchor: Anchor, text: str, text_hash: str | None, expected: int | None, quick: bool
) -> Resolution | None:
    """:func:`resolve`; with ``quick``, only the cheap steps, and None when they do not settle."""
    n = len(anchor.exact)
    if n == 0:
        return Resolution("orphan", anchor.start, anchor.end, 0.0)
    unchanged = text_hash is not None and text_hash == anchor.content_hash
    if unchanged and text[anchor.start : anchor.end] == anchor.exact:
        return Resolution("position", anchor.start, anchor.end, 1.0)
    exp = anchor.start if expected is None else expected

    # 1 and 2: the exact text, at the stored place or elsewhere. With its context intact it
    # is settled at once; otherwise it competes with the fuzzy candidates below.
    candidates: list[tuple[Fit, int, int, bool]] = []
    exact = _exact_candidates(anchor, text, exp)
    if exact:
        scored = [(score_at(anchor, text, s, s + n), s, s + n) for s in exact]
        fit, start, end = _pick(scored, "context", exp)
        if fit.context >= CONTEXT_STRONG and fit.combined >= THRESHOLD:
            method: Method = "position" if start == anchor.start else "exact"
            return Resolution(method, start, end, fit.combined)
        candidates += [(f, s, e, len(exact) == 1) for f, s, e in scored]
    if quick:
        return None

    # 3: fuzzy. Spans bracketed by the old prefix and suffix, and (when the words are nowhere
    # as they were) the best alignments of the quote near the expected place and anywhere.
    spans = set(_bracketed(anchor, text, exp)) | set(_head_tail(anchor, text, exp))
    candidates += [(score_at(anchor, text, s, e), s, e, False) for s, e in spans]
    if not exact:
        near = (max(0, exp - WINDOW), min(len(text), exp + n + WINDOW))
        aligned = _aligned(anchor, text, *near)
        candidates += [(score_at(anchor, text, s, e), s, e, False) for s, e in aligned]
        if near != (0, len(text)) and not any(_acceptable(c, exp) for c in candidates):
            aligned = _aligned(anchor, text, 0, len(text))  # moved far, and changed
            candidates += [(score_at(anchor, text, s, e), s, e, False) for s, e in aligned]

    # Accept only what looks like the passage and sits where the passage could be: the only
    # copy of the words, or a place whose context agrees (strongly, or fairly and near where
    # the passage is expected). A near-copy elsewhere is not the passage: orphan instead.
    good = [(c[0], c[1], c[2]) for c in candidates if _acceptable(c, exp)]
    if good:
        fit, start, end = _pick(good, "combined", exp)
        if text[start:end] == anchor.exact:
            return Resolution(
                "position" if start == anchor.start else "exact", start, end, fit.combined
            )
        return Resolution("fuzzy", start, end, fit.combined)
    return Resolution("orphan", anchor.start, anchor.end, 0.0)


def _acceptable(candidate: tuple[Fit, int, int, bool], expected: int) -> bool:
    """Looks like the passage, and sits where the passage could be: the only copy of its exact
    words, or context intact on both sides, or intact on one side and near where expected."""
    fit, start, end, unique = candidate
    near = abs(start - expected) <= max(NEAR, 2 * (end - start))
    return (
        fit.quote >= QUOTE_MIN
        and fit.combined >= THRESHOLD
        and (
            (unique and fit.quote == 1.0)
            or fit.context >= CONTEXT_STRONG
            or (max(fit.prefix, fit.suffix) >= SIDE_INTACT and fit.context >= CONTEXT_MIN and near)
        )
    )


def resolve_all(
    anchors: Sequence[Anchor], text: str, text_hash: str | None = None
) -> list[Resolution]:
    """Resolve the notes of one document together: sure ones tell where the others moved.

    Edits keep the order of what they do not touch, so the shift of the nearest note found
    beyond doubt (exact words, intact context) says where a neighbour that repeats elsewhere,
    or changed, should be now; those are resolved again with that expectation.
    """
    text_hash = text_hash or content_hash(text)
    first: list[Resolution | None] = [None] * len(anchors)
    shift = 0  # of the last note found beyond doubt, in reading order: try it first
    for i in sorted(range(len(anchors)), key=lambda k: anchors[k].start):
        a = anchors[i]
        guess = a.start + shift
        if text.startswith(a.exact, guess) and a.exact:
            fit = score_at(a, text, guess, guess + len(a.exact))
            if fit.context >= CONTEXT_STRONG and fit.combined >= SURE:
                method: Method = "position" if guess == a.start else "exact"
                first[i] = Resolution(method, guess, guess + len(a.exact), fit.combined)
                continue
        res = _resolve(a, text, text_hash, None, quick=True)
        first[i] = res
        if res is not None and res.score >= SURE:
            shift = res.start - a.start
    sure = sorted(
        (a.start, r.start - a.start)
        for a, r in zip(anchors, first, strict=True)
        if r is not None and r.score >= SURE
    )
    olds = [o for o, _ in sure]
    out: list[Resolution] = []
    for a, r in zip(anchors, first, strict=True):
        if r is not None and r.score >= SURE:
            out.append(r)
            continue
        expected = None
        if sure:
            i = bisect_right(olds, a.start)
            neighbours = [sure[j] for j in (i - 1, i) if 0 <= j < len(sure)]
            expected = a.start + min(neighbours, key=lambda o: abs(o[0] - a.start))[1]
        out.append(resolve(a, text, text_hash, expected))
    return out


def rebase(anchor: Anchor, text: str, res: Resolution, text_hash: str) -> Anchor:
    """The anchor refreshed against the new text where ``res`` found it (orphans keep theirs)."""
    if res.orphaned:
        return anchor
    return make_anchor(anchor.path, text, res.start, res.end, text_hash)
