"""Markdown: front matter, nested headings, block quotes, lists, tables, code, deep nesting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_parse_properties import assert_offsets

from parsers import Document, parse_text

ARTICLE = """\
---
title: "Europe's Air Defence Gap"
date: Sept. 6, 2025
source: Bloomberg
author: Someone
---
Europe lacks **integrated** air and [missile defence](https://example.com/md) systems.
It relies on `Patriot` batteries.

## Costs

Replacing US capabilities would cost *$1 trillion*.

### Space

> "Without eyes, you are blind," said an official.
>
> > A nested reply.

- first point
- second point
  1. sub one
  2. sub two

| Country | Systems |
|---------|---------|
| Germany | Patriot |
| Italy   | SAMP/T  |

```python
print("[bold]not markup[/]")
```

## Outlook

The coalition meets again next week.
"""


def parts(doc: Document, kind: str | None = None) -> list[str]:
    return [doc.text[p.start : p.end] for p in doc.paragraphs if kind is None or p.kind == kind]


@pytest.fixture(scope="module")
def doc() -> Document:
    return parse_text(ARTICLE, "brief.md")


def test_front_matter_is_metadata_not_text(doc: Document) -> None:
    assert doc.format == "markdown"
    assert doc.title == "Europe's Air Defence Gap"
    assert doc.date == "2025-09-06"
    assert doc.source == "Bloomberg"
    assert "author:" not in doc.text and "---" not in doc.text


def test_text_is_rendered_prose_without_markup(doc: Document) -> None:
    first = parts(doc)[0]
    assert first == (
        "Europe lacks integrated air and missile defence systems. It relies on Patriot batteries."
    )
    assert "https://example.com" not in doc.text
    assert "**" not in doc.text and "## " not in doc.text and "> " not in doc.text


def test_headings_nest_as_sections(doc: Document) -> None:
    got = [(s.title, s.level) for s in doc.sections]
    assert got == [(None, 1), ("Costs", 1), ("Space", 2), ("Outlook", 1)]
    space = doc.sections[2]
    assert doc.text[space.title_start or 0 : space.title_end or 0] == "Space"
    assert doc.text[space.start : space.end].endswith('print("[bold]not markup[/]")')
    assert parts(doc, "heading") == ["Costs", "Space", "Outlook"]


def test_block_quotes_are_blockquote_paragraphs(doc: Document) -> None:
    assert parts(doc, "blockquote") == [
        '"Without eyes, you are blind," said an official.',
        "A nested reply.",
    ]


def test_lists_read_as_bulleted_lines(doc: Document) -> None:
    assert parts(doc, "list") == ["• first point\n• second point\n  1. sub one\n  2. sub two"]


def test_tables_read_as_rows_of_cells(doc: Document) -> None:
    assert parts(doc, "table") == ["Country | Systems\nGermany | Patriot\nItaly | SAMP/T"]


def test_code_is_kept_verbatim(doc: Document) -> None:
    assert parts(doc, "code") == ['print("[bold]not markup[/]")']


def test_sentences_split_list_and_table_lines(doc: Document) -> None:
    sentences = [doc.text[s.start : s.end] for s in doc.sentences]
    assert "• first point" in sentences and "1. sub one" in sentences
    assert "Germany | Patriot" in sentences
    assert "Europe lacks integrated air and missile defence systems." in sentences


def test_offsets_round_trip(doc: Document) -> None:
    assert_offsets(doc)


def test_leading_h1_is_the_title_and_its_span() -> None:
    doc = parse_text("# Coalition Plans\n\nBody text here.\n\n## Detail\n\nMore.", "t.md")
    assert doc.title == "Coalition Plans"
    assert doc.title_span == (0, 15)
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Coalition Plans", 1),
        ("Detail", 2),
    ]
    assert "Coalition Plans" not in parts(doc)
    assert_offsets(doc)


def test_unclosed_front_matter_is_ordinary_text() -> None:
    doc = parse_text("---\ntitle: x\n\nJust text.", "u.md")
    assert "Just text." in doc.text and doc.title != "x"


def test_markdown_without_a_title_uses_its_first_sentence() -> None:
    doc = parse_text("Plain first sentence. Second one.", "p.md")
    assert doc.title == "Plain first sentence."


@pytest.mark.parametrize(
    "source",
    [
        ">" * 1000 + " deep quote\n",
        "".join("> " * i + "line\n" for i in range(1, 200)),
        "- " * 1000 + "deep item\n",
        "".join("  " * i + "- item\n" for i in range(400)),
        "1. " * 1000 + "x\n",
    ],
    ids=["1000 >", "growing quotes", "1000 bullets", "400 nested lists", "1000 ordered"],
)
def test_deep_nesting_falls_back_to_plain_text_with_a_warning(source: str) -> None:
    doc = parse_text(source, "deep.md")
    assert any("nested more than" in w for w in doc.warnings)
    assert doc.text == source  # nothing lost: the plain-text reader keeps the source
    assert_offsets(doc)


def test_pathological_inline_markdown_falls_back_instead_of_hanging() -> None:
    doc = parse_text("[" * 30000 + "x" + "]" * 30000, "brackets.md")
    assert any("brackets" in w for w in doc.warnings)
    assert_offsets(doc)


def test_moderate_nesting_is_still_markdown() -> None:
    doc = parse_text("> > > three deep\n", "q.md")
    assert doc.warnings == []
    assert parts(doc, "blockquote") == ["three deep"]


def test_empty_markdown() -> None:
    doc = parse_text("", "empty.md")
    assert doc.paragraphs == [] and "empty document" in doc.warnings
    assert doc.title == "empty"


def test_fallback_keeps_front_matter_as_metadata() -> None:
    doc = parse_text("---\ntitle: Deep One\ndate: 2025-09-06\n---\n" + ">" * 500 + " x\n", "d.md")
    assert doc.title == "Deep One" and doc.date == "2025-09-06"
    assert doc.text == ">" * 500 + " x\n"
    assert doc.title_span is None or doc.text[doc.title_span[0] : doc.title_span[1]] == doc.title


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["> ", ">", "- ", "* ", "+ ", "1. ", "2) "]), max_size=80))
def test_no_nesting_loses_text(markers: list[str]) -> None:
    # markdown-it silently drops what lies past its nesting limit; the guard must catch it first.
    doc = parse_text("".join(markers) + "deepword\n", "n.md")
    assert "deepword" in doc.text
    assert_offsets(doc)
