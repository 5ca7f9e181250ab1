"""``--version`` for every command: the installed distribution's version, as tools print it."""

from __future__ import annotations

import argparse
from importlib import metadata

DISTRIBUTION = "briefing-tui"


def version() -> str:
    """The installed version; ``unknown`` when run from a checkout that was never installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


def add_version(ap: argparse.ArgumentParser) -> None:
    """``--version`` on ``ap``: prints ``briefing-tui X.Y.Z`` and exits 0."""
    ap.add_argument(
        "--version",
        action="version",
        version=f"{DISTRIBUTION} {version()}",
        help="print the version",
    )
