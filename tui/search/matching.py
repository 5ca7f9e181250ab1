"""Scoring helpers: how well one tokenised unit matches a query, excerpts, de-duplication."""

from __future__ import annotations

from collections.abc import Iterable

from tui.search.folding import tokenize
from tui.search.hits import SearchHit


class Matcher:
    """One query's expansions as a term map: which query words each index term satisfies."""

    __slots__ = ("n", "phrase", "tmap", "total_w", "weights")

    def __init__(self, exps: list[dict[str, float]], weights: list[float], phrase: bool) -> None:
        self.n = len(exps)
        self.weights = weights
        self.total_w = sum(weights) or 1.0
        self.phrase = phrase
        tmap: dict[str, list[tuple[int, float]]] = {}
        for i, e in enumerate(exps):
            for t, qv in e.items():
                tmap.setdefault(t, []).append((i, qv))
        self.tmap = tmap

    def spans(self, body: str) -> list[tuple[int, int]]:
        tmap = self.tmap
        return [(a, b) for t, a, b in tokenize(body) if t in tmap]

    def match(
        self, toks: list[tuple[str, int, int]], phrase_required: bool | None = None
    ) -> tuple[float, list[tuple[int, int]], tuple[int, int]] | None:
        """Score a tokenised field: (score, matched spans, centre span) or None."""
        if not toks:
            return None
        n, tmap, weights = self.n, self.tmap, self.weights
        best_q = [0.0] * n
        first_at = [-1] * n
        spans: list[tuple[int, int]] = []
        hits: dict[int, list[tuple[int, float]]] = {}
        for j, (t, a, b) in enumerate(toks):
            m = tmap.get(t)
            if m is None:
                continue
            hits[j] = m
            spans.append((a, b))
            for i, qv in m:
                if qv > best_q[i]:
                    best_q[i] = qv
                    first_at[i] = j
        if not spans:
            return None
        cov = sum(w * qv for w, qv in zip(weights, best_q, strict=True)) / self.total_w
        if cov <= 0:
            return None
        phrase_at = -1
        if n >= 2:
            for j, m in hits.items():
                if any(i == 0 for i, _ in m) and all(
                    any(i == k for i, _ in hits.get(j + k, ())) for k in range(1, n)
                ):
                    phrase_at = j
                    break
        required = self.phrase if phrase_required is None else phrase_required
        if required and n >= 2 and phrase_at < 0:
            return None
        score = cov * cov
        if phrase_at >= 0:
            score += 0.35
            centre = (toks[phrase_at][1], toks[phrase_at + n - 1][2])
        else:
            placed = sorted(j for j in first_at if j >= 0)
            if len(placed) >= 2:
                spread = placed[-1] - placed[0] + 1
                score += 0.15 * len(placed) / spread
            i_best = max(range(n), key=lambda i: (weights[i] * best_q[i], -i))
            j = first_at[i_best] if first_at[i_best] >= 0 else placed[0]
            centre = (toks[j][1], toks[j][2])
        if n == len(toks) and cov >= 0.99:
            score += 0.25  # the whole field is the query (a title or a name)
        return score, spans, centre


def window(
    body: str, cs: int, ce: int, width: int, spans: Iterable[tuple[int, int]] = ()
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A one-line excerpt of ``body`` around ``cs:ce`` with the spans moved into it."""
    if len(body) <= 2 * width + (ce - cs):
        lo, hi = 0, len(body)
    else:
        lo = max(0, cs - width)
        hi = min(len(body), ce + width)
        if lo > 0:
            sp = body.find(" ", lo, cs)
            lo = sp + 1 if sp >= 0 else lo
        if hi < len(body):
            sp = body.rfind(" ", ce, hi)
            hi = sp if sp > ce else hi
    piece = body[lo:hi].replace("\n", " ").replace("\t", " ")
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(body) else ""
    shift = len(prefix) - lo
    out = tuple((a + shift, b + shift) for a, b in spans if a >= lo and b <= hi)
    return prefix + piece + suffix, out


def dedupe(hits: list[SearchHit]) -> list[SearchHit]:
    """A paragraph hit inside a quote hit of the same place is the same find: keep the quote."""
    quotes: dict[str, list[tuple[int, int]]] = {}
    for h in hits:
        if h.kind == "quote":
            quotes.setdefault(h.path, []).append((h.unit_start, h.unit_end))
    if not quotes:
        return hits
    out = []
    for h in hits:
        if h.kind == "paragraph" and any(
            a <= h.start and h.end <= b for a, b in quotes.get(h.path, ())
        ):
            continue
        out.append(h)
    return out
