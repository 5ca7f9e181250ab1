"""Does the right article come first? Library search against fzf --filter, on generated queries.

    python bench/bench_relevance.py FOLDER [--names 60] [--phrases 60] [--seed 14] [--show-misses]

From any folder of articles (parsed with the project's parsers, entities by its own extraction),
seeded queries of five types:

- ``name`` / ``name-typo`` / ``name-lower``: a person, organisation or place found by entity
  extraction whose name appears (as adjacent words) in 2-5 articles, typed exactly, with one
  typo in its longest word, and in lower case;
- ``phrase`` / ``phrase-typo``: 3-4 adjacent words of one paragraph that occur together in that
  article only, typed exactly and with one typo (no quotes: as a person types them).

The right answer is every article holding the name or phrase (folded words, adjacent), and, for a
query typed with a typo, also every article holding another word sequence at least as close to
what was typed (the same number of words, total edit distance no larger than the typo's: "Davi
Jones" is one edit from "David Jones" and from "Dave Jones"; no ranking can know which was
meant). Such queries are counted as ambiguous and the count is printed per type, so the figure
says how much of it rests on this rule. For each query the hits are read as a list of distinct
documents (first appearance); reported per type: first-hit rate (the first document is right),
top-10 rate (a right one in the first ten) and MRR; "strict" first-hit counts only the
articles holding the name or phrase itself. Ours is :meth:`SearchIndex.search` with the app's
limit, the same ranking ``briefing-tui search --json`` prints; fzf is ``fzf --filter`` over the
same paragraphs, one a line (skipped
with a note when fzf is not installed; Debian: apt-get install -y fzf).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from itertools import product
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from parsers import PARSER_VERSION, Document, ParseError, parse_file  # noqa: E402
from tui.search.index import DEFAULT_LIMIT, STOPWORDS, SearchIndex, terms  # noqa: E402

NAME_TYPES = {"person", "org", "organization", "organisation", "place", "location", "gpe", "loc"}
TYPES = ("name", "name-typo", "name-lower", "phrase", "phrase-typo")


def _parse(path: str) -> Document | None:
    try:
        return parse_file(path)
    except ParseError:
        return None


def load(folder: Path) -> list[Document]:
    """Every article under ``folder``, parsed on all cores; cached in the temp folder."""
    files = sorted(str(p) for p in folder.rglob("*") if p.suffix in (".txt", ".md", ".text"))
    key = hashlib.sha1(
        (PARSER_VERSION + "\n" + "\n".join(f"{f}:{os.path.getsize(f)}" for f in files)).encode()
    ).hexdigest()[:16]
    cache = Path(tempfile.gettempdir()) / f"bt-relevance-{key}.pickle"
    if cache.exists():
        with cache.open("rb") as fh:
            docs: list[Document] = pickle.load(fh)
        return docs
    with ProcessPoolExecutor(os.cpu_count() or 1) as ex:
        docs = [d for d in ex.map(_parse, files, chunksize=32) if d is not None]
    with cache.open("wb") as fh:
        pickle.dump(docs, fh)
    return docs


def _typo(word: str, rng: random.Random) -> str:
    """One edit inside the word (never the first letter): swap, drop, double or vowel change."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "vowel"))
    if kind == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "vowel":
        for j in range(i, len(word)):
            if word[j].lower() in "aeiou":
                return word[:j] + rng.choice("aeiou".replace(word[j].lower(), "")) + word[j + 1 :]
    return word[:i] + word[i + 1 :]


def _typo_phrase(text: str, rng: random.Random) -> str:
    words = text.split()
    cands = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not cands:
        return text
    i = rng.choice(cands)
    words[i] = _typo(words[i], rng)
    return " ".join(words)


class Truth:
    """Which documents hold a word sequence (folded words, adjacent)."""

    def __init__(self, docs: list[Document]) -> None:
        self.seqs = [terms(d.text) for d in docs]
        self.where: dict[str, set[int]] = defaultdict(set)
        for i, s in enumerate(self.seqs):
            for t in s:
                self.where[t].add(i)
        self._vocab: list[str] | None = None

    def close_docs(self, typed: list[str], meant: list[str]) -> set[int]:
        """Documents holding a word sequence as close to ``typed`` as ``meant`` is (the same
        number of words, total OSA edit distance at most that of ``meant``), ``meant`` included.
        """
        if len(typed) != len(meant):
            return self.docs_with(meant)
        budget = sum(OSA.distance(a, b) for a, b in zip(typed, meant, strict=True))
        if budget == 0:
            return self.docs_with(meant)
        if self._vocab is None:
            self._vocab = sorted(self.where)
        near: list[list[tuple[str, int]]] = []
        for w in typed:
            found = process.extract(
                w, self._vocab, scorer=OSA.distance, score_cutoff=budget, limit=None
            )
            near.append([(t, int(dist)) for t, dist, _ in found])
        out: set[int] = set()
        for combo in product(*near):
            if sum(dist for _, dist in combo) <= budget:
                out |= self.docs_with([t for t, _ in combo])
        return out

    def docs_with(self, words: list[str]) -> set[int]:
        if not words:
            return set()
        cand = set.intersection(*(self.where.get(w, set()) for w in words))
        n = len(words)
        out = set()
        for i in cand:
            s = self.seqs[i]
            first = words[0]
            for j, t in enumerate(s):
                if t == first and s[j : j + n] == words:
                    out.add(i)
                    break
        return out


def make_queries(
    docs: list[Document],
    truth: Truth,
    n_names: int,
    n_phrases: int,
    seed: int,
    meant: dict[str, str],
) -> list[tuple[str, str, set[int]]]:
    """(type, query, indices of the right documents); each typo query's source goes into
    ``meant``."""
    rng = random.Random(seed)
    names: dict[str, None] = {}
    for d in docs:
        for m in d.entities:
            if m.type.lower() in NAME_TYPES and len(m.name) >= 4 and m.name[0].isalpha():
                names[m.name] = None
    pool = sorted(names)
    rng.shuffle(pool)
    out: list[tuple[str, str, set[int]]] = []
    got = 0
    for name in pool:
        if got >= n_names:
            break
        words = terms(name)
        if not words or all(w in STOPWORDS for w in words):
            continue
        right = truth.docs_with(words)
        if not 2 <= len(right) <= 5:
            continue
        longest = max(name.split(), key=len)
        if len(longest) < 5 or not longest.isalpha():
            continue
        typo = name.replace(longest, _typo(longest, rng), 1)
        if truth.docs_with(terms(typo)):
            continue  # the "typo" is itself a real name here
        out.append(("name", name, right))
        out.append(("name-typo", typo, right))
        meant[typo] = name
        out.append(("name-lower", name.lower(), right))
        got += 1
    got = 0
    order = list(range(len(docs)))
    tries = 0
    while got < n_phrases and tries < n_phrases * 200:
        tries += 1
        d = docs[rng.choice(order)]
        paras = [p for p in d.paragraphs if p.kind == "text" and p.end - p.start > 80]
        if not paras:
            continue
        p = rng.choice(paras)
        words = d.text[p.start : p.end].split()
        k = rng.randint(3, 4)
        if len(words) < k + 2:
            continue
        i = rng.randrange(0, len(words) - k)
        raw = words[i : i + k]
        if not all(w.isalpha() for w in raw):
            continue
        folded = terms(" ".join(raw))
        if len(folded) != k or sum(w not in STOPWORDS for w in folded) < 2:
            continue
        right = truth.docs_with(folded)
        if len(right) != 1:
            continue
        phrase = " ".join(raw)
        typo = _typo_phrase(phrase, rng)
        if typo == phrase or truth.docs_with(terms(typo)):
            continue
        out.append(("phrase", phrase, right))
        out.append(("phrase-typo", typo, right))
        meant[typo] = phrase
        got += 1
    return out


def accepted(
    truth: Truth, qs: list[tuple[str, str, set[int]]], meant: dict[str, str]
) -> list[tuple[str, str, set[int]]]:
    """Each query with the documents a ranking may return as right: the right ones, plus for a
    typo every document holding something at least as close to what was typed (see the module
    docstring). ``meant`` maps a typed query to the name or phrase it was made from."""
    out = []
    for t, q, right in qs:
        m = meant.get(q)
        ok = right | truth.close_docs(terms(q), terms(m)) if m else right
        out.append((t, q, ok))
    return out


def _score(ranked: list[int], right: set[int]) -> tuple[float, float, float]:
    for r, d in enumerate(ranked, 1):
        if d in right:
            return (1.0 if r == 1 else 0.0), (1.0 if r <= 10 else 0.0), 1.0 / r
    return 0.0, 0.0, 0.0


def run_ours(ix: SearchIndex, doc_of: dict[str, int], qs: list[tuple[str, str, set[int]]]):
    results = []
    t0 = time.perf_counter()
    for _, q, _ in qs:
        seen: dict[int, None] = {}
        for h in ix.search(q, limit=DEFAULT_LIMIT):
            seen.setdefault(doc_of[h.path], None)
        results.append(list(seen))
    return results, time.perf_counter() - t0


def run_fzf(docs: list[Document], qs: list[tuple[str, str, set[int]]]):
    fzf = shutil.which("fzf")
    if fzf is None:
        return None, 0.0
    lines = []
    for i, d in enumerate(docs):
        for p in d.paragraphs:
            if p.kind != "furniture" and p.end > p.start:
                body = " ".join(d.text[p.start : p.end].split())
                lines.append(f"{i}\t{body}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    results = []
    t0 = time.perf_counter()
    for _, q, _ in qs:
        r = subprocess.run(
            [fzf, "--filter", q, "--delimiter", "\t", "--nth", "2.."],
            input=data,
            capture_output=True,
            check=False,
        )
        seen: dict[int, None] = {}
        for line in r.stdout.decode("utf-8", "replace").splitlines():
            seen.setdefault(int(line.split("\t", 1)[0]), None)
        results.append(list(seen))
    return results, time.perf_counter() - t0


def table(qs, ok, ours, theirs) -> list[str]:
    """Per query type: how many were ambiguous, then first-hit (the first document is right or
    as close to what was typed), first-hit strict (right only), top-10 and MRR, ours and fzf's."""
    cols = f"{'first':>6} {'strict':>6} {'top-10':>6} {'MRR':>6}"
    rows = [f"{'query type':<12} {'n':>4} {'ambig':>5}   {cols}   fzf {cols}"]

    def figures(ranked: list[list[int]], idx: list[int]) -> str:
        a = [_score(ranked[i], ok[i][2]) for i in idx]
        strict = [_score(ranked[i], qs[i][2])[0] for i in idx]
        vals = (sum(x[0] for x in a), sum(strict), sum(x[1] for x in a), sum(x[2] for x in a))
        return " ".join(f"{v / len(idx):>6.3f}" for v in vals)

    for t in (*TYPES, "all"):
        idx = [i for i, (k, _, _) in enumerate(qs) if t in ("all", k)]
        if not idx:
            continue
        amb = sum(1 for i in idx if ok[i][2] != qs[i][2])
        line = f"{t:<12} {len(idx):>4} {amb:>5}   {figures(ours, idx)}"
        if theirs is not None:
            line += f"   fzf {figures(theirs, idx)}"
        rows.append(line)
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--names", type=int, default=60, help="names to query (x3 variants)")
    ap.add_argument("--phrases", type=int, default=60, help="phrases to query (x2 variants)")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--no-fzf", action="store_true", help="skip the fzf comparison (slow at 10k)")
    ap.add_argument("--show-misses", action="store_true", help="print each query ranked wrong")
    args = ap.parse_args()
    t0 = time.perf_counter()
    docs = load(args.folder)
    t_parse = time.perf_counter() - t0
    ix = SearchIndex()
    for d in docs:
        ix.add(d)
    ix.freeze()
    doc_of = {d.path: i for i, d in enumerate(docs)}
    truth = Truth(docs)
    meant: dict[str, str] = {}
    qs = make_queries(docs, truth, args.names, args.phrases, args.seed, meant)
    ok = accepted(truth, qs, meant)
    print(
        f"folder: {args.folder} · {len(docs):,} articles · {len(qs)} queries (seed {args.seed})"
        f" · load {t_parse:.1f} s · load average {os.getloadavg()[0]:.2f}"
    )
    ours, t_ours = run_ours(ix, doc_of, qs)
    theirs, t_fzf = (None, 0.0) if args.no_fzf else run_fzf(docs, qs)
    print("\n".join(table(qs, ok, ours, theirs)))
    print(
        "first: the first document holds the name or phrase, or (a typo) something at least as"
        " close to what was typed; strict: only the name or phrase; ambig: queries where the"
        " two differ"
    )
    print(f"ours {1000 * t_ours / len(qs):.1f} ms/query", end="")
    if theirs is None:
        why = "--no-fzf" if args.no_fzf else "not installed (Debian: apt-get install -y fzf)"
        print(f" · fzf: {why}, comparison skipped")
    else:
        print(f" · fzf --filter {1000 * t_fzf / len(qs):.1f} ms/query (whole process)")
    if args.show_misses:
        for i, (t, q, right) in enumerate(qs):
            if ours[i][:1] and ours[i][0] in right:
                continue
            first = docs[ours[i][0]].title if ours[i] else "-"
            hits = ix.search(q, limit=3)
            kind = hits[0].kind if hits else "-"
            why = "as close" if ours[i][:1] and ours[i][0] in ok[i][2] else "MISS"
            print(f"{why:<8} {t:<11} {q!r}: first {first[:50]!r} ({kind}); right {len(right)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
