"""tui.core.text: the one home of text hygiene every pane and store uses."""

from __future__ import annotations

from tui.core.text import fold, multi_line, one_line, printable


def test_printable_escapes_newlines_and_controls() -> None:
    assert printable("a\nb\x1b[31m") == "a\\nb\\x1b[31m"


def test_one_line_drops_controls_and_bidi_and_collapses_space() -> None:
    assert one_line("  a\x1b]2;t\x07b\n\u202ec\t d ") == "a ]2;t b c d"


def test_multi_line_keeps_lines_and_tabs_but_no_controls() -> None:
    assert multi_line("one\r\ntwo\rthree\tx\x1b[2J\x9b") == "one\ntwo\nthree\tx[2J"


def test_fold_removes_case_and_diacritics_and_odd_letters() -> None:
    assert fold("Stromšíková") == "stromsikova"
    assert fold("Straße Ærø") == "strasse aero"
    assert fold("O’Brien") == "o'brien"
