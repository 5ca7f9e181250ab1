"""Library search at scale: first open, reopen, index rebuild, query latency, memory, vs fzf.

    python bench/bench_search.py [--corpus DIR] [--articles 10000] [--skip-first] [--no-fzf]

Makes the seeded corpus with bench/make_corpus.py if DIR is empty, then, each phase in a fresh
process with its own empty cache dir (XDG_CACHE_HOME in a temporary folder):

1. first open: find, parse (all cores), cache and index every article;
2. reopen: the same library again, until entries and index are usable;
3. index rebuild: the search index deleted, the parse cache kept (our indexing cost without
   the parsers', which other issues are still changing);
4. queries: a fixed set of 200 (typed prefixes, typos, names, phrases), latency p50/p95/max
   (wall, and CPU time of the searching thread, steadier on a shared machine),
   on the reopened library, each query as the app's search screen runs it (limit 100);
5. fzf --filter over the same paragraphs (one line each), the same 200 queries, if fzf is
   installed (Debian: apt-get install fzf); skipped with a message otherwise;
6. the shell command: ``briefing-tui search --json`` as a whole process on the reopened
   library, for every 10th query (20), p50/p95 (start, open the cache, search, print).

Peak memory is ru_maxrss of the process (and, for the first open, of its worker processes).
Every process runs with its bytecode compiled once, as an installed package has it (pip compiles
on install): ``PYTHONDONTWRITEBYTECODE`` is dropped and ``PYTHONPYCACHEPREFIX`` points at this
run's temporary folder, filled before the first phase, so no tree is touched (as
bench_startup.py does). ``--no-bytecode-cache`` keeps an inherited ``PYTHONDONTWRITEBYTECODE``:
then every process compiles the project's modules from source, which the reopen and CLI figures
include. Figures vary with machine load; run on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from make_corpus import SEED_PEOPLE, SEED_PLACES, Corpus, seed_sentences, write_corpus  # noqa: E402
from measured_env import compile_packages, measured_env  # noqa: E402

try:
    from tui.search import index as search_index
except ImportError:  # the layout before tui/ was split into packages (compare_trees --script-from)
    from tui import search_index  # type: ignore[attr-defined,no-redef]

LIMIT = search_index.DEFAULT_LIMIT

DEFAULT_CORPUS = Path(tempfile.gettempdir()) / "briefing-tui-corpus-10k"
#: Bytecode of the measured tree is kept here (None: whatever the environment says).
PYCACHE: Path | None = None


def _env(**extra: str) -> dict[str, str]:
    """The environment of every measured process (see the module docstring on bytecode)."""
    return measured_env(PYCACHE, **extra)


def _compile_bytecode() -> None:
    compile_packages(PYCACHE)


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "double", "vowel"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    vowels = "aeiou"
    for j in range(i, len(word)):
        if word[j] in vowels:
            return word[:j] + rng.choice(vowels.replace(word[j], "")) + word[j + 1 :]
    return word[:i] + word[i + 1 :]


def queries(seed: int = 2024) -> list[str]:
    """The fixed 200: 50 typed prefixes, 50 typos, 50 names, 50 phrases."""
    rng = random.Random(seed)
    corpus = Corpus(7)
    words = [
        w
        for s in seed_sentences()
        for w in s.replace(",", " ").replace(".", " ").split()
        if len(w) >= 6 and w.isalpha()
    ]
    names = SEED_PEOPLE + SEED_PLACES + ["Patriot", "SAMP/T", "NATO", "Eurosam"]
    out: list[str] = []
    for _ in range(50):  # what the list shows while a word is being typed
        w = rng.choice(names + words + [p.split()[-1] for p in corpus.people[:200]])
        w = _strip_accents(w).lower()
        out.append(w[: rng.randint(2, max(2, len(w) - 1))])
    for _ in range(50):
        w = rng.choice(
            words
            + [_strip_accents(n.split()[-1]) for n in SEED_PEOPLE]
            + ["Patriot", "Ukraine", "coalition", "missile", "Stromsikova"]
        )
        out.append(_typo(w.lower(), rng) if len(w) >= 5 else w)
    for _ in range(50):
        r = rng.random()
        if r < 0.4:
            n = rng.choice(SEED_PEOPLE)
            out.append(_strip_accents(n) if rng.random() < 0.5 else n)
        elif r < 0.8:
            out.append(rng.choice(corpus.people))
        else:
            out.append(
                rng.choice(
                    [
                        "samp t",
                        "SAMP/T",
                        "Patriot",
                        "NATO",
                        "IISS",
                        "U.S.",
                        "United States",
                        "Eurosam",
                    ]
                )
            )
    sents = seed_sentences()
    for _ in range(50):
        r = rng.random()
        if r < 0.2:
            out.append(
                rng.choice(
                    [
                        "air defence",
                        "missile defence",
                        '"air defense"',
                        "integrated air and missile defence",
                        "steel porcupine",
                    ]
                )
            )
            continue
        toks = rng.choice(sents).rstrip(".").split()
        k = rng.randint(2, 4)
        i = rng.randrange(0, max(1, len(toks) - k))
        phrase = " ".join(toks[i : i + k])
        out.append(f'"{phrase}"' if rng.random() < 0.3 else phrase)
    return out


def _rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _phase(name: str, corpus: Path) -> dict[str, float]:
    """Runs inside a fresh process (see main)."""
    try:
        from tui.library.library import Library, Progress
    except ImportError:  # the layout before the split
        from tui.library import Library, Progress  # type: ignore[attr-defined,no-redef]

    paths = [str(corpus)]
    result: dict[str, float] = {}
    last = [0.0]

    def progress(p: Progress) -> None:
        now = time.monotonic()
        if now - last[0] > 1.0 or p.phase == "done":
            last[0] = now
            sys.stderr.write(f"\r  {name}: {p.describe():<70}")
            sys.stderr.flush()

    t0 = time.perf_counter()
    lib = Library(paths)
    t_found = time.perf_counter()
    lib.scan(on_progress=progress)
    t_ready = time.perf_counter()
    sys.stderr.write("\n")
    result.update(
        seconds=t_ready - t0,
        discover=t_found - t0,
        docs=len(lib.entries),
        parsed=lib.stats["parsed"],
        jobs=lib.stats["jobs"],
        units=lib.index.unit_count,
    )
    if name == "dump":  # the same paragraphs for fzf, one a line, from the parse cache
        with open(os.environ["BENCH_DUMP"], "w", encoding="utf-8") as out:
            for e in lib.entries:
                doc = lib.document(e.path)
                for p in doc.body_paragraphs:
                    out.write(" ".join(doc.text[p.start : p.end].split()) + "\n")
    if name == "queries":
        qs = queries()
        lat = []
        cpu = []
        hits = 0
        for q in qs:
            t = time.perf_counter()
            c = time.thread_time()
            hs = lib.index.search(q, limit=LIMIT)
            cpu.append((time.thread_time() - c) * 1000)
            lat.append((time.perf_counter() - t) * 1000)
            hits += bool(hs)
        lat.sort()
        cpu.sort()
        result.update(
            p50=statistics.median(lat),
            p95=lat[int(0.95 * len(lat)) - 1],
            max=lat[-1],
            cpu_p50=statistics.median(cpu),
            cpu_p95=cpu[int(0.95 * len(cpu)) - 1],
            cpu_sum=sum(cpu),
            answered=hits,
            n=len(qs),
        )
    result["rss"] = _rss_mb(resource.RUSAGE_SELF)
    result["rss_children"] = _rss_mb(resource.RUSAGE_CHILDREN)
    return result


def _run_phase(name: str, corpus: Path, cache: Path) -> dict[str, float]:
    env = _env(XDG_CACHE_HOME=str(cache))
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, "--corpus", str(corpus)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _fzf(corpus: Path, cache: Path, qs: list[str]) -> dict[str, float] | None:
    fzf = shutil.which("fzf")
    if fzf is None:
        print("fzf: not installed, comparison skipped (Debian: apt-get install -y fzf)")
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
        dump = fh.name
    env = _env(XDG_CACHE_HOME=str(cache), BENCH_DUMP=dump)
    subprocess.run(
        [sys.executable, __file__, "--phase", "dump", "--corpus", str(corpus)],
        env=env,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    with open(dump, "rb") as f:
        n = sum(1 for _ in f)
    lat = []
    answered = 0
    for q in qs:
        with open(dump, "rb") as f:
            t = time.perf_counter()
            res = subprocess.run([fzf, "--filter", q], stdin=f, stdout=subprocess.PIPE)
            lat.append((time.perf_counter() - t) * 1000)
        answered += bool(res.stdout.strip())
    os.unlink(dump)
    lat.sort()
    return {
        "p50": statistics.median(lat),
        "p95": lat[int(0.95 * len(lat)) - 1],
        "max": lat[-1],
        "answered": answered,
        "paragraphs": n,
    }


def _cli(corpus: Path, cache: Path, qs: list[str]) -> dict[str, float] | None:
    """Whole-process ``briefing-tui search --json`` on the cached library, every 10th query."""
    exe = Path(sys.executable).parent / "briefing-tui"
    if not exe.exists():
        print(f"{exe}: missing, CLI timing skipped")
        return None
    env = _env(XDG_CACHE_HOME=str(cache))
    lat = []
    for q in qs[::10]:
        t = time.perf_counter()
        subprocess.run(
            [str(exe), "search", "--json", "--limit", str(LIMIT), q, str(corpus)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        lat.append((time.perf_counter() - t) * 1000)
    lat.sort()
    return {"p50": statistics.median(lat), "p95": lat[int(0.95 * len(lat)) - 1], "n": len(lat)}


def _parse_sample(corpus: Path, n: int = 200) -> dict[str, float]:
    """The parsers alone, one core, on every 50th article: what first open is made of."""
    from parsers import parse_file

    try:
        from tui.library.parse_cache import encode_document
    except ImportError:  # the layout before the split
        from tui.parse_cache import encode_document  # type: ignore
    prepare = search_index.prepare

    files = sorted(corpus.rglob("*.txt"))[::50][:n]
    parse_file(files[0])  # imports and compiled patterns are not per-document costs
    t_parse = t_ours = 0.0
    for f in files:
        t = time.perf_counter()
        doc = parse_file(f)
        t1 = time.perf_counter()
        prepare(doc)
        encode_document(doc)
        t_parse += t1 - t
        t_ours += time.perf_counter() - t1
    return {"parse_ms": 1000 * t_parse / len(files), "ours_ms": 1000 * t_ours / len(files)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument(
        "--skip-first",
        action="store_true",
        help="reuse the cache of an earlier run (BENCH_CACHE) instead of first open",
    )
    ap.add_argument("--no-fzf", action="store_true", help="leave out the fzf comparison")
    ap.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep an inherited PYTHONDONTWRITEBYTECODE (compile on every process start)",
    )
    args = ap.parse_args()
    if args.phase:
        print(json.dumps(_phase(args.phase, args.corpus)))
        return 0
    corpus: Path = args.corpus
    if not corpus.exists() or not any(corpus.iterdir()):
        print(f"making the corpus in {corpus} ({args.articles:,} articles, seed 7)…")
        words = write_corpus(corpus, args.articles, seed=7)
        print(f"  {words:,} words")
    files = sum(1 for _ in corpus.rglob("*.txt"))
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in corpus.rglob("*.txt"))
    print(f"corpus: {corpus} · {files:,} articles · {words:,} words · {os.cpu_count()} cores")
    cache = Path(os.environ.get("BENCH_CACHE") or tempfile.mkdtemp(prefix="bt-bench-cache-"))
    global PYCACHE
    if not args.no_bytecode_cache:
        PYCACHE = Path(tempfile.mkdtemp(prefix="bt-bench-pycache-"))
        _compile_bytecode()
    first = None
    if not args.skip_first:
        shutil.rmtree(cache, ignore_errors=True)
        cache.mkdir(parents=True)
        first = _run_phase("first", corpus, cache)
    reopen = _run_phase("reopen", corpus, cache)
    for f in (cache / "briefing-tui").glob("index-*.sqlite*"):
        f.unlink()
    rebuild = _run_phase("rebuild", corpus, cache)
    q = _run_phase("queries", corpus, cache)
    sample = _parse_sample(corpus)
    fz = None if args.no_fzf else _fzf(corpus, cache, queries())
    cli = _cli(corpus, cache, queries())

    print()
    print(f"{'measure':<38} {'briefing-tui':>14} {'target':>10} {'fzf --filter':>14}")
    if first:
        print(
            f"{'first open (parse+index), s':<38} {first['seconds']:>14.1f} {'<= 60':>10} {'-':>14}"
        )
        print(f"{'  documents parsed':<38} {first['parsed']:>14,.0f}")
        print(
            f"{'  peak RSS main / each worker, MB':<38} "
            f"{first['rss']:>7.0f} / {first['rss_children']:<4.0f} {'<= 600':>10}"
        )
    print(f"{'reopen to usable, s':<38} {reopen['seconds']:>14.2f} {'<= 2':>10} {'-':>14}")
    stale = {
        k: v["parsed"]
        for k, v in (("reopen", reopen), ("rebuild", rebuild), ("queries", q))
        if v["parsed"]
    }
    if stale:
        print(f"  NOTE documents parsed again (parser version changed mid-run?): {stale}")
    print(f"{'  of which finding files, s':<38} {reopen['discover']:>14.2f}")
    print(f"{'index rebuild from cache, s':<38} {rebuild['seconds']:>14.1f}")
    print(f"{'parsers alone, ms/article (1 core)':<38} {sample['parse_ms']:>14.1f}")
    print(f"{'tokenise+encode, ms/article (1 core)':<38} {sample['ours_ms']:>14.1f}")
    fzf_p50 = f"{fz['p50']:.1f}" if fz else "skipped"
    fzf_p95 = f"{fz['p95']:.1f}" if fz else "skipped"
    fzf_max = f"{fz['max']:.1f}" if fz else "skipped"
    print(f"{'query p50, ms':<38} {q['p50']:>14.1f} {'':>10} {fzf_p50:>14}")
    print(f"{'query p95, ms':<38} {q['p95']:>14.1f} {'<= 30':>10} {fzf_p95:>14}")
    print(f"{'query max, ms':<38} {q['max']:>14.1f} {'':>10} {fzf_max:>14}")
    # CPU time of the searching thread: steadier than wall time when other work shares the
    # machine (the wall figures above are what a user waits; these compare two trees).
    print(f"{'query CPU p50, ms':<38} {q['cpu_p50']:>14.1f}")
    print(f"{'query CPU p95, ms':<38} {q['cpu_p95']:>14.1f}")
    print(f"{'query CPU all 200, ms':<38} {q['cpu_sum']:>14.0f}")
    print(
        f"{'queries with any hit':<38} {q['answered']:>11.0f}/{q['n']:.0f} {'':>10}"
        f" {fz['answered'] if fz else '-':>11}/{q['n']:.0f}"
    )
    if cli:
        print(f"{'CLI search --json p50, ms (whole process)':<38} {cli['p50']:>14.0f}")
        print(f"{'CLI search --json p95, ms (whole process)':<38} {cli['p95']:>14.0f}")
    print(f"{'peak RSS reopen + 200 queries, MB':<38} {q['rss']:>14.0f} {'<= 600':>10}")
    print(f"{'searchable units (titles..paragraphs)':<38} {q['units']:>14,.0f}")
    if fz:
        print(
            f"(fzf: {fz['paragraphs']:,} paragraphs, one process per query as a shell user "
            "runs it; fzf matches subsequences, not words)"
        )
    if PYCACHE is not None:
        shutil.rmtree(PYCACHE, ignore_errors=True)
    print(
        "bytecode: "
        + (
            "compiled once (as installed)"
            if PYCACHE
            else "as the environment says (PYTHONDONTWRITEBYTECODE?)"
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
