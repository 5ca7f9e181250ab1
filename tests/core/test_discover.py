"""Turning the paths a user names into document files, with a one-line reason for the rest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.core.discover import find_documents, relative_label
from tui.core.text import printable


def test_walks_folders_for_documents_in_sorted_order(tmp_path: Path) -> None:
    for rel in ["b/z.md", "b/a.txt", "a.markdown", "c.text", "photo.png", ".git/x.txt", "b/.h.txt"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x", encoding="utf-8")
    found = find_documents([str(tmp_path)])
    rels = [os.path.relpath(f, tmp_path) for f in found.files]
    assert rels == ["a.markdown", "c.text", os.path.join("b", "a.txt"), os.path.join("b", "z.md")]
    assert found.problems == []


def test_files_named_directly_are_read_whatever_their_suffix(tmp_path: Path) -> None:
    f = tmp_path / "brief.log"
    f.write_text("x", encoding="utf-8")
    assert find_documents([str(f)]).files == [str(f)]


def test_same_file_twice_is_listed_once(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(f)
    found = find_documents([str(f), str(tmp_path)])
    assert found.files == [str(f)]


def test_folder_symlink_loops_are_cut(tmp_path: Path) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "d" / "again").symlink_to(tmp_path / "d")
    (tmp_path / "d" / "up").symlink_to(tmp_path)
    found = find_documents([str(tmp_path)])
    assert len(found.files) == 1


def test_problems_are_one_line_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "l1.txt").symlink_to(tmp_path / "l2.txt")
    (tmp_path / "l2.txt").symlink_to(tmp_path / "l1.txt")
    (tmp_path / "gone.md").symlink_to(tmp_path / "nowhere.md")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    found = find_documents(
        [str(tmp_path / "missing\nname"), str(tmp_path / "l1.txt"), str(fifo), str(tmp_path)]
    )
    assert found.files == []
    assert found.problems[0].endswith("missing\\nname: no such file or folder")
    assert found.problems[1].endswith("l1.txt: symbolic link loop")
    assert found.problems[2].endswith("pipe: not a regular file (a device, socket or pipe)")
    assert any(p.endswith("gone.md: broken symbolic link") for p in found.problems)
    assert all("\n" not in p for p in found.problems)


def test_printable_escapes_controls_and_keeps_unicode() -> None:
    assert printable("a\nb\x1b[31m\tc") == "a\\nb\\x1b[31m\\tc"
    assert printable("Pål Jonson.txt") == "Pål Jonson.txt"


def test_relative_label(tmp_path: Path) -> None:
    f = tmp_path / "sub" / "x.txt"
    f.parent.mkdir()
    f.write_text("x", encoding="utf-8")
    assert relative_label(str(f), [str(tmp_path)]) == os.path.join("sub", "x.txt")
    assert relative_label(str(f), ["/elsewhere"]) == "x.txt"


def test_display_path_is_relative_under_the_working_folder_and_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.core.discover import display_path

    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert display_path(str(tmp_path / "work" / "a" / "b.txt")) == os.path.join("a", "b.txt")
    assert display_path(str(tmp_path / "home" / "x.txt")) == "~/x.txt"
    outside = tmp_path / "elsewhere.txt"
    assert display_path(str(outside)) == str(outside)
    assert "\n" not in display_path(str(tmp_path / "work" / "new\nline.txt"))
