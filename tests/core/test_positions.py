"""Reading positions across runs: stored by path, atomic, merged, robust to bad files."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tui.core import paths
from tui.core.positions import FILE_NAME, Positions


def test_round_trip_across_instances(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text("x")
    first = Positions()
    assert first.get(str(doc)) is None
    first.set(str(doc), 120, 80)
    assert first.save() is None
    again = Positions()
    pos = again.get(str(doc))
    assert pos is not None and (pos.cursor, pos.top) == (120, 80)
    assert (paths.data_dir() / FILE_NAME).exists()


def test_relative_and_absolute_paths_are_one_document(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "b.txt").write_text("x")
    monkeypatch.chdir(tmp_path)
    p = Positions()
    p.set("b.txt", 5, 1)
    p.save()
    pos = Positions().get(str(tmp_path / "b.txt"))
    assert pos is not None and pos.cursor == 5


def test_two_writers_merge() -> None:
    one, two = Positions(), Positions()
    one.set("/docs/one.txt", 1, 0)
    two.set("/docs/two.txt", 2, 0)
    assert one.save() is None and two.save() is None
    fresh = Positions()
    assert fresh.get("/docs/one.txt") is not None
    assert fresh.get("/docs/two.txt") is not None


def test_corrupt_file_is_set_aside() -> None:
    folder = paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / FILE_NAME).write_text("{not json", encoding="utf-8")
    p = Positions()
    assert p.get("/x") is None
    assert p.problem is not None and "\n" not in p.problem
    assert (folder / (FILE_NAME + ".bad")).exists()
    p.set("/x", 3, 0)
    assert p.save() is None
    assert json.loads((folder / FILE_NAME).read_text())["docs"]


def test_unwritable_dir_gives_message_not_exception(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    p = Positions(blocker / "sub" / FILE_NAME)  # parent is a file: cannot be created
    p.set("/x", 1, 1)
    problem = p.save()
    assert problem is not None and problem.startswith("reading positions not saved")


def test_no_temporary_files_left() -> None:
    p = Positions()
    p.set("/y", 1, 1)
    p.save()
    leftovers = [n for n in os.listdir(paths.data_dir()) if n.endswith(".tmp")]
    assert leftovers == []


def test_last_document_is_remembered() -> None:
    p = Positions()
    assert p.last() is None
    p.set_last("/docs/b.txt")
    assert p.save() is None
    assert Positions().last() == "/docs/b.txt"
