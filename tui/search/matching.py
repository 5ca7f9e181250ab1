"""Scoring helpers: how well one tokenised unit matches a query, excerpts, de-duplication."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import compress
from typing import NamedTuple

from tui.search.folding import Tokens
from tui.search.hits import HitKind, SearchHit

#: How a unit's words meet the query, best first: the query as a phrase (every word, in order,
#: adjacent), every word within a small window, every word somewhere in the unit, some words.
PHRASE, WINDOW, ALL, SOME = 4, 3, 2, 1
#: Extra tokens a "small window" may hold beyond the query's own words.
WINDOW_SLACK = 3

#: How one field matches (:meth:`Matcher.match`): score, matched spans, centre span, grade.
Match = tuple[float, list[tuple[int, int]], tuple[int, int], float]


class Scored(NamedTuple):
    """A unit scored for one query, before its hit is built: a query scores a hundred or more
    units and lists fewer, and the excerpt and section of a hit cost as much as scoring it,
    so :meth:`hit` builds them only for the units that make the list."""

    score: float
    doc: int
    start: int
    end: int
    kind: HitKind
    unit_start: int
    unit_end: int
    entity_id: str | None
    make: Callable[[], SearchHit]

    def order(self) -> tuple[float, int, int]:
        """Best first; ties in library order, then by place in the document."""
        return (-self.score, self.doc, self.start)

    def hit(self) -> SearchHit:
        return self.make()


def exactness(qv: float) -> int:
    """5 for the word itself (or its plural), 4 for a typed prefix, then the typo neighbours by
    how far they are: 3 one edit away, 2 a prefix one edit away, 1 two edits away. Closer
    typos must rank first: in a large vocabulary a mistyped word has many neighbours, and the
    one a single slip away is the likely one, whatever kind of unit the farther one is in."""
    if qv >= 0.95:
        return 5
    if qv >= 0.85:
        return 4
    return 3 if qv >= 0.8 else 2 if qv >= 0.7 else 1


class Matcher:
    """One query's expansions as a term map: which query words each index term satisfies.

    :meth:`match` grades a unit by how well the words match (phrase > window > all > some, then
    exact > prefix > typo) before anything else, so a quote holding the words scattered cannot
    outrank a paragraph holding them as typed; word order counts ("Davi James" is not "James
    Davis").
    """

    __slots__ = ("memo", "n", "n_need", "need", "phrase", "qvec", "total_w", "weights")

    def __init__(
        self,
        exps: list[dict[str, float]],
        weights: list[float],
        phrase: bool,
        need: list[bool] | None = None,
    ) -> None:
        self.n = n = len(exps)
        self.weights = weights
        self.total_w = sum(weights) or 1.0
        self.phrase = phrase
        #: Which query words count for "every word" (stopwords do not, unless all are).
        self.need = need if need is not None and any(need) else [True] * n
        self.n_need = sum(self.need)
        # Per index term, how well it stands for each query word (0.0: not at all): one
        # tuple per term, so a unit's matching words are found by ``map`` in C.
        qvec: dict[str, list[float]] = {}
        for i, e in enumerate(exps):
            for t, qv in e.items():
                qvec.setdefault(t, [0.0] * n)[i] = qv
        self.qvec = {t: tuple(v) for t, v in qvec.items()}
        #: Per-query results keyed by the caller (an entity's names, matched once).
        self.memo: dict[int, Match | None] = {}

    def spans(self, toks: Tokens) -> list[tuple[int, int]]:
        """Where the query's words are among a text's words (:func:`token_columns`)."""
        terms, starts, ends = toks
        found = list(map(self.qvec.__contains__, terms))
        return list(zip(compress(starts, found), compress(ends, found), strict=True))

    def match(self, toks: Tokens, phrase_required: bool | None = None) -> Match | None:
        """Score a tokenised field: (score, matched spans, centre span, grade) or None.

        ``grade`` is the tier (PHRASE..SOME) plus a tenth of the exactness (1-5); ``score``
        orders units of the same grade (coverage, proximity, whole-field match).
        """
        terms, starts, ends = toks
        if not terms:
            return None
        n, weights, need = self.n, self.weights, self.need
        # The query's words among the field's, found in C (a paragraph has a hundred words,
        # a few of them match): the loops below run over the matching ones only.
        per_tok = list(map(self.qvec.get, terms))
        where = list(compress(range(len(per_tok)), per_tok))
        if not where:
            return None
        vecs: list[tuple[float, ...]] = [per_tok[j] for j in where]  # type: ignore[misc]
        spans = list(zip(compress(starts, per_tok), compress(ends, per_tok), strict=True))
        if n == 1:
            # One word (most keystrokes): its best occurrence is the phrase; the general
            # steps below come to the same figures with more work.
            qs = [v[0] for v in vecs]
            q1 = max(qs)
            cov = weights[0] * q1 / self.total_w
            if cov <= 0:
                return None
            j = where[qs.index(q1)]
            score = cov * cov + 0.35
            if len(terms) == 1 and cov >= 0.99:
                score += 0.25
            return score, spans, (starts[j], ends[j]), PHRASE + exactness(q1) / 10
        # Each query word's best quality in the field, and the first word reaching it.
        best_q = list(vecs[0]) if len(vecs) == 1 else list(map(max, *vecs))
        first_at = [
            where[[v[i] for v in vecs].index(best_q[i])] if best_q[i] > 0 else -1 for i in range(n)
        ]
        cov = sum(w * qv for w, qv in zip(weights, best_q, strict=True)) / self.total_w
        if cov <= 0:
            return None
        # The best occurrence of the whole query in order and adjacent, by its worst word.
        if n == 1:
            phrase_at, phrase_q = first_at[0], best_q[0]
        else:
            phrase_at, phrase_q = -1, 0.0
            last = len(per_tok) - n
            for j, v in zip(where, vecs, strict=True):
                worst = v[0]
                if worst <= phrase_q or j > last:
                    continue
                for k in range(1, n):
                    vk = per_tok[j + k]
                    qk = vk[k] if vk is not None else 0.0
                    if qk <= phrase_q:
                        worst = 0.0
                        break
                    if qk < worst:
                        worst = qk
                if worst > phrase_q:
                    phrase_at, phrase_q = j, worst
        required = self.phrase if phrase_required is None else phrase_required
        if required and n >= 2 and phrase_at < 0:
            return None
        present = [i for i in range(n) if need[i] and best_q[i] > 0]
        all_in = len(present) == self.n_need
        score = cov * cov
        if phrase_at >= 0:
            tier, exact = PHRASE, exactness(phrase_q)
            score += 0.35
            centre = (starts[phrase_at], ends[phrase_at + n - 1])
        else:
            exact = min((exactness(best_q[i]) for i in present), default=1)
            tier = ALL if all_in else SOME
            placed = sorted(j for j in first_at if j >= 0)
            if len(placed) >= 2:
                spread = placed[-1] - placed[0] + 1
                score += 0.15 * len(placed) / spread
            if (
                all_in
                and len(present) >= 2
                and _min_window(where, vecs, present) <= len(present) + WINDOW_SLACK
            ):
                tier = WINDOW
            i_best = max(range(n), key=lambda i: (weights[i] * best_q[i], -i))
            j = first_at[i_best] if first_at[i_best] >= 0 else placed[0]
            centre = (starts[j], ends[j])
        if n == len(terms) and cov >= 0.99:
            score += 0.25  # the whole field is the query (a title or a name)
        return score, spans, centre, tier + exact / 10


def rank_score(grade: float, kind: int, within: float) -> float:
    """One sortable number: the grade first, then the kind (title 0 .. paragraph 3), then the
    score within the grade (coverage, proximity, kind weight)."""
    return grade + (4 - kind) / 100 + min(max(within, 0.0), 9.99) / 1000


def _min_window(where: list[int], vecs: list[tuple[float, ...]], words: list[int]) -> int:
    """Fewest adjacent tokens holding every one of ``words`` (query word indices), given the
    matching tokens' positions and qualities."""
    want = len(words)
    events = [(j, i) for j, v in zip(where, vecs, strict=True) for i in words if v[i] > 0]
    have: dict[int, int] = {}
    best = 1 << 30
    lo = 0
    for j, i in events:
        have[i] = have.get(i, 0) + 1
        while len(have) == want:
            best = min(best, j - events[lo][0] + 1)
            il = events[lo][1]
            have[il] -= 1
            if not have[il]:
                del have[il]
            lo += 1
    return best


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


def dedupe(hits: list[Scored]) -> list[Scored]:
    """A paragraph hit inside a quote hit of the same place is the same find: keep the quote."""
    quotes: dict[int, list[tuple[int, int]]] = {}
    for h in hits:
        if h.kind == "quote":
            quotes.setdefault(h.doc, []).append((h.unit_start, h.unit_end))
    if not quotes:
        return hits
    out = []
    for h in hits:
        if h.kind == "paragraph" and any(
            a <= h.start and h.end <= b for a, b in quotes.get(h.doc, ())
        ):
            continue
        out.append(h)
    return out


def group_hits(hits: list[SearchHit], mentions: dict[str, int] | None = None) -> list[SearchHit]:
    """Hits grouped by document: documents in the order of their best hit, each document's
    hits together, best first. With ``mentions`` (path -> mentions of the entity the query
    names), the documents mentioning it come first, most mentions first."""
    mentions = mentions or {}
    groups: dict[str, list[SearchHit]] = {}
    for h in hits:
        groups.setdefault(h.path, []).append(h)
    order = sorted(
        enumerate(groups),
        key=lambda x: (-mentions.get(x[1], 0), x[0]),
    )
    return [h for _, p in order for h in groups[p]]
