"""Parse throughput in words per second on one core: the whole pipeline and quotes alone;
then ``briefing-tui parse --json`` in wall time with one job and with every core.

    .venv/bin/python bench/bench_parse.py [--repeat 200] [--articles 300] [--dir FOLDER]

Corpora: the seeds repeated (--repeat documents), the generated library from
bench/make_corpus.py when it is there (--articles), any folder of .txt files (--dir), and one
long single-line document full of quotation marks (the linear-time check). Each row prints
side by side with a reference: a bare regular expression that finds text between quotation marks
over the same texts (no clauses, no speakers), the floor any quote finder pays.

The command's rows also give its start-up (a fresh process parsing one short file: the fixed
cost every run pays, which weighs most on a small folder) and the CPU seconds of each run.
The command runs with its bytecode compiled once, as an installed package has it (pip compiles
on install): ``PYTHONDONTWRITEBYTECODE`` is dropped and ``PYTHONPYCACHEPREFIX`` points at a
temporary folder filled first, so no tree is touched (as bench_startup.py and bench_search.py
do). ``--no-bytecode-cache`` keeps an inherited ``PYTHONDONTWRITEBYTECODE``: then every run
compiles the project's modules from source (about 0.1 s more).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from measured_env import compile_packages, measured_env  # noqa: E402

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


#: Bytecode of the measured tree is kept here (None: whatever the environment says).
PYCACHE: Path | None = None


def _env() -> dict[str, str]:
    """The environment of every measured process (see the module docstring on bytecode)."""
    return measured_env(PYCACHE)


def _compile_bytecode() -> None:
    compile_packages(PYCACHE)


def _run_cli(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of the command (CPU: the process and its workers)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, check=True, env=_env())
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _exe() -> str:
    return shutil.which("briefing-tui", path=str(Path(sys.executable).parent)) or "briefing-tui"


def cli_start_up(runs: int = 3) -> None:
    """What every run pays before the first word: a fresh process, imports, the word lists,
    one short file parsed (best of ``runs``). Wall time over a folder is this plus the words
    divided by the throughput, so on a small folder this fixed cost weighs most."""
    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp, "one.txt")
        one.write_text('Title\n\n"We stay," Jane Roe said in Oslo on Monday.\n', encoding="utf-8")
        best = min(_run_cli([_exe(), "parse", "--json", str(one)]) for _ in range(runs))
    print(f"start-up (one short file, best of {runs}): {best[0]:.2f} s wall, {best[1]:.2f} s CPU")


def cli_wall(name: str, docs: list[tuple[str, str]], jobs: list[int]) -> None:
    """Words per second of wall time for the real command (a fresh process, reading the files,
    writing JSON Lines to /dev/null), with 1 job and with N, beside the bare-regex reference
    timed in the same run, and the CPU seconds each run took (the command and its workers).
    Other programs on the machine lower the wall figures more than the CPU ones; the load is
    printed."""
    words = sum(len(t.split()) for _, t in docs)
    with tempfile.TemporaryDirectory() as tmp:
        for i, (n, t) in enumerate(docs):
            Path(tmp, f"{i:05d}-{n}").write_text(t, encoding="utf-8")
        cells = []
        cpus = []
        for j in jobs:
            wall, cpu = _run_cli([_exe(), "parse", "--json", "--jobs", str(j), tmp])
            cells.append(f"{words / wall:>12,.0f}")
            cpus.append(f"{cpu:>8.2f}")
    t0 = time.perf_counter()
    for _, t in docs:
        sum(1 for _ in BARE.finditer(t))
    ref = words / (time.perf_counter() - t0)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{name:<22} {words:>10,} "
        + " ".join(cells)
        + f" {ref:>14,.0f} {load:>6.1f} "
        + " ".join(cpus)
    )


def main(argv: list[str] | None = None) -> int:
    global PYCACHE
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=200, help="seed documents to parse")
    ap.add_argument("--articles", type=int, default=300, help="generated articles")
    ap.add_argument("--dir", help="also a folder of .txt files")
    ap.add_argument("--runs", type=int, default=3, help="best of this many runs")
    ap.add_argument(
        "--no-wall", dest="wall", action="store_false", help="skip the wall-time command rows"
    )
    ap.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep an inherited PYTHONDONTWRITEBYTECODE (compile on every process start)",
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
        if not args.no_bytecode_cache:
            PYCACHE = Path(tempfile.mkdtemp(prefix="bt-bench-pycache-"))
            _compile_bytecode()
        print()
        print("briefing-tui parse --json: words per second of wall time (1 job, every core)")
        print(
            "bytecode: "
            + ("compiled once (as installed)" if PYCACHE else "as the environment says")
        )
        cli_start_up()
        print(
            f"{'corpus':<22} {'words':>10} "
            + " ".join(f"{f'{j} job(s)':>12}" for j in jobs)
            + f" {'reference w/s':>14} {'load':>6} "
            + " ".join(f"{f'cpu s {j}j':>8}" for j in jobs)
        )
        cli_wall(f"generated x{args.articles}", generated(args.articles), jobs)
        if args.dir:
            cli_wall(Path(args.dir).name[:22], folder(args.dir), jobs)
        if PYCACHE is not None:
            shutil.rmtree(PYCACHE, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
