"""Shell commands must not pull in Textual: they start fast and run without a terminal."""

from __future__ import annotations

import subprocess
import sys

HEADLESS = [
    "parsers", "parsers.decode", "parsers.plaintext", "parsers.markdown_reader",
    "parsers.sentences", "parsers.quotes", "parsers.entities", "tui.cli", "tui.paths",
    "tui.discover", "tui.outline",
]


def test_headless_modules_do_not_import_textual() -> None:
    code = (
        "import sys, importlib\n"
        f"for m in {HEADLESS!r}: importlib.import_module(m)\n"
        "import parsers; parsers.parse_text('Title\\nBody \"quoted\" text.')\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
