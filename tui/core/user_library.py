"""What ``briefing-tui`` opens with no path: the user's library, else the samples.

The library is the feed inbox (``$XDG_DATA_HOME/briefing-tui/inbox``) and the folders listed
in ``config.toml`` (``library = ["~/briefings"]``). The bundled samples are added only when
none of those holds a document yet, so a first start shows something to read; the folders
are opened (and watched) all the same, so the first fetched items join the samples.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from tui.core import paths
from tui.core.config import Config
from tui.core.discover import DOCUMENT_SUFFIXES
from tui.core.text import printable


@dataclass(slots=True)
class UserLibrary:
    paths: list[str] = field(default_factory=list)  # to open
    folders: list[str] = field(default_factory=list)  # to watch (the inbox and the config's)
    samples: bool = False  # the samples were added: the folders hold no document yet
    problems: list[str] = field(default_factory=list)


def user_library(cfg: Config) -> UserLibrary:
    lib = UserLibrary()
    inbox = paths.inbox_dir()
    try:
        inbox.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        lib.problems.append(f"{printable(str(inbox))}: cannot create the inbox ({exc.strerror})")
    if inbox.is_dir():
        lib.folders.append(str(inbox))
    for raw in cfg.library:
        folder = os.path.abspath(os.path.expanduser(raw))
        if not os.path.isdir(folder):
            lib.problems.append(f"config.toml: library folder {printable(raw)} does not exist")
        elif folder not in lib.folders:
            lib.folders.append(folder)
    lib.paths = list(lib.folders)
    if not any(has_document(f) for f in lib.folders):
        lib.paths.insert(0, str(paths.seeds_dir()))
        lib.samples = True
    return lib


def has_document(folder: str) -> bool:
    """True as soon as one document file is found under ``folder`` (hidden entries skipped)."""
    for _root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and name.lower().endswith(DOCUMENT_SUFFIXES):
                return True
    return False
