"""``briefing-tui search`` from the shell: ranked text, JSON Lines, limits, exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_B

from parsers import parse_file
from tui.cli.search import search_command


def test_default_searches_the_seeds_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert search_command(["stromsikova"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines and len(lines) % 2 == 0
    assert SEED_B.name in lines[0]
    assert "Stromšíková" in out
    assert "\x1b" not in out  # no colour when not a terminal


def test_json_lines_carry_offsets_into_the_document(capsys: pytest.CaptureFixture[str]) -> None:
    assert search_command(["--json", "--limit", "3", "samp t"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert 1 <= len(rows) <= 3
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows == sorted(rows, key=lambda r: -r["score"])
    text = parse_file(SEED_B).text
    for r in rows:
        assert r["path"] == str(SEED_B)
        assert set(r) >= {"title", "kind", "section", "start", "end", "snippet", "snippet_spans"}
        assert "SAMP" in text[r["start"] : r["end"]] or r["kind"] == "title"
        assert any(r["snippet"][a:b] in ("SAMP", "T") for a, b in r["snippet_spans"])


def test_no_match_exits_1_and_paths_are_honoured(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.txt").write_text("Heron\n\nA heron by the river.\n", encoding="utf-8")
    assert search_command(["zzqqxx", str(tmp_path)]) == 1
    assert search_command(["--json", "heron", str(tmp_path)]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert rows and {os.path.basename(r["path"]) for r in rows} == {"a.txt"}
    assert rows[0]["kind"] == "title"


def test_missing_path_and_bad_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert search_command(["x", str(tmp_path / "nope")]) == 1
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        search_command(["--limit", "0", "x"])
    assert exc.value.code == 2


def test_installed_command_runs_without_textual(tmp_path: Path) -> None:
    env = dict(os.environ)
    code = (
        "import sys; from tui.cli.main import main; rc = main(['search', '--json', 'patriot']);"
        "print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else 'OK',"
        " file=sys.stderr); raise SystemExit(rc)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    assert out.stderr.strip().endswith("OK")
    assert json.loads(out.stdout.splitlines()[0])["path"].endswith(SEED_B.name)


def test_search_from_the_cache_skips_the_entity_rules(tmp_path: Path) -> None:
    """A library already parsed is searched without importing the entity extractor: only the
    gazetteer's fingerprint is checked (it keys the parse cache), which needs no rules."""
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    code = (
        "import sys; from tui.cli.main import main; rc = main(['search', '--json', 'patriot', "
        f"{str(SEED_B)!r}]); heavy = [m for m in ('parsers.entities', 'tui.entities.index') "
        "if m in sys.modules]; print('HEAVY', heavy, file=sys.stderr); raise SystemExit(rc)"
    )
    for _ in range(2):  # the first run parses and caches, the second reads the cache
        out = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
    assert out.stderr.strip().splitlines()[-1] == "HEAVY []"
    assert json.loads(out.stdout.splitlines()[0])["path"].endswith(SEED_B.name)


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_line_only_for_big_uncached_libraries() -> None:
    from tui.cli.search import PROGRESS_MIN, _ProgressLine
    from tui.library.library import Progress

    small = io.StringIO()
    line = _ProgressLine(small)
    line(Progress(0, 10, 0, 0.0, "cache"))
    line(Progress(10, 10, 0, 1.0, "done"))
    assert small.getvalue() == ""

    big = _Tty()
    line = _ProgressLine(big)
    total = PROGRESS_MIN * 4
    line(Progress(0, total, 0, 0.0, "cache"))
    line(Progress(50, total, 0, 2.0, "parse"))
    line(Progress(total, total, 0, 8.0, "done"))
    out = big.getvalue()
    assert f"50/{total} documents" in out and "25/s" in out and "s left" in out
    assert out.endswith(f"{total} documents read in 8.0 s (cached for next time)\n")


def test_json_groups_hits_by_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text("Harbour\n\nThe ferry runs late.\n\nA ferry.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Ferry strike\n\nThe ferry stayed put.\n", "utf-8")
    assert search_command(["--json", "ferry", str(tmp_path)]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    groups = [r["group"] for r in rows]
    assert groups == sorted(groups) and groups[0] == 1 and max(groups) == 2
    assert os.path.basename(rows[0]["path"]) == "b.txt"  # its title matches
    assert len({r["path"] for r in rows if r["group"] == 1}) == 1
