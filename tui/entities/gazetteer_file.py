"""Where the user's gazetteer lives and its fingerprint, apart from the entity rules.

Why a module of its own: every start and every ``briefing-tui search`` checks the fingerprint
(it keys the parse cache), and :mod:`tui.entities.index` imports the whole entity extractor.
Reading a file's hash should not cost that import when nothing is parsed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from tui.core import paths as app_paths

USER_GAZETTEER_FILE = "entities.tsv"


def gazetteer_fingerprint(path: Path | None = None) -> str:
    """A short hash of the user's gazetteer, for parse-cache keys (changes when it does)."""
    p = path or app_paths.config_dir() / USER_GAZETTEER_FILE
    try:
        data = p.read_bytes()
    except OSError:
        return "none"
    return hashlib.sha1(data).hexdigest()[:12]
