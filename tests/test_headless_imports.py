"""Shell commands must not pull in Textual: they start fast and run without a terminal."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "parsers", "parsers.decode", "parsers.plaintext", "parsers.markdown_reader",
    "parsers.sentences", "parsers.quotes", "parsers.entities",
    # tui's services: everything that does not draw.
    "tui.cli", "tui.paths", "tui.discover", "tui.outline", "tui.library", "tui.parse_cache",
    "tui.search_index", "tui.search_cli", "tui.notes_store", "tui.anchoring", "tui.export",
    "tui.export_cli", "tui.keymap", "tui.config", "tui.positions", "tui.entity_index",
    "tui.entity_table", "tui.quote_list",
]


def _textual_modules_after(code: str) -> str:
    program = (
        "import sys, importlib\n"
        f"{code}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


def test_headless_modules_do_not_import_textual() -> None:
    code = (
        f"for m in {HEADLESS!r}: importlib.import_module(m)\n"
        "import parsers; parsers.parse_text('Title\\nBody \"quoted\" text.')"
    )
    assert _textual_modules_after(code) == ""


@pytest.mark.parametrize("module", HEADLESS)
def test_each_headless_module_alone(module: str) -> None:
    """One process per module, so the one that pulls Textual in is named."""
    assert _textual_modules_after(f"importlib.import_module({module!r})") == "", module


def test_the_check_sees_textual() -> None:
    """The check itself works: a drawing module is caught."""
    assert "textual" in _textual_modules_after("importlib.import_module('tui.export_dialog')")
