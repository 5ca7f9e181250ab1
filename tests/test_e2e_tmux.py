"""End to end: the installed ``briefing-tui`` in a real terminal (tmux), driven by keys.

Skips only where tmux is missing. XDG dirs point at a temporary folder, so nothing of the
user's is read or written.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

pytestmark = pytest.mark.e2e


def _command() -> str:
    local = Path(sys.executable).parent / "briefing-tui"
    if local.exists():
        return str(local)
    found = shutil.which("briefing-tui")
    if found is None:
        pytest.skip("briefing-tui is not installed (pip install -e .)")
    return found


class Tmux:
    """A tmux session on a private server socket (``-L``), so other tmux users never clash."""

    def __init__(self, name: str) -> None:
        self.name = name

    def run(self, *args: str) -> str:
        out = subprocess.run(["tmux", "-L", self.name, *args], capture_output=True, text=True,
                             timeout=20)
        return out.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.name, *keys)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never showed; screen was:\n{screen}")


@pytest.fixture
def tmux(tmp_path: Path) -> Tmux:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the end-to-end test needs a real terminal")
    name = f"briefing-e2e-{uuid.uuid4().hex[:8]}"
    env = {var: str(tmp_path / var.lower()) for var in
           ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")}
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    # COLUMNS/LINES (set by some test runners) would override the terminal's real size.
    cmd = (f"cd {shlex.quote(str(ROOT))} && env -u COLUMNS -u LINES {exports} TERM=xterm-256color "
           f"{shlex.quote(_command())} {shlex.quote(str(SEEDS))}; "
           "echo BRIEFING-EXIT-$?; sleep 30")
    subprocess.run(["tmux", "-L", name, "-f", "/dev/null", "new-session", "-d", "-s", name,
                    "-x", "120", "-y", "40", cmd],
                   check=True, timeout=20, env={**os.environ, "TMUX": ""})
    session = Tmux(name)
    yield session  # type: ignore[misc]
    subprocess.run(["tmux", "-L", name, "kill-server"], capture_output=True, timeout=20)


def test_read_walk_help_and_quit(tmux: Tmux) -> None:
    screen = tmux.wait_for("Defense leaders from the United States")
    assert "Documents" in screen and "2 documents" in tmux.wait_for("2 documents")
    tmux.keys("]")
    tmux.wait_for("European leaders, taking into account")
    tmux.keys("?")
    help_screen = tmux.wait_for("app.quit")
    assert "move.down" in help_screen
    tmux.keys("Escape")
    time.sleep(0.3)
    tmux.keys("[")
    tmux.wait_for("Defense leaders from the United States")
    tmux.keys("q")
    tmux.wait_for("BRIEFING-EXIT-0")
