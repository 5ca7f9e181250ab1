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
from collections.abc import Iterator
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
        out = subprocess.run(
            ["tmux", "-L", self.name, *args], capture_output=True, text=True, timeout=20
        )
        return out.stdout

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.name)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.name, *keys)

    def wait_for(self, *texts: str, timeout: float = 30.0) -> str:
        """Wait until every one of ``texts`` is on one capture: a capture can catch the
        terminal mid-paint, with half a dialog drawn."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{texts!r} never all showed; screen was:\n{screen}")

    def wait_gone(self, text: str, timeout: float = 30.0) -> str:
        """Wait until ``text`` is off the screen (a dialog closed), so the next key reaches
        what is under it."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never went; screen was:\n{screen}")


def start(tmp_path: Path, target: str, width: int = 120, height: int = 40) -> Tmux:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the end-to-end test needs a real terminal")
    name = f"briefing-e2e-{uuid.uuid4().hex[:8]}"
    env = {
        var: str(tmp_path / var.lower())
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    }
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    # COLUMNS/LINES (set by some test runners) would override the terminal's real size.
    cmd = (
        f"cd {shlex.quote(str(ROOT))} && env -u COLUMNS -u LINES {exports} TERM=xterm-256color "
        f"{shlex.quote(_command())} {shlex.quote(target)}; "
        "echo BRIEFING-EXIT-$?; sleep 30"
    )
    subprocess.run(
        [
            "tmux",
            "-L",
            name,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(width),
            "-y",
            str(height),
            cmd,
        ],
        check=True,
        timeout=20,
        env={**os.environ, "TMUX": ""},
    )
    return Tmux(name)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    session = start(tmp_path, str(SEEDS))
    yield session
    session.run("kill-server")


def test_read_walk_help_and_quit(tmux: Tmux) -> None:
    tmux.wait_for("Defense leaders from the United States", "Documents", "2 documents")
    tmux.keys("]")
    tmux.wait_for("European leaders, taking into account")
    tmux.keys("?")
    tmux.wait_for("app.quit", "move.down")
    tmux.keys("Escape")
    tmux.wait_gone("app.quit")
    tmux.keys("[")
    tmux.wait_for("Defense leaders from the United States")
    tmux.keys("q")
    tmux.wait_for("BRIEFING-EXIT-0")


def test_escape_sequences_in_a_document_never_reach_the_terminal(tmp_path: Path) -> None:
    doc = tmp_path / "hostile.txt"
    doc.write_bytes(
        b"Hostile title\x1b]2;PWNED-TITLE\x07\n"
        b"Before \x1b]52;c;cHduZWQ=\x07 the \x1b[31mred\x1b[0m words \x1b]8;;http://x\x1b\\link"
        b"\x1b]8;;\x1b\\ and [bold]markup[/bold] and [@click=app.quit]click[/] stay plain.\n"
    )
    session = start(tmp_path, str(doc))
    try:
        title_before = session.run("display-message", "-p", "#{pane_title}")
        screen = session.wait_for("stay plain.", "[bold]markup[/bold]", "[@click=app.quit]click[/]")
        assert "PWNED" not in screen
        time.sleep(0.5)
        title = session.run("display-message", "-p", "#{pane_title}")
        assert "PWNED" not in title, (title_before, title)
        session.keys("q")
        session.wait_for("BRIEFING-EXIT-0")
    finally:
        session.run("kill-server")
