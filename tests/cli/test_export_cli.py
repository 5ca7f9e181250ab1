"""``briefing-tui export`` on the shell: formats, filters, files, and clear failures."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEED_A, SEED_B

from parsers import parse_file
from tui.cli.main import main
from tui.notes.store import NoteDraft, NotesStore, new_note


@pytest.fixture
def notes() -> list[str]:
    """Three notes on the two seeds, in the default (isolated) data dir; returns their ids."""
    ids: list[str] = []
    with NotesStore.open() as store:
        for path, tags in ((SEED_A, ("nato",)), (SEED_B, ("money", "nato")), (SEED_B, ("x",))):
            doc = parse_file(path)
            p = doc.body_paragraphs[1 + len(ids) % 2]
            note = new_note(doc, p.start, p.end, NoteDraft(f"note {len(ids)}", tags), "paragraph")
            ids.append(store.add(note, doc).id)
    return ids


def test_markdown_to_stdout(notes: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Briefing notes")
    assert out.count("### Note ") == 3
    assert parse_file(SEED_A).title in out


def test_json_with_tag_filter(notes: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "json", "--tag", "NATO"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {a["id"].removeprefix("urn:uuid:") for a in data["first"]["items"]}
    assert ids == set(notes[:2])


def test_csv_for_one_document(notes: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", str(SEED_B)]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert {r["id"] for r in rows} == set(notes[1:])


def test_folder_path_selects_the_documents_under_it(
    notes: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["export", "--format", "csv", str(SEED_A.parent)]) == 0
    assert len(list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))) == 3
    assert main(["export", "--format", "csv", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert len(list(csv.DictReader(io.StringIO(captured.out, newline="")))) == 0
    assert "no notes to export" in captured.err


def test_output_file_and_force(
    notes: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "brief.md"
    assert main(["export", "-o", str(target)]) == 0
    first = target.read_text(encoding="utf-8")
    assert "3 notes from 2 documents written to" in capsys.readouterr().err
    assert main(["export", "--format", "json", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.strip().endswith("already exists: use --force to overwrite it")
    assert "confirm" not in err
    assert target.read_text(encoding="utf-8") == first
    assert main(["export", "--format", "json", "-o", str(target), "--force"]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["total"] == 3


def test_no_database_yet_exports_nothing_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    assert main(["export", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["total"] == 0
    assert not (isolated_dirs / "xdg_data_home" / "briefing-tui").exists()


def test_corrupt_database_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_bytes(b"\x00garbage" * 1000)
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli.main", "export", "--db", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1 and "damaged" in out.stderr


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["export", "--format", "pdf"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_installed_command_runs_without_textual(notes: list[str]) -> None:
    code = (
        "import sys; from tui.cli.main import main; rc = main(['export', '--format', 'csv']); "
        "print(rc, any(m == 'textual' or m.startswith('textual.') for m in sys.modules), "
        "file=sys.stderr)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert out.stderr.strip().endswith("0 False")


def test_store_anchoring_and_export_modules_do_not_import_textual() -> None:
    code = (
        "import sys, importlib\n"
        "for m in ('tui.notes.store', 'tui.notes.anchoring',"
        " 'tui.notes.export', 'tui.cli.export'):\n"
        "    importlib.import_module(m)\n"
        "print(sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.')))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == "[]"
