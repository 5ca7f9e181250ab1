"""A closed terminal ends the reader within 5 s, keeping what ``q`` keeps (issue 15, broken 0).

The reader is started the way the README's first command does (``make run``, when this tree's
``.venv`` is the one installed by make; else the same ``briefing-tui`` with no path) in a tmux
pane; the pane is then closed as a person closes a terminal window.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from conftest import ROOT
from test_e2e_tmux import Tmux, _command

from tui.core.positions import Positions
from tui.notes.store import NotesStore

pytestmark = pytest.mark.e2e
SIZE = ("-x", "120", "-y", "40")


def _launcher() -> str:
    """``make run`` if this tree's venv is up to date (make would not reinstall), else the
    command ``make run`` runs."""
    venv_bin = ROOT / ".venv" / "bin"
    if shutil.which("make") and Path(sys.executable).parent == venv_bin:
        fresh = subprocess.run(
            ["make", "-C", str(ROOT), "--question", ".venv/.installed"],
            capture_output=True,
            timeout=20,
        )
        if fresh.returncode == 0:
            return f"make -s -C {shlex.quote(str(ROOT))} run"
    return shlex.quote(_command())


def _processes_with(marker: str) -> list[int]:
    """Our processes whose environment holds ``marker`` (make, its shell, the reader)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            env = (entry / "environ").read_bytes()
        except OSError:
            continue
        if marker.encode() in env.split(b"\0"):
            found.append(int(entry.name))
    return found


def _start(tmp_path: Path, no_sighup: bool = False) -> tuple[Tmux, str]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the hang-up test needs a real terminal")
    if no_sighup and shutil.which("setsid") is None:
        pytest.skip("setsid is not installed")
    if not Path("/proc/self/environ").exists():
        pytest.skip("needs /proc to find the reader's processes")
    name = f"briefing-hup-{uuid.uuid4().hex[:8]}"
    env = {
        var: str(tmp_path / var.lower())
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    }
    marker = f"BRIEFING_HANGUP_TEST={name}"
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    # setsid: a session of its own, so the terminal's SIGHUP never reaches the reader (as
    # behind some wrappers); it must notice the hang-up on its terminal by itself.
    launch = f"setsid -w {_launcher()}" if no_sighup else _launcher()
    cmd = (
        f"cd {shlex.quote(str(tmp_path))} && env -u COLUMNS -u LINES {exports} {marker} "
        f"TERM=xterm-256color {launch}; sleep 30"
    )
    subprocess.run(
        ["tmux", "-L", name, "-f", "/dev/null", "new-session", "-d", "-s", name, *SIZE, cmd],
        check=True,
        timeout=20,
        env={**os.environ, "TMUX": ""},
    )
    return Tmux(name), marker


def _gone_within(marker: str, seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    alive = _processes_with(marker)
    while alive and time.monotonic() < deadline:
        time.sleep(0.1)
        alive = _processes_with(marker)
    return alive


def _type(session: Tmux, words: str) -> None:
    """Type into the note form as a person does, then wait until the words show."""
    time.sleep(0.3)
    for ch in words:
        session.keys("-l", ch)
        time.sleep(0.02)
    session.wait_for(words)


def _kill_left(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("no_sighup", [False, True], ids=["sighup", "no-sighup"])
def test_closing_the_pane_ends_the_reader_and_keeps_position_and_notes(
    tmp_path: Path, no_sighup: bool
) -> None:
    session, marker = _start(tmp_path, no_sighup)
    try:
        session.wait_for("Defense leaders from the United States")
        session.wait_for("2 documents")
        assert _processes_with(marker), "the reader's processes were not found"
        session.keys("a")
        session.wait_for("ctrl+s save")
        _type(session, "kept before the hang-up")
        session.keys("C-s")
        session.wait_for("Note saved.")
        for _ in range(6):
            session.keys("j")
        time.sleep(0.5)
        session.run("kill-pane", "-t", session.name)
        left = _gone_within(marker, 5.0)
        _kill_left(left)
        assert not left, "the reader was still running 5 s after its terminal closed"
    finally:
        session.run("kill-server")
        _kill_left(_processes_with(marker))
    positions = Positions(tmp_path / "xdg_data_home" / "briefing-tui" / "positions.json")
    assert positions.last() is not None, "no reading position was saved"
    kept = positions.get(positions.last() or "")
    assert kept is not None and kept.cursor > 0, kept
    with NotesStore.open(tmp_path / "xdg_data_home" / "briefing-tui" / "notes.db") as store:
        assert [n.body for n in store.all_notes()] == ["kept before the hang-up"]


def test_an_open_note_is_saved_when_the_terminal_closes(tmp_path: Path) -> None:
    session, marker = _start(tmp_path)
    try:
        session.wait_for("Defense leaders from the United States")
        session.keys("a")
        session.wait_for("ctrl+s save")
        _type(session, "typed, never saved by hand")
        session.run("kill-server")
        left = _gone_within(marker, 5.0)
        _kill_left(left)
        assert not left, "the reader was still running 5 s after its terminal closed"
    finally:
        session.run("kill-server")
        _kill_left(_processes_with(marker))
    with NotesStore.open(tmp_path / "xdg_data_home" / "briefing-tui" / "notes.db") as store:
        assert [n.body for n in store.all_notes()] == ["typed, never saved by hand"]
