"""``--version`` for every command: the installed distribution's version, as tools print it.

The version is looked up only when ``--version`` is given: ``importlib.metadata`` costs more
at startup than the rest of the command line, and the reader's first screen should not wait.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

DISTRIBUTION = "briefing-tui"


def version() -> str:
    """The installed version; ``unknown`` when run from a checkout that was never installed."""
    from importlib import metadata

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


class _Version(argparse.Action):
    """argparse's ``version`` action, with the version looked up when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(
            option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help=help
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        sys.stdout.write(f"{DISTRIBUTION} {version()}\n")
        parser.exit()


def add_version(ap: argparse.ArgumentParser) -> None:
    """``--version`` on ``ap``: prints ``briefing-tui X.Y.Z`` and exits 0."""
    ap.add_argument("--version", action=_Version, help="print the version")
