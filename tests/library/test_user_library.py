"""The user's library (inbox + configured folders, samples only when empty), refresh, watch."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from conftest import SEED_A, SEED_B

from tui.core import paths
from tui.core.config import Config, load_config
from tui.core.user_library import user_library
from tui.library.library import Library
from tui.library.watch import FolderWatcher, is_document_path


def test_samples_only_when_inbox_and_folders_are_empty(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    cfg = Config(library=[str(folder), str(tmp_path / "missing")])
    lib = user_library(cfg)
    assert lib.samples and lib.paths[0] == str(paths.seeds_dir())
    assert lib.folders == [str(paths.inbox_dir()), str(folder)]
    assert paths.inbox_dir().is_dir()
    assert len(lib.problems) == 1 and "missing" in lib.problems[0]
    (folder / ".hidden.md").write_text("# hidden", encoding="utf-8")
    assert user_library(cfg).samples
    shutil.copy(SEED_A, folder / "a.txt")
    lib = user_library(cfg)
    assert not lib.samples and lib.paths == lib.folders


def test_config_library_setting(tmp_path: Path) -> None:
    cfg_file = tmp_path / "config.toml"
    cfg_file.write_text('library = ["~/briefings", "/srv/news"]\n', encoding="utf-8")
    assert load_config(cfg_file).library == ["~/briefings", "/srv/news"]
    cfg_file.write_text("library = 3\n", encoding="utf-8")
    cfg = load_config(cfg_file)
    assert cfg.library == [] and len(cfg.problems) == 1


def test_refresh_reports_added_changed_removed(tmp_path: Path) -> None:
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copy(SEED_A, folder / "a.txt")
    library = Library([str(folder)], workers=1)
    library.scan()
    assert len(library.entries) == 1
    added, changed, removed = library.refresh()
    assert (added, changed, removed) == ([], [], [])
    shutil.copy(SEED_B, folder / "b.txt")
    added, changed, removed = library.refresh()
    assert [e.path for e in added] == [str(folder / "b.txt")] and not changed and not removed
    assert any(h.path == str(folder / "b.txt") for h in library.index.search("NATO", limit=50))
    (folder / "a.txt").write_text("Changed title\n\nA new paragraph about Patriot.\n", "utf-8")
    added, changed, removed = library.refresh()
    assert not added and [e.title for e in changed] == ["Changed title"]
    assert "Patriot" in library.document(str(folder / "a.txt")).text
    os.unlink(folder / "b.txt")
    added, changed, removed = library.refresh()
    assert removed == [str(folder / "b.txt")] and not added


def test_watcher_sees_documents_copied_in(tmp_path: Path) -> None:
    folder = tmp_path / "watched"
    folder.mkdir()
    seen: list[set[str]] = []
    got = threading.Event()

    def on_change(changed: set[str]) -> None:
        seen.append(changed)
        got.set()

    watcher = FolderWatcher([str(folder)], on_change, debounce_ms=100)
    assert watcher.start()
    try:
        time.sleep(0.3)
        (folder / ".tmp-file.md").write_text("hidden", encoding="utf-8")
        (folder / "picture.png").write_bytes(b"\x89PNG")
        # the watcher's thread may still be starting on a loaded machine (a copy made before
        # it watches is not an event): copy again until it is heard, for up to 30 s
        for _ in range(30):
            shutil.copy(SEED_A, folder / "new.txt")
            if got.wait(1):
                break
        assert got.is_set()
        assert set().union(*seen) == {str(folder / "new.txt")}
    finally:
        watcher.stop()
    assert is_document_path(
        "/home/u/.local/share/briefing-tui/inbox/w/a.md",
        ["/home/u/.local/share/briefing-tui/inbox"],
    )
    assert not is_document_path("/x/inbox/w/.a.md.1.2.tmp", ["/x/inbox"])
