"""The quote rows every quote view draws (no terminal): reading order, labels, bodies cut to
length and cleaned, filtering; a speaker's quotes over time, oldest first, undated last."""

from __future__ import annotations

from conftest import QUOTE_TEXT_A, quote_doc_a, quote_doc_b

from tui.core.text import fold, one_line
from tui.views.quote_rows import (
    QuoteRow,
    filter_rows,
    kind_counts,
    library_quote_rows,
    quote_body,
    quote_rows,
    speaker_rows,
)


def _row(path: str, speaker: str | None, date: str) -> QuoteRow:
    return QuoteRow(path, path, 0, 5, "direct", speaker, None, "said", "words", "key", date)


def test_speaker_rows_keep_one_person_oldest_first_and_undated_last() -> None:
    rows = [
        _row("late", "Mark Rutte", "2025-06-20"),
        _row("none", "Mark Rutte", ""),
        _row("other", "Emmanuel Macron", "2025-06-01"),
        _row("early", "Mr Rutte", "2025-06-02"),
        _row("anon", None, "2025-06-03"),
    ]
    got = speaker_rows(rows, ["Mark Rutte", "Mr Rutte"])
    assert [r.path for r in got] == ["early", "late", "none"]


def test_speaker_rows_ignore_case_and_accents_but_not_other_people() -> None:
    rows = [_row("a", "José Ramos", "2025-01-01"), _row("b", "Jose Ramos-Horta", "2025-01-02")]
    assert [r.path for r in speaker_rows(rows, ["jose ramos"])] == ["a"]


def test_rows_in_reading_order_with_offsets_and_labels() -> None:
    doc = quote_doc_a()
    rows = quote_rows(doc)
    assert [r.start for r in rows] == sorted(q.start for q in doc.quotes)
    for row in rows:
        assert row.path == "/docs/a.txt"
        assert doc.text[row.start : row.end] in QUOTE_TEXT_A
    first = rows[0]
    assert first.speaker_label == "Pål Jonson (Swedish Defense Minister)"
    assert first.text == "“We need more systems now,”"
    assert rows[1].kind == "partial"
    assert rows[1].speaker_label == "Pål Jonson"
    assert rows[2].text == "European allies need to spend more"  # indirect: no marks added
    assert rows[3].speaker_label == "No speaker (scare quote)"
    assert rows[3].text == "“steel porcupine”"
    assert kind_counts(rows) == {"direct": 2, "partial": 1, "indirect": 1, "scare": 1}


def test_quote_body_cuts_long_quotes_and_unknown_speaker() -> None:
    body = quote_body('"' + "word " * 200 + '"', "direct", limit=50)
    assert body.startswith("“word") and body.endswith("…”")
    assert len(body) == 52
    row = QuoteRow("p", "t", 0, 1, "direct", None, None, None, "“x”", "x")
    assert row.speaker_label == "Unknown speaker"


def test_clean_removes_escapes_controls_and_newlines() -> None:
    assert one_line("a\x1b]2;pwned\x07b\nc\u202ed\t e") == "a ]2;pwned b c d e"
    assert "\x1b" not in quote_body('"x\x1b[31mred"', "direct")


def test_filter_ignores_case_accents_and_needs_every_word() -> None:
    rows = library_quote_rows([quote_doc_a(), quote_doc_b()])
    assert len(rows) == 6
    assert [r.speaker for r in filter_rows(rows, "STROMSIKOVA")] == ["Jana Stromšíková"]
    assert {r.kind for r in filter_rows(rows, "jonson")} == {"direct", "partial"}
    assert [r.kind for r in filter_rows(rows, "jonson combat")] == ["partial"]
    assert [r.kind for r in filter_rows(rows, "scare")] == ["scare"]
    assert filter_rows(rows, "  ") == rows
    assert filter_rows(rows, "nobody-said-this") == []
    assert fold("Pål") == "pal"


def test_a_partial_quote_reads_as_report_with_only_the_quoted_words_marked() -> None:
    body = quote_body('the plan was "a disaster for the city" and would be scrapped', "partial")
    assert body == "the plan was “a disaster for the city” and would be scrapped"
    assert quote_body("it a “quid pro quo” during a speech", "partial") == (
        "it a “quid pro quo” during a speech"
    )
    # direct quotes stay wrapped whole; reported speech stays unmarked
    assert quote_body('"We are ready"', "direct") == "“We are ready”"
    assert quote_body("the plan would be scrapped", "indirect") == "the plan would be scrapped"
