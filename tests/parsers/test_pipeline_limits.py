"""An oversized document is still read whole, with quotes and entities looked for in a prefix."""

from __future__ import annotations

import pytest

import parsers
from tui.cli.outline import MAX_OUTLINE_QUOTES, format_outline

PARAGRAPH = '"We will hold the line," said Defense Minister Pål Jonson in Stockholm.\n\n'


def test_extraction_stops_at_the_limit_but_the_text_is_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parsers, "EXTRACTION_LIMIT", 10 * len(PARAGRAPH))
    text = "Title\n\n" + PARAGRAPH * 50
    doc = parsers.parse_text(text, "big.txt")
    assert doc.text == text
    assert len(doc.paragraphs) == 50
    assert 5 <= len(doc.quotes) <= 10
    assert all(q.end <= parsers.EXTRACTION_LIMIT for q in doc.quotes)
    assert all(doc.text[q.start : q.end] == q.text for q in doc.quotes)
    assert doc.entities and all(e.end <= parsers.EXTRACTION_LIMIT for e in doc.entities)
    assert any("very large document" in w for w in doc.warnings)


def test_a_normal_document_is_extracted_whole() -> None:
    doc = parsers.parse_text("Title\n\n" + PARAGRAPH * 50, "small.txt")
    assert len(doc.quotes) == 50
    assert not any("very large" in w for w in doc.warnings)


def test_outline_lists_a_bounded_number_of_quotes() -> None:
    doc = parsers.parse_text("Title\n\n" + PARAGRAPH * (MAX_OUTLINE_QUOTES + 20), "many.txt")
    outline = format_outline(doc)
    assert outline.count("[direct]") == MAX_OUTLINE_QUOTES
    assert "20 more quotes" in outline
