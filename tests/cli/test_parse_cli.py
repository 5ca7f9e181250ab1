"""``briefing-tui parse``: JSON Lines in the documented shape, an outline, and one-line errors."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import SEED_A, SEED_B

from tui.cli.main import main

DOCUMENTED_KEYS = {
    "path",
    "title",
    "date",
    "source",
    "author",
    "format",
    "text",
    "sections",
    "paragraphs",
    "quotes",
    "entities",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["parse", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lines_in_the_guide_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--json", str(SEED_A), str(SEED_B))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert len(lines) == 2
    docs = [json.loads(line) for line in lines]
    for d in docs:
        assert set(d) == DOCUMENTED_KEYS
        text = d["text"]
        for s in d["sections"]:
            assert set(s) == {"title", "level", "start", "end"}
            assert 0 <= s["start"] <= s["end"] <= len(text)
        for p in d["paragraphs"]:
            assert set(p) == {"start", "end", "kind"}
            assert p["kind"] in {
                "text",
                "heading",
                "list",
                "blockquote",
                "table",
                "code",
                "furniture",
            }
            assert text[p["start"] : p["end"]].strip() == text[p["start"] : p["end"]] != ""
        for e in d["entities"]:
            assert text[e["start"] : e["end"]] == e["text"]
    a, b = docs
    assert a["title"].startswith("US and European Defense Leaders")
    assert a["text"] == SEED_A.read_text(encoding="utf-8")
    assert (b["date"], b["source"]) == ("2025-09-06", "UNN, citing Bloomberg")
    assert len(b["paragraphs"]) == 12


def test_outline_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(SEED_A))
    assert code == 0
    assert "title:  US and European Defense Leaders" in out
    assert "6 paragraphs (+2 hidden)" in out
    assert "§ site furniture, hidden (2 lines)" in out


def test_folders_are_read_recursively_for_txt_and_md(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(SEED_A, tmp_path / "a" / "one.txt")
    (tmp_path / "a" / "b" / "two.md").write_text("# Two\n\nBody.\n", encoding="utf-8")
    (tmp_path / "a" / "skip.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("hidden", encoding="utf-8")
    code, out, err = run(capsys, "--json", str(tmp_path))
    assert code == 0 and err == ""
    paths = [json.loads(line)["path"] for line in out.splitlines()]
    assert [Path(p).name for p in paths] == ["one.txt", "two.md"]


def test_bad_paths_fail_in_one_line_each_and_good_files_still_print(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    shutil.copy(SEED_B, good)
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    newline = tmp_path / "two\nlines.txt"
    newline.write_text("Title\nA body line here.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a folder loop
    code, out, err = run(capsys, "--json", str(tmp_path / "nope"), str(tmp_path))
    assert code == 1
    paths = sorted(Path(json.loads(line)["path"]).name for line in out.splitlines())
    assert paths == ["good.txt", "two\nlines.txt"]
    messages = err.splitlines()
    assert all(m.startswith("briefing-tui: ") for m in messages)
    joined = "\n".join(messages)
    assert "nope: no such file or folder" in joined
    assert "loop1.txt: symbolic link loop" in joined
    assert "broken.txt: broken symbolic link" in joined
    assert "image.txt: binary file (PNG image)" in joined
    assert len(messages) == 5  # nope, loop1, loop2, broken, image: one line each


def test_name_with_a_newline_is_escaped_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "evil\nname\x1b[31m.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    code, out, err = run(capsys, str(bad))
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "\x1b" not in err
    assert "evil\\nname\\x1b[31m.txt" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("x", encoding="utf-8")
    f.chmod(0)
    code, _, err = run(capsys, str(f))
    assert code == 1 and "permission denied" in err


def test_non_utf8_file_name_prints_valid_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_bytes(b"Caf\xe9 news\nThe caf\xe9 opened today.")
    code, out, _ = run(capsys, "--json", str(tmp_path))
    assert code == 0
    d = json.loads(out)
    assert d["title"] == "Café news" and "decoded" not in d  # cp1252 body decoded


def test_empty_file_is_a_valid_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    code, out, _ = run(capsys, "--json", str(tmp_path / "empty.txt"))
    assert code == 0
    d = json.loads(out)
    assert d["paragraphs"] == [] and d["title"] == "empty"


def test_jobs_give_the_same_lines_in_the_same_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # enough files for the process pool; one unreadable name among them still fails alone
    for n in range(40):
        (tmp_path / f"{n:02d}.txt").write_text(
            f'Note {n}\n\n"We will meet on day {n}," said Ann Ray in Oslo.\n', encoding="utf-8"
        )
    code1, out1, _ = run(capsys, "--json", "--jobs", "1", str(tmp_path))
    code2, out2, _ = run(capsys, "--json", "--jobs", "2", str(tmp_path))
    assert code1 == code2 == 0
    assert out1 == out2
    lines = [json.loads(x) for x in out2.splitlines()]
    assert [os.path.basename(d["path"]) for d in lines] == [f"{n:02d}.txt" for n in range(40)]
    assert all(d["quotes"][0]["speaker"] == "Ann Ray" for d in lines)


def test_jobs_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["parse", "--jobs", "0", str(SEED_A)])
    assert exc.value.code == 2
    assert "--jobs" in capsys.readouterr().err


def test_work_is_shared_in_chunks_every_worker_ends_with() -> None:
    from tui.cli.parse import CHUNK, _chunk_size

    assert _chunk_size(84, 2) == 6  # 14 tasks: no worker waits long on the last one
    assert _chunk_size(100_000, 2) == CHUNK  # a large folder: few hand-overs
    assert _chunk_size(1, 8) == 1


def test_tasks_shrink_to_one_file_at_the_end() -> None:
    """Every file once, in order; tasks never grow, and the last ones hold one file each, so
    no worker is left parsing a whole task while the others wait."""
    from tui.cli.parse import CHUNK, _chunks

    for n in (24, 84, 300, 5000):
        files = [f"{i}.txt" for i in range(n)]
        sizes = [len(c) for c in _chunks(files, 2)]
        assert [f for c in _chunks(files, 2) for f in c] == files
        assert sizes == sorted(sizes, reverse=True) and max(sizes) <= CHUNK
        assert sizes[-4:] == [1, 1, 1, 1]


def test_the_warm_up_sample_runs_every_pass() -> None:
    """The parent parses this before forking workers; a pass it did not load, each worker
    would load again for itself."""
    from parsers import parse_text
    from tui.cli.parse import _WARM_UP

    doc = parse_text(_WARM_UP, "warm-up.txt")
    assert {q.kind for q in doc.quotes} >= {"direct", "indirect"}
    assert {"PERSON", "ORG", "GPE", "MONEY", "PERCENT", "DATE"} <= {e.type for e in doc.entities}
