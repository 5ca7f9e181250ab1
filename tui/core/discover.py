"""Turn the paths a user names into document files to read, with one-line reasons for the rest."""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.text import printable

DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".markdown")


@dataclass
class Discovery:
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def find_documents(paths: list[str]) -> Discovery:
    """Files named directly are read whatever their suffix; folders are walked for documents.

    Symlinked folders are followed once each (loops are cut), hidden entries skipped.
    """
    found = Discovery()
    seen_files: set[str] = set()
    for raw in paths:
        if not os.path.lexists(raw):
            found.problems.append(f"{printable(raw)}: no such file or folder")
            continue
        if os.path.isdir(raw):
            _walk(raw, found, seen_files)
        elif os.path.isfile(raw):
            _add(raw, found, seen_files)
        else:
            found.problems.append(f"{printable(raw)}: {_why_not_a_file(raw)}")
    return found


def _why_not_a_file(path: str) -> str:
    """One-line reason a path that exists is not a readable file."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if os.path.islink(path):
            return "broken symbolic link"
        return exc.strerror or "cannot read"
    return "not a regular file (a device, socket or pipe)"


def _add(path: str, found: Discovery, seen: set[str]) -> None:
    key = os.path.realpath(path)
    if key not in seen:
        seen.add(key)
        found.files.append(path)


def _walk(root: str, found: Discovery, seen_files: set[str]) -> None:
    visited: set[str] = set()
    batch: list[str] = []

    def onerror(err: OSError) -> None:
        found.problems.append(f"{printable(str(err.filename))}: {err.strerror or 'cannot read'}")

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=onerror):
        real = os.path.realpath(dirpath)
        if real in visited:
            dirnames[:] = []
            continue
        visited.add(real)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(DOCUMENT_SUFFIXES):
                continue
            full = os.path.join(dirpath, name)
            if os.path.isfile(full):
                batch.append(full)
            elif os.path.islink(full):
                found.problems.append(f"{printable(full)}: {_why_not_a_file(full)}")
    for path in batch:
        _add(path, found, seen_files)


def relative_label(path: str, roots: list[str]) -> str:
    """A short label for a document: its path relative to the folder it was found in."""
    for root in roots:
        try:
            rel = Path(path).resolve().relative_to(Path(root).resolve())
        except ValueError:
            continue
        return str(rel)
    return os.path.basename(path)


def display_path(path: str) -> str:
    """A path as a reader wants to see it: relative to the working folder when under it, else
    with ``~`` for the home folder; control characters escaped."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    home = os.path.expanduser("~")
    if absolute.startswith(cwd + os.sep):
        shown = os.path.relpath(absolute, cwd)
    elif home not in ("", "/") and absolute.startswith(home + os.sep):
        shown = "~" + absolute[len(home) :]
    else:
        shown = absolute
    return printable(shown)
