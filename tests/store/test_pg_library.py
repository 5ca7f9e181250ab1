"""The shared library on a real PostgreSQL: index processes share the work, survive kill -9,
never store a document twice, and server search answers like local search."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from conftest import ROOT

from tui.library.library import Library
from tui.store.library import server_search
from tui.store.postgres import init_schema

sys.path.insert(0, str(ROOT / "bench"))
from make_corpus import write_corpus  # type: ignore[import-not-found]

CLI = [sys.executable, "-m", "tui.cli.main"]


@pytest.fixture
def url(pg_url: str) -> str:
    init_schema(pg_url)
    return pg_url


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    write_corpus(out, articles=60, seed=3)
    return out


def _index(url: str, corpus: Path, tmp_path: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    return subprocess.Popen(
        [*CLI, "index", "--store", url, "--batch", "2", str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env,
    )


def _jobs(url: str) -> list[tuple[str, str, int, str | None]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT path, state, parsed_count, worker FROM lib_jobs ORDER BY path"
        ).fetchall()


def _docs(url: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM lib_documents").fetchone()[0])  # type: ignore[index]


def test_two_index_processes_share_the_work_and_parse_each_file_once(
    url: str, corpus: Path, tmp_path: Path
) -> None:
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    procs = [_index(url, corpus, tmp_path) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
        assert "postgresql://" not in err
    jobs = _jobs(url)
    assert len(jobs) == len(files)
    assert all(state == "done" and n == 1 for _, state, n, _ in jobs)
    assert len({w for *_, w in jobs}) == 2  # both did some of it
    assert _docs(url) == len(files)
    # a rerun parses nothing again
    again = subprocess.run(
        [*CLI, "index", "--store", url, str(corpus)], capture_output=True, text=True, cwd=ROOT
    )
    assert again.returncode == 0 and "parsed 0 documents" in again.stderr
    assert all(n == 1 for _, _, n, _ in _jobs(url))


def test_kill_9_then_a_rerun_completes_the_rest(url: str, corpus: Path, tmp_path: Path) -> None:
    victim = _index(url, corpus, tmp_path)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        done = sum(1 for _, s, _, _ in _jobs(url) if s == "done") if _has_jobs(url) else 0
        if done >= 6:
            break
        time.sleep(0.05)
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    jobs = _jobs(url)
    left = [j for j in jobs if j[1] == "pending"]
    assert left, "the victim finished before it was killed"
    rerun = _index(url, corpus, tmp_path)
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    jobs = _jobs(url)
    assert all(state == "done" and n == 1 for _, state, n, _ in jobs)
    assert _docs(url) == len(jobs)


def _has_jobs(url: str) -> bool:
    with psycopg.connect(url) as conn:
        return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM lib_jobs)").fetchone()[0])  # type: ignore[index]


def test_server_search_answers_like_local_search(url: str, corpus: Path, tmp_path: Path) -> None:
    proc = _index(url, corpus, tmp_path)
    proc.communicate(timeout=300)
    lib = Library([str(corpus)])
    lib.scan()
    try:
        for query in ("air defense", "Patriot", "patirot", '"air defense"', "minister"):
            local = [(h.path, h.kind, h.start, h.end) for h in lib.index.search(query, 10)]
            server = [(h.path, h.kind, h.start, h.end) for h in server_search(url, query, 10)]
            assert local, query
            assert server[:3] == local[:3], query
    finally:
        lib.close()
    out = subprocess.run(
        [*CLI, "search", "--json", "--store", url, "patriot"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr
    first = json.loads(out.stdout.splitlines()[0])
    assert set(first) >= {"rank", "group", "path", "kind", "start", "end", "score", "snippet"}
    none = subprocess.run(
        [*CLI, "search", "--store", url, "zzqxv"], capture_output=True, text=True, cwd=ROOT
    )
    assert none.returncode == 1
