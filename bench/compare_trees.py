"""Run one benchmark in two checkouts at the same time of day and print the figures together.

    python bench/compare_trees.py BEFORE_TREE AFTER_TREE BENCH [BENCH_ARGS...] [--rounds N]
                                  [--script-from TREE]

e.g. ``python bench/compare_trees.py /work/wt/base . bench_startup.py --runs 5``. Each tree's own
copy of ``bench/BENCH`` runs with that tree's own ``.venv/bin/python`` (``make test`` in the tree
creates it), so each measures its own code and imports its own layout. The trees run one after
the other, alternating for ``--rounds`` rounds so that machine load falls on both alike. Each
run's output is printed whole; then every line whose words match between the two outputs is
printed once with each number as ``before→after`` (the last round of each), so a change in a
figure is easy to spot. Figures vary with load: run on a quiet machine, with ``nice`` if shared.

``--script-from TREE`` runs one copy of the bench in both trees instead: TREE's ``bench/`` and
``seeds/`` are copied to a temporary folder outside both checkouts, so the bench imports ``tui``
and ``parsers`` from each tree's own ``.venv`` (an editable install of that tree). Use it when the
older tree's bench lacks a measurement (``bench_search.py``'s whole-process CLI timing came after
base 95e7644); the bench must then import both layouts.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NUM = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def run(tree: Path, bench: str, args: list[str], scripts: Path | None = None) -> str:
    py = tree / ".venv" / "bin" / "python"
    if not py.exists():
        sys.exit(f"{py}: missing; run `make test` (or make .venv/.installed) in {tree} first")
    script = (scripts or tree / "bench") / bench
    if not script.exists():
        sys.exit(f"{script}: no such benchmark in this tree")
    t0 = time.perf_counter()
    out = subprocess.run(
        [str(py), str(script), *args],
        cwd=tree,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        check=False,
    )
    took = time.perf_counter() - t0
    return out.stdout + f"(exit {out.returncode}, {took:.0f} s)\n"


def commit(tree: Path) -> str:
    r = subprocess.run(
        ["git", "-C", str(tree), "log", "-1", "--format=%h %s"],
        stdout=subprocess.PIPE,
        text=True,
        check=False,
    )
    return r.stdout.strip()[:70]


def merge(before: str, after: str) -> list[str]:
    """Lines of ``after`` whose words (numbers left out) match a line of ``before``, in order,
    with each number shown as ``before→after``."""
    rest = before.splitlines()
    out = []
    for line in after.splitlines():
        shape = NUM.sub("#", line)
        if "#" not in shape:
            continue
        for i, old in enumerate(rest):
            if NUM.sub("#", old) == shape:
                olds = NUM.findall(old)
                news = iter(NUM.findall(line))
                pieces = NUM.split(line)
                text = pieces[0]
                for o, p in zip(olds, pieces[1:], strict=True):
                    n = next(news)
                    text += (n if o == n else f"{o}→{n}") + p
                out.append(text)
                del rest[: i + 1]
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("bench", help="file name in bench/, e.g. bench_startup.py")
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--script-from", type=Path, help="run this tree's bench in both trees")
    args, bench_args = ap.parse_known_args()
    trees = (args.before.resolve(), args.after.resolve())
    scripts = None
    if args.script_from is not None:
        tmp = Path(tempfile.mkdtemp(prefix="bt-compare-"))
        for part in ("bench", "seeds"):
            shutil.copytree(args.script_from / part, tmp / part)
        scripts = tmp / "bench"
        print(f"== one bench for both trees: {args.script_from.resolve()}/bench (copied to {tmp})")
    outs = {t: "" for t in trees}
    for r in range(args.rounds):
        for t in trees:
            outs[t] = run(t, args.bench, bench_args, scripts)
            print(f"== {args.bench} round {r + 1} · {t} ({commit(t)})")
            print(outs[t], flush=True)
    print(f"== {args.bench}: before→after ({trees[0].name} → {trees[1].name})")
    print("\n".join(merge(outs[trees[0]], outs[trees[1]])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
