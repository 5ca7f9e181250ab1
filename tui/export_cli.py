"""Placeholder: filled in by its issue."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def export_command(argv: Sequence[str]) -> int:
    print("briefing-tui: export is not available yet", file=sys.stderr)
    return 2
