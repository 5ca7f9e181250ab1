"""Shell commands must not pull in Textual or Rich: they start fast and run without a terminal.

The module list is walked from the packages, so a new headless module is checked without anyone
adding it here. import-linter (``make test``) checks the same rules statically; this checks them at
run time, where a lazy import inside a function would also show.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import parsers
import tui

HEADLESS_PACKAGES = (
    "cli",
    "core",
    "library",
    "search",
    "entities",
    "notes",
    "views",
    "timeline",
    "feeds",
    "store",
)


def _modules_of(package_name: str, package_path: list[str]) -> list[str]:
    found = [package_name]
    for info in pkgutil.walk_packages(package_path, prefix=package_name + "."):
        found.append(info.name)
    return found


def headless_modules() -> list[str]:
    mods = _modules_of("parsers", list(parsers.__path__))
    for sub in HEADLESS_PACKAGES:
        mods += _modules_of(f"tui.{sub}", [f"{tui.__path__[0]}/{sub}"])
    return sorted(mods)


HEADLESS = headless_modules()


def _drawing_modules_after(code: str) -> str:
    program = (
        "import sys, importlib\n"
        f"{code}\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_the_walk_finds_every_layer() -> None:
    """The walk is not empty and reaches into each headless package."""
    for sub in HEADLESS_PACKAGES:
        assert any(m.startswith(f"tui.{sub}.") for m in HEADLESS), sub
    assert "parsers.quotes" in HEADLESS
    assert not any(m.startswith("tui.ui") for m in HEADLESS)


def test_headless_modules_do_not_import_textual_or_rich() -> None:
    code = (
        f"for m in {HEADLESS!r}: importlib.import_module(m)\n"
        "import parsers; parsers.parse_text('Title\\nBody \"quoted\" text.')"
    )
    assert _drawing_modules_after(code) == ""


@pytest.mark.parametrize("module", HEADLESS)
def test_each_headless_module_alone(module: str) -> None:
    """One process per module, so the one that pulls Textual or Rich in is named."""
    assert _drawing_modules_after(f"importlib.import_module({module!r})") == "", module


def test_the_check_sees_textual() -> None:
    """The check itself works: a drawing module is caught."""
    out = _drawing_modules_after("importlib.import_module('tui.ui.screens.export_dialog')")
    assert "textual" in out and "rich" in out
