"""Where a note is, said for people: section, paragraph number, line."""

from __future__ import annotations

from parsers import parse_text
from tui.views.locations import describe

TEXT = """Talks in Rome

AIR DEFENCE

The ministers met on Friday.

They agreed on more interceptors. The first arrive in spring.

BUDGET

The budget grows by $4.8 billion.
"""


def test_section_paragraph_and_line() -> None:
    doc = parse_text(TEXT, "memo.txt")
    where = describe(doc, TEXT.index("The first arrive"))
    assert where.startswith("§ ")
    assert "AIR DEFENCE" in where.upper()
    assert "line 7" in where
    assert "¶" in where
    budget = describe(doc, TEXT.index("$4.8"))
    assert "BUDGET" in budget.upper() and "line 11" in budget
    assert "173" not in where  # no raw offsets


def test_formats_without_file_lines_give_no_line_number() -> None:
    doc = parse_text(TEXT, "memo.txt")
    doc.format = "pdf"
    assert "line" not in describe(doc, TEXT.index("The first arrive"))
