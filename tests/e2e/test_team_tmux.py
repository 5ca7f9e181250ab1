"""End to end on a real PostgreSQL: two readers in two terminals (tmux) share one team store; a
note one analyst saves shows in the other's open reader within two seconds."""

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
from conftest import ROOT, SEED_A

from tui.store.postgres import init_schema

pytestmark = pytest.mark.e2e


class Reader:
    """The installed ``briefing-tui`` in its own tmux server, as one analyst."""

    def __init__(self, tmp_path: Path, user: str, url: str) -> None:
        if shutil.which("tmux") is None:
            pytest.skip("tmux is not installed: the end-to-end test needs a real terminal")
        self.name = f"briefing-team-{user}-{uuid.uuid4().hex[:6]}"
        home = tmp_path / user
        env = {
            v: str(home / v.lower()) for v in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
        }
        cfg = home / "xdg_config_home" / "briefing-tui"
        cfg.mkdir(parents=True)
        (cfg / "config.toml").write_text(f'user = "{user}"\nstore = "{url}"\n')
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        command = str(Path(sys.executable).parent / "briefing-tui")
        cmd = (
            f"cd {shlex.quote(str(ROOT))} && env -u COLUMNS -u LINES {exports} "
            f"TERM=xterm-256color {shlex.quote(command)} {shlex.quote(str(SEED_A))}; sleep 30"
        )
        subprocess.run(
            [
                "tmux",
                "-L",
                self.name,
                "-f",
                "/dev/null",
                "new-session",
                "-d",
                "-s",
                self.name,
                "-x",
                "120",
                "-y",
                "36",
                cmd,
            ],
            check=True,
            timeout=20,
            env={**os.environ, "TMUX": ""},
        )

    def screen(self) -> str:
        return subprocess.run(
            ["tmux", "-L", self.name, "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            timeout=20,
        ).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "-L", self.name, "send-keys", "-t", self.name, *keys], timeout=20)

    def type(self, words: str) -> None:
        """Type into the note form as a person does, then wait until the words show."""
        time.sleep(0.3)
        for ch in words:
            self.keys("-l", ch)
            time.sleep(0.02)
        self.wait_for(words)

    def wait_for(self, text: str, timeout: float = 40.0) -> float:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return time.monotonic()
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never showed; screen was:\n{screen}")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.name, "kill-server"], timeout=20)


def test_a_note_added_by_one_reader_appears_in_the_other_within_two_seconds(
    pg_url: str, tmp_path: Path
) -> None:
    init_schema(pg_url)
    anna, bob = Reader(tmp_path, "anna", pg_url), Reader(tmp_path, "bob", pg_url)
    try:
        for r in (anna, bob):
            r.wait_for("Defense leaders from the United States")
        time.sleep(1.0)  # both readers listening
        anna.keys("a")
        anna.wait_for("ctrl+s")
        anna.type("shared thought on this")
        anna.keys("C-s")
        saved = anna.wait_for("Note saved")
        heard = bob.wait_for("anna added a note", timeout=10)
        assert heard - saved < 2.0, f"took {heard - saved:.2f} s"
        bob.keys("m")
        bob.wait_for("shared thought on this")
        assert "password" not in bob.screen().lower()
    finally:
        anna.close()
        bob.close()
