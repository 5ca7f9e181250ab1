"""A non-editable install (``pip install .``) carries the samples: ``briefing-tui`` with no path
and ``briefing-tui search`` find them from any folder (issue 15, broken 1).

The wheel is built from a copy of the source, without network (``--no-build-isolation``, the
dev extra brings setuptools), and installed with ``--no-deps`` into a fresh venv that borrows
this environment's dependencies through a ``.pth`` line (which does not run this
environment's editable-install hook, so the checkout is never on the fresh venv's path).
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow

SOURCE = ("pyproject.toml", "README.md", "parsers", "tui", "seeds")


def _run(args: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args} failed:\n{done.stdout}\n{done.stderr}"
    return done


def _source_copy(work: Path) -> Path:
    """The files a build reads, copied (a build writes build/ and *.egg-info beside them)."""
    try:
        have = metadata.version("setuptools")
    except metadata.PackageNotFoundError:
        pytest.skip("setuptools is not installed (pip install -e '.[dev]')")
    if int(have.split(".")[0]) < 77:
        pytest.skip("setuptools>=77 is needed to build the wheel")
    src = work / "src"
    src.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "samples")
    for name in SOURCE:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, src / name, ignore=ignore)
        else:
            shutil.copy2(origin, src / name)
    return src


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with briefing-tui installed from a wheel; returns its ``bin`` folder."""
    work = tmp_path_factory.mktemp("install")
    src = _source_copy(work)
    wheels = work / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    _run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", str(wheels), "."],
        src,
    )
    (wheel,) = wheels.glob("briefing_tui-*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], work)
    py = venv / "bin" / "python"
    purelib = _run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], work)
    deps = "\n".join(site.getsitepackages()) + "\n"
    (Path(purelib.stdout.strip()) / "borrowed-deps.pth").write_text(deps, encoding="utf-8")
    _run([*pip, "--python", str(py), "install", "--no-deps", "--no-index", str(wheel)], work)
    return venv / "bin"


def test_the_wheel_ships_the_samples_and_finds_them_from_any_folder(
    installed: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = _run(
        [
            str(installed / "python"),
            "-c",
            "import tui, tui.core.paths as p; print(tui.__file__); print(p.seeds_dir())",
        ],
        elsewhere,
    ).stdout.split("\n")
    package, samples = Path(where[0]).parent, Path(where[1])
    assert not package.is_relative_to(ROOT), "the checkout leaked into the installed venv"
    assert samples == package / "samples"
    assert sorted(p.name for p in samples.glob("*.txt")) == sorted(
        p.name for p in (ROOT / "seeds").glob("*.txt")
    )
    found = _run([str(installed / "briefing-tui"), "search", "--json", "patriot"], elsewhere)
    hits = [json.loads(line) for line in found.stdout.splitlines()]
    assert hits, found.stderr
    assert all(Path(h["path"]).parent == samples for h in hits)
    assert any("Patriot" in h["snippet"] for h in hits)


def test_the_wheel_ships_the_parsers_word_lists(installed: Path, tmp_path: Path) -> None:
    """Cue verbs, titles and the quote finder's lists are package data (data/*.txt)."""
    code = (
        "import parsers.speakers as s, parsers.quotes.lexicon as q; "
        "print(s.__file__); print(len(s.CUE_WORDS), len(s.FUNCTION_WORDS), len(q.INVERTIBLE))"
    )
    out = _run([str(installed / "python"), "-c", code], tmp_path).stdout.split("\n")
    assert not Path(out[0]).is_relative_to(ROOT), "the checkout leaked into the installed venv"
    cues, function_words, invertible = map(int, out[1].split())
    assert cues > 300 and function_words > 100 and invertible > 30


def test_version_of_the_installed_command(installed: Path, tmp_path: Path) -> None:
    out = _run([str(installed / "briefing-tui"), "--version"], tmp_path).stdout
    assert out.startswith("briefing-tui ") and out.split()[1][0].isdigit()
    assert os.access(installed / "briefing-tui", os.X_OK)


def test_an_editable_build_prints_no_setuptools_warning_block(tmp_path: Path) -> None:
    """``make run`` installs in editable mode; setuptools' meta-path-finder strategy printed a
    boxed "Editable installation" warning on every first install."""
    src = _source_copy(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    code = (
        "import sys; from setuptools import build_meta as b; print(b.build_editable(sys.argv[1]))"
    )
    done = _run([sys.executable, "-c", code, str(out)], src)
    said = done.stdout + done.stderr
    assert "Editable installation" not in said and "careful with folders" not in said
    assert "Warning" not in said, said[-2000:]
    (wheel,) = out.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.endswith(".pth") for n in names), names  # a plain path entry: src on sys.path
