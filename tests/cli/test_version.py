"""``--version`` works on the reader and on every shell command, and prints the version."""

from __future__ import annotations

from importlib import metadata

import pytest

from tui.cli.main import main


@pytest.mark.parametrize(
    "argv", [[], ["open"], ["parse"], ["search"], ["export"], ["watch"], ["feeds"], ["fetch"]]
)
def test_version_on_every_command(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--version"])
    assert exited.value.code == 0
    out = capsys.readouterr().out.strip()
    assert out == f"briefing-tui {metadata.version('briefing-tui')}"
