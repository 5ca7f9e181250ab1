"""A query as the index reads it: its folded words, which is a typed prefix, which are stopwords."""

from __future__ import annotations

from dataclasses import dataclass

from tui.search.folding import STOPWORDS, tokenize


@dataclass(slots=True)
class QTok:
    term: str
    open: bool
    stop: bool


@dataclass(slots=True)
class Query:
    toks: list[QTok]
    phrase: bool
    folded: str


def parse_query(query: str) -> Query:
    """Terms of a query; the last is a typed prefix unless followed by a space or a quote."""
    q = query.strip()
    phrase = len(q) >= 2 and q[0] in '"“' and q[-1] in '"”'
    toks = [t for t, _, _ in tokenize(q)]
    open_last = bool(toks) and not phrase and not query.endswith((" ", '"', "”"))
    out = [QTok(t, False, t in STOPWORDS) for t in toks]
    if out and open_last:
        out[-1].open = True
    if out and all(t.stop for t in out):
        for t in out:
            t.stop = False
    return Query(out, phrase, " ".join(toks))
