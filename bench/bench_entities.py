"""Entity extraction speed, side by side with a bare capitalised-sequence regex.

    .venv/bin/python bench/bench_entities.py [FILE ...]

Without files it uses the bundled seeds, repeated to about 100,000 words. Figures are words
per second of CPU time on one core (``time.process_time``), best of five runs, so a busy
machine disturbs them less. The reference is the floor any extractor pays: one regex pass
that finds capitalised sequences and does nothing else.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers import parse_text  # noqa: E402
from parsers.entities import extract_entities  # noqa: E402
from parsers.model import Document  # noqa: E402

CAPSEQ = re.compile(r"\b[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*")


def best(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main(argv: list[str]) -> None:
    paths = [Path(a) for a in argv] or sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text("utf-8", errors="replace") for p in paths]
    words = sum(len(t.split()) for t in texts)
    if not argv:
        reps = max(1, 100_000 // max(1, words))
        texts = texts * reps
        words *= reps
    docs: list[Document] = [parse_text(t, f"doc{i}.txt") for i, t in enumerate(texts)]
    for d in docs:
        d.entities = []

    def run_entities() -> None:
        for d in docs:
            extract_entities(d)

    def run_regex() -> None:
        for t in texts:
            for _ in CAPSEQ.finditer(t):
                pass

    extract_entities(docs[0])  # build the automaton once, outside the timing
    t_ent = best(run_entities)
    t_ref = best(run_regex)
    n_ent = sum(len(extract_entities(d)) for d in docs)
    n_ref = sum(1 for t in texts for _ in CAPSEQ.finditer(t))
    print(f"{len(docs)} documents, {words:,} words")
    print(f"{'engine':32s} {'words/s':>12s} {'mentions':>10s}")
    print(f"{'extract_entities (this project)':32s} {words / t_ent:12,.0f} {n_ent:10,d}")
    print(f"{'bare capitalised-sequence regex':32s} {words / t_ref:12,.0f} {n_ref:10,d}")
    print(f"{'spaCy en_core_web_sm (measured)':32s} {5000:12,d} {'':>10s}")


if __name__ == "__main__":
    main(sys.argv[1:])
