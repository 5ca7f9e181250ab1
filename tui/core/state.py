"""Small things the app remembers between runs (``state.json`` in the data dir): the theme
chosen in the palette, the export dialog's last choices.

Not settings: ``config.toml`` is the user's file and is never written by the app; this file
is the app's and can be deleted at any time. Writes are atomic; an unreadable file is ignored
(and replaced at the next write), since nothing here is worth stopping for.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from tui.core import paths

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
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=self.file.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(data, fh, ensure_ascii=False)
                os.replace(tmp, self.file)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            return f"{FILE_NAME} not saved: {exc.strerror or exc}"
        return None
