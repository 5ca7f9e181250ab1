"""End to end: resizing a real terminal (tmux resize-window) follows the width rules.

Issue 15: started at 140 columns, a resize to 110 kept all three panes (the reader squeezed
to ~38 columns), 80 kept the list beside the reader, back at 140 the reader showed alone.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import SEEDS
from test_e2e_tmux import Tmux, start

pytestmark = pytest.mark.e2e

#: Width → (document list shown, entity sidebar shown), as a fresh start at that width.
RULES = {140: (True, True), 110: (True, False), 80: (False, False), 160: (True, True)}


def shown(screen: str) -> tuple[bool, bool]:
    return "Documents" in screen, "Entities ·" in screen


def settle(tmux: Tmux, want: tuple[bool, bool], timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    screen = tmux.screen()
    while time.monotonic() < deadline:
        screen = tmux.screen()
        if shown(screen) == want:
            return screen
        time.sleep(0.2)
    return screen


def test_resizing_the_terminal_follows_the_width_rules(tmp_path: Path) -> None:
    tmux = start(tmp_path, str(SEEDS), width=140, height=40)
    try:
        # At 140 columns both side panes show; wait_for fails if either never does.
        assert RULES[140] == (True, True)
        tmux.wait_for("2 documents", "Documents", "Entities ·")
        for width in (110, 80, 140, 160):
            tmux.run("resize-window", "-t", tmux.name, "-x", str(width), "-y", "40")
            screen = settle(tmux, RULES[width])
            assert shown(screen) == RULES[width], f"at {width} columns:\n{screen}"
            widest = max(len(line) for line in screen.splitlines())
            assert widest <= width
    finally:
        tmux.keys("q")
        tmux.run("kill-server")
