"""Anchors that survive edits: W3C Web Annotation selectors and re-anchoring.

A note remembers *what* it annotates twice over, as the W3C Web Annotation model does: a
TextQuoteSelector (the exact text plus 32 characters either side) and a TextPositionSelector
(character offsets into ``Document.text``), with the document's path and a hash of its text.
When the text changes, :func:`resolve` finds the passage again, trying in order:

1. the stored position, if the exact text is still there (and its context still fits);
2. the exact text elsewhere, the candidate whose prefix and suffix fit best (nearest wins ties);
3. a fuzzy match (rapidfuzz) near the old place and then anywhere, scored on quote, prefix and
   suffix together.

Every candidate is scored the same way, by length-weighted similarity of quote, prefix and
suffix; below :data:`THRESHOLD` (or with a quote less than :data:`QUOTE_MIN` alike) the note is
orphaned. Orphaning is the safe answer: a note is never dropped and never silently attached to a
passage that only happens to look similar. No Textual here: the store and the exporter use it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

#: Characters of context kept either side of the exact text (TextQuoteSelector prefix/suffix).
CONTEXT = 32
#: Minimum combined score (0..1) of quote + prefix + suffix for a re-anchored passage.
THRESHOLD = 0.75
#: Minimum similarity (0..1) of the quote alone for a fuzzy match.
QUOTE_MIN = 0.75
#: Fuzzy search looks this far around the expected place before searching the whole text.
WINDOW = 4096
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


def content_hash(text: str) -> str:
    """A stable fingerprint of a document's text: re-anchoring is skipped when it is unchanged."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def make_anchor(
    path: str, text: str, start: int, end: int, text_hash: str | None = None
) -> Anchor:
    """Anchor ``text[start:end]``; raises ValueError for an empty or out-of-range span."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"passage {start}..{end} is empty or outside the text ({len(text)})")
    return Anchor(
        path=path,
        content_hash=text_hash or content_hash(text),
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT):start],
        suffix=text[end:end + CONTEXT],
        start=start,
        end=end,
    )


def _sim(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def score_at(anchor: Anchor, text: str, start: int, end: int) -> tuple[float, float]:
    """(combined, quote-only) similarity of the anchor to ``text[start:end]`` and its context.

    The combined score weighs quote, prefix and suffix by their stored lengths, so a long
    passage found intact counts for more than its context, and a short one needs context too.
    """
    q = 1.0 if text[start:end] == anchor.exact else _sim(anchor.exact, text[start:end])
    lp, ls = len(anchor.prefix), len(anchor.suffix)
    p = _sim(anchor.prefix, text[max(0, start - lp):start]) if lp else 1.0
    s = _sim(anchor.suffix, text[end:end + ls]) if ls else 1.0
    lq = len(anchor.exact)
    total = lq + lp + ls
    combined = (lq * q + lp * p + ls * s) / total if total else 0.0
    return combined, q


def _exact_candidates(anchor: Anchor, text: str) -> list[int]:
    """Start offsets of the exact text, nearest to the old place first, at most MAX_CANDIDATES."""
    found: list[int] = []
    i = text.find(anchor.exact)
    while i != -1:
        found.append(i)
        i = text.find(anchor.exact, i + 1)
    found.sort(key=lambda s: abs(s - anchor.start))
    return found[:MAX_CANDIDATES]


def _fuzzy(anchor: Anchor, text: str, lo: int, hi: int) -> tuple[int, int, float] | None:
    """Best fuzzy alignment of the quote inside ``text[lo:hi]`` (absolute offsets, score 0..1)."""
    if hi <= lo:
        return None
    hay = text[lo:hi]
    al = fuzz.partial_ratio_alignment(anchor.exact, hay, score_cutoff=QUOTE_MIN * 100)
    if al is None or al.dest_end <= al.dest_start:
        return None
    return lo + al.dest_start, lo + al.dest_end, al.score / 100.0


def _widen_to_context(anchor: Anchor, text: str, start: int, end: int) -> tuple[int, int]:
    """Refine fuzzy bounds: where the stored prefix ends and the suffix begins, if they are near.

    partial_ratio aligns the quote only; when the passage grew (words inserted inside it) the
    alignment may stop short. The intact prefix and suffix show where the passage really starts
    and ends.
    """
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
    if end <= start:
        end = start + 1
    return start, end


def resolve(anchor: Anchor, text: str, text_hash: str | None = None) -> Resolution:
    """Find the anchor's passage in ``text``; ``method == "orphan"`` when it is not there."""
    n = len(anchor.exact)
    if n == 0:
        return Resolution("orphan", anchor.start, anchor.end, 0.0)
    unchanged = text_hash is not None and text_hash == anchor.content_hash
    if unchanged and text[anchor.start:anchor.end] == anchor.exact:
        return Resolution("position", anchor.start, anchor.end, 1.0)

    # 1 and 2: the exact text, at the stored place or elsewhere, judged by its context.
    candidates = _exact_candidates(anchor, text)
    if candidates:
        scored = [
            (score_at(anchor, text, s, s + n)[0], -abs(s - anchor.start), s) for s in candidates
        ]
        best_score, _, best = max(scored)
        stored = next((sc for sc, _, s in scored if s == anchor.start), None)
        if stored is not None and stored >= best_score - 1e-9 and stored >= THRESHOLD:
            return Resolution("position", anchor.start, anchor.end, stored)
        if best_score >= THRESHOLD:
            return Resolution("exact", best, best + n, best_score)

    # 3: fuzzy, first near the old place, then anywhere.
    near = (max(0, anchor.start - WINDOW), min(len(text), anchor.end + WINDOW))
    spans = [near] if near == (0, len(text)) else [near, (0, len(text))]
    best_res: Resolution | None = None
    for lo, hi in spans:
        hit = _fuzzy(anchor, text, lo, hi)
        if hit is None:
            continue
        s, e, _ = hit
        s, e = _widen_to_context(anchor, text, s, e)
        combined, q = score_at(anchor, text, s, e)
        if q >= QUOTE_MIN and combined >= THRESHOLD and (
            best_res is None or combined > best_res.score
        ):
            best_res = Resolution("fuzzy", s, e, combined)
        if best_res is not None and best_res.score >= 0.9:
            break
    if best_res is not None:
        return best_res
    return Resolution("orphan", anchor.start, anchor.end, 0.0)


def rebase(anchor: Anchor, text: str, res: Resolution, text_hash: str) -> Anchor:
    """The anchor refreshed against the new text where ``res`` found it (orphans keep theirs)."""
    if res.orphaned:
        return anchor
    return make_anchor(anchor.path, text, res.start, res.end, text_hash)


def suggest(anchor: Anchor, text: str) -> Resolution | None:
    """The best place for an orphan even below the thresholds: a hint for re-attaching by hand."""
    if not anchor.exact or not text:
        return None
    al = fuzz.partial_ratio_alignment(anchor.exact, text)
    if al is None or al.dest_end <= al.dest_start:
        return None
    combined, _ = score_at(anchor, text, al.dest_start, al.dest_end)
    return Resolution("fuzzy", al.dest_start, al.dest_end, combined)
