"""Parse throughput in words per second on one core: the whole pipeline and quotes alone;
then ``briefing-tui parse --json`` in wall time with one job and with every core.

    .venv/bin/python bench/bench_parse.py [--repeat 200] [--articles 300] [--dir FOLDER]

Corpora: the seeds repeated (--repeat documents), the generated library from
bench/make_corpus.py when it is there (--articles), any folder of .txt files (--dir), and one
long single-line document full of quotation marks (the linear-time check). Each row prints
side by side with a reference: a bare regular expression that finds text between quotation marks
over the same texts (no clauses, no speakers), the floor any quote finder pays.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers import parse_text  # noqa: E402
from parsers.model import Document  # noqa: E402
from parsers.quotes import extract_quotes  # noqa: E402

BARE = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")


def one_core() -> None:
    """Pin to one CPU so figures compare across machines with different core counts."""
    if hasattr(os, "sched_setaffinity"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def best_of(runs: int, fn: Callable[[], object]) -> float:
    """Best CPU time of ``runs`` runs: CPU seconds stay steady when other work shares the
    machine, where wall time does not."""
    best = float("inf")
    for _ in range(runs):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def seeds(repeat: int) -> list[tuple[str, str]]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    return [texts[i % len(texts)] for i in range(repeat)] if texts else []


def generated(articles: int) -> list[tuple[str, str]]:
    script = ROOT / "bench" / "make_corpus.py"
    if not script.exists():
        return []
    spec = importlib.util.spec_from_file_location("make_corpus", script)
    if spec is None or spec.loader is None:
        return []
    mod = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(mod)
        with tempfile.TemporaryDirectory() as tmp:
            mod.write_corpus(Path(tmp), articles=articles, seed=7)
            return [
                (p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(tmp).rglob("*.txt"))
            ]
    except Exception as exc:  # someone else's script: report, do not fail the benchmark
        print(f"(bench/make_corpus.py failed: {exc!r}; generated corpus skipped)")
        return []


def folder(path: str) -> list[tuple[str, str]]:
    return [
        (p.name, p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted(Path(path).rglob("*.txt"))
    ]


def long_line(words: int = 1_000_000) -> list[tuple[str, str]]:
    unit = (
        'Officials said "the line holds," and Berg added that the plan is "sound." '
        'A 5\'10" guard stood by a "steel porcupine" as she said: "We stay." '
    )
    n = max(1, words // len(unit.split()))
    return [("long-line.txt", unit * n)]


def row(name: str, docs: list[tuple[str, str]], runs: int) -> None:
    if not docs:
        return
    words = sum(len(t.split()) for _, t in docs)
    mb = sum(len(t) for _, t in docs) / 1e6
    parsed: list[Document] = [parse_text(t, n) for n, t in docs]

    def pipeline() -> None:
        for n, t in docs:
            parse_text(t, n)

    def quotes_only() -> None:
        for d in parsed:
            extract_quotes(d)

    def bare() -> None:
        for _, t in docs:
            sum(1 for _ in BARE.finditer(t))

    t_pipe = best_of(runs, pipeline)
    t_q = best_of(runs, quotes_only)
    t_bare = best_of(runs, bare)
    nq = sum(len(d.quotes) for d in parsed)
    print(
        f"{name:<22} {len(docs):>6} {words:>10,} {mb:>7.1f} {nq:>7,} "
        f"{words / t_pipe:>14,.0f} {words / t_q:>14,.0f} {words / t_bare:>14,.0f}"
    )


def cli_wall(name: str, docs: list[tuple[str, str]], jobs: list[int]) -> None:
    """Words per second of wall time for the real command (a fresh process, reading the files,
    writing JSON Lines to /dev/null), with 1 job and with N, beside the bare-regex reference
    timed in the same run. Other programs on the machine lower these; the load is printed."""
    exe = shutil.which("briefing-tui", path=str(Path(sys.executable).parent)) or "briefing-tui"
    words = sum(len(t.split()) for _, t in docs)
    with tempfile.TemporaryDirectory() as tmp:
        for i, (n, t) in enumerate(docs):
            Path(tmp, f"{i:05d}-{n}").write_text(t, encoding="utf-8")
        cells = []
        for j in jobs:
            t0 = time.perf_counter()
            subprocess.run(
                [exe, "parse", "--json", "--jobs", str(j), tmp],
                stdout=subprocess.DEVNULL,
                check=True,
            )
            cells.append(f"{words / (time.perf_counter() - t0):>12,.0f}")
    t0 = time.perf_counter()
    for _, t in docs:
        sum(1 for _ in BARE.finditer(t))
    ref = words / (time.perf_counter() - t0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{name:<22} {words:>10,} " + " ".join(cells) + f" {ref:>14,.0f} {load:>6.1f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200, help="seed documents to parse")
    ap.add_argument("--articles", type=int, default=300, help="generated articles")
    ap.add_argument("--dir", help="also a folder of .txt files")
    ap.add_argument("--runs", type=int, default=3, help="best of this many runs")
    ap.add_argument(
        "--no-wall", dest="wall", action="store_false", help="skip the wall-time command rows"
    )
    args = ap.parse_args(argv)
    one_core()
    print(
        f"words per CPU second on one core (best of {args.runs} runs); "
        "reference = bare regex for marks"
    )
    print(
        f"{'corpus':<22} {'docs':>6} {'words':>10} {'MB':>7} {'quotes':>7} "
        f"{'pipeline w/s':>14} {'quotes w/s':>14} {'reference w/s':>14}"
    )
    row(f"seeds x{args.repeat}", seeds(args.repeat), args.runs)
    row(f"generated x{args.articles}", generated(args.articles), args.runs)
    if args.dir:
        row(Path(args.dir).name[:22], folder(args.dir), args.runs)
    row("one 1M-word line", long_line(), 1)
    if args.wall:
        jobs = sorted({1, os.cpu_count() or 1})
        if hasattr(os, "sched_setaffinity"):
            with contextlib.suppress(OSError):
                os.sched_setaffinity(0, range(os.cpu_count() or 1))  # undo one_core()
        print()
        print("briefing-tui parse --json: words per second of wall time (1 job, every core)")
        print(
            f"{'corpus':<22} {'words':>10} "
            + " ".join(f"{f'{j} job(s)':>12}" for j in jobs)
            + f" {'reference w/s':>14} {'load':>6}"
        )
        cli_wall(f"generated x{args.articles}", generated(args.articles), jobs)
        if args.dir:
            cli_wall(Path(args.dir).name[:22], folder(args.dir), jobs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
