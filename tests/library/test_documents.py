"""The lazy document sequence: nothing parsed until asked; unreadable files skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from parsers.model import ParseError
from tui.library.documents import LibraryDocuments
from tui.library.library import Library


def test_documents_are_read_on_demand_and_bad_ones_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Alpha title\n\nThe first body text.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Beta title\n\nThe second body text.\n", encoding="utf-8")
    library = Library([str(tmp_path)])
    paths = sorted(library.files)
    docs = LibraryDocuments(library, [*paths, str(tmp_path / "gone.txt")])
    assert len(docs) == 3
    assert docs[0].title == "Alpha title"
    assert [d.title for d in docs[0:2]] == ["Alpha title", "Beta title"]
    assert [d.title for d in docs] == ["Alpha title", "Beta title"]  # the missing one skipped
    with pytest.raises((ParseError, OSError)):
        docs[2]
