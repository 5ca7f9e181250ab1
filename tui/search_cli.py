"""Placeholder: filled in by its issue."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def search_command(argv: Sequence[str]) -> int:
    print("briefing-tui: search is not available yet", file=sys.stderr)
    return 2
