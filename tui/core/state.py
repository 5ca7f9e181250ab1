"""Small things the app remembers between runs (``state.json`` in the data dir): the theme
chosen in the palette, the export dialog's last choices.

Not settings: ``config.toml`` is the user's file and is never written by the app; this file
is the app's and can be deleted at any time. Writes are atomic; an unreadable file is ignored
(and replaced at the next write), since nothing here is worth stopping for.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.core import paths
from tui.core.atomic import write_json_atomic

FILE_NAME = "state.json"


class State:
    """Remembered values by key (JSON values); :meth:`set` writes the file at once."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = paths.data_dir() / FILE_NAME if file is None else file

    def load(self) -> dict[str, Any]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, key: str, default: Any = None) -> Any:
        return self.load().get(key, default)

    def set(self, key: str, value: Any) -> str | None:
        """Remember ``value`` under ``key``; returns a one-line problem, or None."""
        data = self.load()
        if data.get(key) == value:
            return None
        data[key] = value
        try:
            write_json_atomic(self.file, data)
        except OSError as exc:
            return f"{FILE_NAME} not saved: {exc.strerror or exc}"
        return None
