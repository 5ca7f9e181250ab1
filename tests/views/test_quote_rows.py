"""A speaker's quotes over time: chosen by any spelling, oldest first, undated last."""

from __future__ import annotations

from tui.views.quote_rows import QuoteRow, speaker_rows


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
