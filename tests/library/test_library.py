"""The library: cached reopen, invalidation on change, delete and add, parallel parse."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import SEED_B

import tui.library.library as library_mod
import tui.library.parse_cache as pc
from parsers import PARSER_VERSION, parse_file
from tui.core.paths import cache_dir
from tui.library.library import DocEntry, Library, Progress


def _write(path: Path, title: str, body: str) -> None:
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    lib = tmp_path / "lib"
    lib.mkdir()
    _write(lib / "a.txt", "Kestrel report", "A kestrel was seen over Vilnius.")
    _write(lib / "b.txt", "Falcon report", "The falcon nests in Prague.")
    shutil.copy(SEED_B, lib / "seed.txt")
    return lib


def _open(folder: Path) -> Library:
    lib = Library([str(folder)])
    lib.scan()
    return lib


def _paths(lib: Library, query: str) -> set[str]:
    return {os.path.basename(h.path) for h in lib.index.search(query)}


def test_first_scan_parses_then_reopen_uses_the_cache(folder: Path) -> None:
    progress: list[Progress] = []
    entries: list[DocEntry] = []
    lib = Library([str(folder)])
    lib.scan(on_progress=progress.append, on_entry=entries.append)
    assert lib.stats["parsed"] == 3 and lib.stats["from_cache"] == 0
    assert sorted(os.path.basename(e.path) for e in entries) == ["a.txt", "b.txt", "seed.txt"]
    assert progress[-1].phase == "done" and progress[-1].done == progress[-1].total == 3
    assert _paths(lib, "kestrel") == {"a.txt"}
    assert _paths(lib, "stromsikova") == {"seed.txt"}
    lib.close()

    again = _open(folder)
    assert again.stats["parsed"] == 0 and again.stats["from_cache"] == 3
    assert again.stats["jobs"] == 0, "the saved index is reused, nothing re-indexed"
    assert [e.title for e in again.entries] == [e.title for e in lib.entries]
    assert _paths(again, "kestrel") == {"a.txt"}
    doc = again.document(str(folder / "seed.txt"))
    assert doc.text == parse_file(SEED_B).text


def test_changed_file_is_parsed_again_and_reindexed(folder: Path) -> None:
    _open(folder).close()
    target = folder / "a.txt"
    _write(target, "Kestrel report", "An osprey replaced the bird over Vilnius today.")
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    lib = _open(folder)
    assert lib.stats["parsed"] == 1 and lib.stats["from_cache"] == 2
    assert _paths(lib, "osprey") == {"a.txt"}
    assert _paths(lib, "kestrel") == {"a.txt"}  # still in the title
    assert not any(h.kind == "paragraph" for h in lib.index.search("kestrel"))
    assert "osprey" in lib.document(str(target)).text


def test_touched_file_keeps_its_parse(folder: Path) -> None:
    _open(folder).close()
    target = folder / "b.txt"
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 7_000_000_000))
    lib = _open(folder)
    assert lib.stats["parsed"] == 0 and lib.stats["touched"] == 1
    lib.close()
    assert _open(folder).stats["jobs"] == 0


def test_deleted_and_added_files(folder: Path) -> None:
    _open(folder).close()
    (folder / "b.txt").unlink()
    _write(folder / "c.txt", "Heron report", "A heron waits by the river.")
    lib = _open(folder)
    assert lib.stats["parsed"] == 1
    names = sorted(os.path.basename(e.path) for e in lib.entries)
    assert names == ["a.txt", "c.txt", "seed.txt"]
    assert _paths(lib, "falcon") == set()
    assert _paths(lib, "heron") == {"c.txt"}
    rows = lib.cache.rows()
    assert str(folder / "b.txt") not in rows and str(folder / "c.txt") in rows


def test_new_parser_version_parses_everything_again(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(folder).close()
    monkeypatch.setattr(pc, "PARSER_VERSION", PARSER_VERSION + "x")
    monkeypatch.setattr(library_mod, "PARSER_VERSION", PARSER_VERSION + "x")
    lib = _open(folder)
    assert lib.stats["parsed"] == 3


def test_corrupt_cache_and_index_are_rebuilt(folder: Path) -> None:
    _open(folder).close()
    for f in cache_dir().glob("*.sqlite"):
        f.write_bytes(b"garbage" * 1000)
    lib = _open(folder)
    assert lib.stats["parsed"] == 3
    assert _paths(lib, "kestrel") == {"a.txt"}
    assert any("rebuilt" in p for p in lib.problems)
    lib.close()
    assert _open(folder).stats["parsed"] == 0


def test_bad_files_are_problems_not_tracebacks(folder: Path) -> None:
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    lib = _open(folder)
    assert any("bin.txt" in p and "binary" in p for p in lib.problems)
    assert len(lib.entries) == 3
    lib.close()
    again = _open(folder)  # the failure is cached too, and still reported
    assert any("bin.txt" in p for p in again.problems) and again.stats["parsed"] == 0


def test_parallel_scan_matches_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib_dir = tmp_path / "many"
    lib_dir.mkdir()
    for i in range(12):
        _write(lib_dir / f"d{i:02d}.txt", f"Report {i}", f"Item {i}: the word zander{i % 3}.")
    monkeypatch.setattr(library_mod, "PARALLEL_MIN", 2)
    monkeypatch.setattr(library_mod, "CHUNK", 3)
    par = Library([str(lib_dir)], use_cache=False, workers=2)
    par.scan()
    ser = Library([str(lib_dir)], use_cache=False, workers=1)
    ser.scan()
    assert [e.title for e in par.entries] == [e.title for e in ser.entries]
    assert par.stats["parsed"] == 12
    assert par.index.search("zander1") == ser.index.search("zander1")
    assert len(par.index.search("zander1", limit=100)) == 4  # d01, d04, d07, d10


def test_document_lru_stays_small(folder: Path) -> None:
    lib = _open(folder)
    for _ in range(3):
        for e in lib.entries:
            lib.document(e.path)
    assert 0 < lib.documents_in_memory <= library_mod.LRU_SIZE


def test_progress_describes_rate_and_time_left() -> None:
    p = Progress(done=30, total=130, from_cache=10, elapsed=2.0)
    assert p.rate == 10.0 and p.eta == 10.0
    assert p.describe() == "30/130 documents · 10 cached · 10/s · 10 s left"
    assert Progress(5, 5).eta == 0.0
    assert time.time() > 0


def test_user_gazetteer_reaches_the_library_and_a_change_to_it_parses_again(
    tmp_path: Path,
) -> None:
    """Names in the config dir's entities.tsv show up in library documents; editing the file
    invalidates the cached parses (the cache key carries its fingerprint)."""
    from tui.core.paths import config_dir

    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Harbour report\n\nThe Steel Porcupine doctrine was discussed in Tallinn.\n",
        encoding="utf-8",
    )

    def ids() -> set[str]:
        lib = Library([str(folder)], workers=1)
        lib.scan()
        doc = lib.document(str(folder / "a.txt"))
        lib.close()
        return {e.id for e in doc.entities}

    assert not any("porcupine" in i for i in ids())
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "entities.tsv").write_text(
        "WEAPON\tSteel Porcupine\tsteel porcupine\n", encoding="utf-8"
    )
    assert "weapon:steel-porcupine" in ids()
