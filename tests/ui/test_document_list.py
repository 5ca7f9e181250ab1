"""Rows of the document list: long titles end in "…", the metadata line is one line that
never ends in a dangling separator (issue 15)."""

from __future__ import annotations

from tui.library.library import DocEntry
from tui.ui.widgets.document_list import ROW_WIDTH, TITLE_LINES, entry_prompt


def lines(entry: DocEntry) -> list[str]:
    return entry_prompt(entry).plain.split("\n")


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis() -> None:
    title = "Defence ministers of the coalition agree " * 8
    title_line = lines(DocEntry("/x/a.txt", title, None, None))[0]
    assert title_line.endswith("…")
    assert len(title_line) <= ROW_WIDTH * TITLE_LINES
    assert not title_line[:-1].endswith(" ")
    assert lines(DocEntry("/x/a.txt", "Short title", None, None))[0] == "Short title"


def test_the_metadata_line_fits_one_row_and_never_ends_in_a_separator() -> None:
    cases = [
        DocEntry("/x/a.pdf", "T", "2025-09-06", "UNN, citing Bloomberg and the Financial Times"),
        DocEntry("/x/a.pdf", "T", "2025-09-06", "Ukrainian National News Agency Kyiv"),
        DocEntry("/x/a.txt", "T", "2025-09-06", "   "),
        DocEntry("/x/a.docx", "T", None, "A source with a very long name indeed, it goes on"),
    ]
    for entry in cases:
        rows = lines(entry)
        assert len(rows) == 2, rows
        meta = rows[1]
        assert len(meta) <= ROW_WIDTH, meta
        assert not meta.rstrip().endswith("·"), meta
        assert "·  ·" not in meta and "· ·" not in meta, meta
    assert lines(cases[0])[1].startswith("2025-09-06 · PDF · UNN")
