"""The team store on PostgreSQL beside the local SQLite store, on the same data, in one run.

Prints, for a generated library (``bench/make_corpus.py``):

1. indexing into the server: one ``briefing-tui index`` process, then two at once (wall time),
   beside the local library scan (parse cache + index, every core); after each run, whether
   every document was indexed exactly once (``lib_jobs.parsed_count``, ``lib_documents``);
   then ``kill -9``: two processes, one killed at 30% of the library, the other at 60%, and a
   rerun that must complete exactly the rest (nothing parsed twice, nothing missing);
2. search: the 200 queries of ``bench_search.py``, p50/p95 per query, server vs local index,
   and how far the server's top 10 agree with local search (same hit: path, kind, offsets;
   same documents in the top 10);
3. note save latency (``add``, durable when it returns): SQLite file vs PostgreSQL.

Starts its own PostgreSQL in a temporary folder on a free loopback port (as the ``postgres``
user when run as root) unless ``--url`` names one. Usage::

    nice -n 10 .venv/bin/python bench/bench_store.py --corpus /tmp/corpus10k --articles 10000

``--stages index,kill,search,saves`` runs some of them (search needs the library indexed on the
server: run it with ``--url`` of a server a previous run filled). The machine's load average is
printed before each stage: figures taken beside other work say so.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_search import queries  # noqa: E402
from make_corpus import write_corpus  # noqa: E402

# Everything the stages use is imported now, not when a stage starts: a 100k run lasts an hour,
# and a module imported late from a checkout that changed meanwhile mixes two versions of the
# code (it once failed an import-time check after the index stage and lost the run).
from parsers import parse_file  # noqa: E402
from tui.library.library import Library  # noqa: E402
from tui.notes.store import NoteDraft, NotesStore, new_note  # noqa: E402
from tui.search.index import SearchIndex  # noqa: E402
from tui.store.library import ServerLibrary, payload_from_json, server_search  # noqa: E402
from tui.store.postgres import PostgresNotesStore, init_schema  # noqa: E402


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))] * 1000


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def _truncate(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("TRUNCATE lib_jobs, lib_documents, lib_terms")


def _indexer(url: str, corpus: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli.main", "index", "--store", url, str(corpus)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(running: list[subprocess.Popen[str]]) -> list[str]:
    """Wait for the index processes; their last stderr line each (a killed one: 'killed')."""
    lines = []
    for p in running:
        _, err = p.communicate()
        if p.returncode == -signal.SIGKILL:
            lines.append("killed")
        elif p.returncode not in (0, 1):
            raise SystemExit(f"index failed: {err[-500:]}")
        else:
            lines.append((err.strip().splitlines() or [""])[-1])
    return lines


def _jobs(url: str) -> dict[str, int]:
    """The job table and documents table, counted the ways 'every document once' needs."""
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute(
            """SELECT COUNT(*),
                      COUNT(*) FILTER (WHERE state = 'done'),
                      COUNT(*) FILTER (WHERE state = 'pending'),
                      COUNT(*) FILTER (WHERE state = 'failed'),
                      COUNT(*) FILTER (WHERE parsed_count > 1),
                      COUNT(*) FILTER (WHERE state = 'done' AND parsed_count <> 1),
                      COALESCE(SUM(parsed_count), 0),
                      (SELECT COUNT(*) FROM lib_documents)
               FROM lib_jobs"""
        ).fetchone()
    assert row is not None
    keys = ("jobs", "done", "pending", "failed", "twice", "done_not_once", "parses", "documents")
    return dict(zip(keys, (int(x) for x in row), strict=True))


def _exactly_once(j: dict[str, int], n_files: int) -> bool:
    return (
        j["jobs"] == n_files
        and j["done"] == n_files
        and j["documents"] == n_files
        and j["twice"] == 0
        and j["done_not_once"] == 0
        and j["parses"] == n_files
    )


def index_wall(url: str, corpus: Path, procs: int, env: dict[str, str], n_files: int) -> float:
    _truncate(url)
    t0 = time.perf_counter()
    _finish([_indexer(url, corpus, env) for _ in range(procs)])
    wall = time.perf_counter() - t0
    j = _jobs(url)
    ok = "yes" if _exactly_once(j, n_files) else "NO"
    print(
        f"  {procs} index process(es): {wall:8.1f} s wall; {j['done']} of {n_files} files done, "
        f"{j['documents']} documents, {j['twice']} parsed twice, {j['failed']} failed: "
        f"every document indexed exactly once: {ok}"
    )
    return wall


def _wait_done(url: str, at_least: int, running: list[subprocess.Popen[str]]) -> int:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        while True:
            row = conn.execute("SELECT COUNT(*) FROM lib_jobs WHERE state = 'done'").fetchone()
            done = int(row[0]) if row else 0
            if done >= at_least or all(p.poll() is not None for p in running):
                return done
            time.sleep(0.2)


def kill_and_rerun(url: str, corpus: Path, env: dict[str, str], n_files: int) -> bool:
    """Two index processes; kill -9 one at 30% and the other at 60%; a rerun does the rest."""
    _truncate(url)
    t0 = time.perf_counter()
    running = [_indexer(url, corpus, env) for _ in range(2)]
    at = _wait_done(url, int(n_files * 0.3), running)
    running[0].send_signal(signal.SIGKILL)
    print(f"  kill -9 of index process 1 at {at} done ({time.perf_counter() - t0:.1f} s)")
    at = _wait_done(url, int(n_files * 0.6), running[1:])
    running[1].send_signal(signal.SIGKILL)
    print(f"  kill -9 of index process 2 at {at} done ({time.perf_counter() - t0:.1f} s)")
    _finish(running)
    before = _jobs(url)
    print(
        f"  after both kills: {before['done']} done, {before['pending']} pending, "
        f"{before['twice']} parsed twice, {before['documents']} documents "
        f"(documents = done: {'yes' if before['documents'] == before['done'] else 'NO'})"
    )
    t1 = time.perf_counter()
    summary = _finish([_indexer(url, corpus, env)])[0]
    after = _jobs(url)
    rest = before["pending"] + (n_files - before["jobs"])
    parsed_by_rerun = after["parses"] - before["parses"]
    ok = _exactly_once(after, n_files) and parsed_by_rerun == rest
    print(f"  rerun: {time.perf_counter() - t1:.1f} s; {summary}")
    print(
        f"  the rerun parsed {parsed_by_rerun} (the rest was {rest}); now {after['done']} of "
        f"{n_files} done, {after['documents']} documents, {after['twice']} parsed twice: "
        f"completed exactly the rest: {'yes' if ok else 'NO'}"
    )
    return ok


class _Local:
    """A local search index built from the payloads the server holds (``--local-from-server``):
    the very ``DocPayload`` s ``Library.scan`` adds (``prepare`` of the same parse), without
    parsing the library a second time on a machine that cannot afford it."""

    def __init__(self, url: str) -> None:
        import psycopg

        self.index = SearchIndex()
        with psycopg.connect(url) as conn:
            for (raw,) in conn.execute("SELECT payload FROM lib_documents ORDER BY path"):
                self.index.add_payload(payload_from_json(raw))
        self.index.freeze()

    def close(self) -> None:
        pass


def search_stage(url: str, corpus: Path, n_queries: int, from_server: bool = False) -> None:
    """Local library scan, then the same queries on the local index and on the server."""
    print(f"  ({load()})")
    t0 = time.perf_counter()
    lib: Library | _Local
    if from_server:
        lib = _Local(url)
        what = "local index built from the server's payloads (no second parse)"
    else:
        lib = Library([str(corpus)])
        lib.scan()
        what = "local library scan (parse + index, every core)"
    local_scan = time.perf_counter() - t0
    print(f"  {what}: {local_scan:8.1f} s")
    print(f"2. search (same queries, limit 20; {load()})")
    qs = queries()[:n_queries]
    lt: list[float] = []
    st: list[float] = []
    cold: list[float] = []
    session = ServerLibrary(url)  # an open reader's connection and payload cache
    same_hit = same_doc = first_same = compared = 0
    for q in qs:
        t0 = time.perf_counter()
        local = lib.index.search(q, limit=20)
        lt.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        remote = session.search(q, limit=20)
        st.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        server_search(url, q, limit=20)  # as `search --store` does: connect, load, rank
        cold.append(time.perf_counter() - t0)
        if not local:
            continue
        compared += 1
        lk = [(h.path, h.kind, h.start, h.end) for h in local[:10]]
        rk = [(h.path, h.kind, h.start, h.end) for h in remote[:10]]
        same_hit += len(set(lk) & set(rk)) * 10 // max(1, len(lk))
        ld = {h.path for h in local[:10]}
        rd = {h.path for h in remote[:10]}
        same_doc += len(ld & rd) * 10 // max(1, len(ld))
        first_same += bool(rk) and rk[0] == lk[0]
    print(f"  {'':<34} {'p50 ms':>9} {'p95 ms':>9}")
    print(f"  {'local index (SQLite, in memory)':<34} {pct(lt, 50):9.1f} {pct(lt, 95):9.1f}")
    print(f"  {'server, open session':<34} {pct(st, 50):9.1f} {pct(st, 95):9.1f}")
    print(f"  {'server, one query per connection':<34} {pct(cold, 50):9.1f} {pct(cold, 95):9.1f}")
    session.close()
    if compared:
        print(
            f"  agreement with local over {compared} queries with hits: top-10 hits "
            f"{same_hit / compared * 10:.0f}%, top-10 documents {same_doc / compared * 10:.0f}%"
            f", same first hit {first_same / compared * 100:.0f}%"
        )
    lib.close()


def saves_stage(url: str, corpus: Path, work: Path, n_notes: int) -> None:
    print(f"3. note save latency (add, durable on return; {load()})")
    path = next(p for p in sorted(corpus.rglob("*")) if p.is_file())
    doc = parse_file(path)
    span = min(40, len(doc.text))

    def saves(store: NotesStore | PostgresNotesStore) -> list[float]:
        out = []
        for i in range(n_notes):
            note = new_note(doc, 0, span, NoteDraft(f"note {i}"))
            t0 = time.perf_counter()
            store.add(note, doc)
            out.append(time.perf_counter() - t0)
        return out

    with NotesStore.open(work / "notes.db") as sq:
        s1 = saves(sq)
    with PostgresNotesStore.open(url, author="bench", queue=work / "q.db") as pg:
        s2 = saves(pg)
    print(f"  {'':<34} {'p50 ms':>9} {'p95 ms':>9}")
    print(f"  {'SQLite (WAL, synchronous=FULL)':<34} {pct(s1, 50):9.2f} {pct(s1, 95):9.2f}")
    print(f"  {'PostgreSQL (loopback)':<34} {pct(s2, 50):9.2f} {pct(s2, 95):9.2f}")
    print(f"  median of both: {statistics.median(s2) / statistics.median(s1):.1f}× SQLite")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/corpus10k"))
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--url", help="an existing server (default: start one in a temp folder)")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--notes", type=int, default=300)
    ap.add_argument("--skip-single", action="store_true", help="skip the one-process index run")
    ap.add_argument(
        "--stages",
        default="index,kill,search,saves",
        help="which stages to run, comma-separated (index,kill,search,saves)",
    )
    ap.add_argument(
        "--local-from-server",
        action="store_true",
        help="build the local index from the server's payloads instead of parsing again",
    )
    args = ap.parse_args()
    stages = set(args.stages.split(","))

    if not args.corpus.exists() or not any(args.corpus.iterdir()):
        args.corpus.mkdir(parents=True, exist_ok=True)
        print(f"writing {args.articles} articles to {args.corpus} ...")
        write_corpus(args.corpus, articles=args.articles)
    n_files = sum(1 for p in args.corpus.rglob("*") if p.is_file())
    work = Path(tempfile.mkdtemp(prefix="bench-store-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        (work / var).mkdir()
        os.environ[var] = str(work / var)
    env = dict(os.environ)

    server = None
    url = args.url
    if url is None:
        from pg_fixture import start_server

        server = start_server(durable=True)
        url = server.create_database()
    try:
        init_schema(url)
        print(f"library: {args.corpus} ({n_files} files)")
        if "index" in stages:
            print(f"1. indexing ({load()})")
            one = None if args.skip_single else index_wall(url, args.corpus, 1, env, n_files)
            print(f"  ({load()})")
            two = index_wall(url, args.corpus, 2, env, n_files)
            if one:
                print(f"  two index processes vs one: {two / one:.2f}× the wall time")
        if "kill" in stages:
            print(f"1b. kill -9 and rerun ({load()})")
            kill_and_rerun(url, args.corpus, env, n_files)
        if "search" in stages:
            search_stage(url, args.corpus, args.queries, args.local_from_server)
        if "saves" in stages:
            saves_stage(url, args.corpus, work, args.notes)
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
