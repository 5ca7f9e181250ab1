"""End to end in tmux: ``briefing-tui`` with no path opens the user's library; ``R`` fetches a
feed from a server on 127.0.0.1 and the items appear unread while the app runs; a file copied
into a library folder appears without a restart."""

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
from conftest import ROOT, SEED_B
from test_e2e_tmux import Tmux, _command

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "feeds"))

from feedcorpus import article_page, summary_only_feed
from feedserver import serve

from tui.feeds.store import Store

pytestmark = pytest.mark.e2e


def start_library(tmp_path: Path) -> Tmux:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed: the end-to-end test needs a real terminal")
    name = f"briefing-e2e-{uuid.uuid4().hex[:8]}"
    env = {
        var: str(tmp_path / var.lower())
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")
    }
    env["BRIEFING_TUI_ALLOW_PRIVATE_HOSTS"] = "1"  # the feed server is on loopback
    exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    cmd = (
        f"cd {shlex.quote(str(ROOT))} && env -u COLUMNS -u LINES {exports} TERM=xterm-256color "
        f"{shlex.quote(_command())}; echo BRIEFING-EXIT-$?; sleep 30"
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
            "140",
            "-y",
            "40",
            cmd,
        ],
        check=True,
        timeout=20,
        env={**os.environ, "TMUX": ""},
    )
    return Tmux(name)


def test_R_fetches_and_a_copied_file_appears(tmp_path: Path) -> None:
    folder = tmp_path / "briefings"
    folder.mkdir()
    (folder / "first.md").write_text(
        "# Morning note\n\nThe committee met on Monday to discuss the budget.\n", "utf-8"
    )
    config = tmp_path / "xdg_config_home" / "briefing-tui" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f"library = [{str(folder)!r}]\n".replace("'", '"'), encoding="utf-8")
    with serve() as server:
        for i in range(2):
            server.add(f"/articles/{i}.html", article_page(f"Story {i}"), content_type="text/html")
        body, ctype = summary_only_feed(server.url(""), 2)
        Store().add_feed(server.add("/teasers.xml", body, content_type=ctype), "Teasers")
        session = start_library(tmp_path)
        try:
            session.wait_for("Morning note")
            session.wait_for("1 document")
            assert "Story 0" not in session.screen()
            session.keys("R")
            session.wait_for("● Story 1", "● Story 0", "2 unread", timeout=40)
            # bold on the terminal: tmux writes SGR 1 before the title, after the last reset
            styled = session.run("capture-pane", "-p", "-e", "-t", session.name)
            [row] = [ln for ln in styled.splitlines() if "● Story 1" in ln]
            lead = row[: row.index("● Story 1")]
            assert "\x1b[1m" in lead[lead.rfind("\x1b[0m") + 1 :], repr(row)
            session.wait_for("Feeds updated: 2 new")
            # F: the feed with its unread count; enter lists its documents, esc all again
            session.keys("F")
            session.wait_for("Feeds · 1 · 2 unread")
            session.keys("Enter")
            session.wait_for("Teasers · 2 unread")
            session.keys("Escape")
            session.wait_for("Documents · 2 unread")
            # another program copies a briefing into the library folder
            shutil.copy(SEED_B, folder / "copied.txt")
            session.wait_for("European leaders", timeout=30)
            session.wait_for("3 unread")
            session.keys("q")
            session.wait_for("BRIEFING-EXIT-0")
        finally:
            session.run("kill-server")
    time.sleep(0)
