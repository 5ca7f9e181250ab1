"""Turn the paths a user names into document files to read, with one-line reasons for the rest."""

from __future__ import annotations

import errno
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.text import printable

DOCUMENT_SUFFIXES = (
    ".txt",
    ".text",
    ".md",
    ".markdown",
    ".html",
    ".htm",
    ".pdf",
    ".docx",
    ".eml",
    ".mbox",
)
#: What the document list calls each format (by suffix; content sniffing may differ).
_FORMAT_LABELS = {
    ".html": "web page",
    ".htm": "web page",
    ".pdf": "PDF",
    ".docx": "Word",
    ".eml": "e-mail",
    ".mbox": "e-mail",
    ".md": "Markdown",
    ".markdown": "Markdown",
}
_MBOX_FROM = re.compile(rb"(?:\A|\n)From [^\n]*\n")
#: An mbox with more messages is listed up to this many (the parser reads as many).
MAX_MBOX_MESSAGES = 5_000


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
        if not os.path.lexists(raw) and "#" in raw and _find_documents_part(raw, found, seen_files):
            continue
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


def _find_documents_part(raw: str, found: Discovery, seen: set[str]) -> bool:
    """``msg.eml#report.pdf`` or ``box.mbox#3``: a part of a file, named after ``#``."""
    whole, _, part = raw.rpartition("#")
    if whole and part and os.path.isfile(whole):
        key = os.path.realpath(whole) + "#" + part
        if key not in seen:
            seen.add(key)
            found.files.append(raw)
        return True
    return False


def file_of(path: str) -> str:
    """The file on disk that holds ``path`` (itself, or the container of a ``#part``)."""
    if "#" in path and not os.path.lexists(path):
        whole = path.rpartition("#")[0]
        if whole:
            return whole
    return path


def format_label(path: str) -> str | None:
    """A short name of a document's format for lists ("PDF", "e-mail"); None for plain text."""
    name = path.lower()
    if "#" in name and not os.path.lexists(path):
        if (
            name.rpartition("#")[0].endswith((".mbox", ".eml"))
            and "." not in name.rpartition("#")[2]
        ):
            return "e-mail"
        name = name.rpartition("#")[2]
    return _FORMAT_LABELS.get(os.path.splitext(name)[1])


def _mbox_parts(path: str) -> list[str]:
    """One path per message of an mbox: ``box.mbox#1``, ``box.mbox#2``, ..."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(64 * 1024 * 1024 + 1)
    except OSError:
        return [path]
    n = len(_MBOX_FROM.findall(data))
    if n <= 1:
        return [path]
    return [f"{path}#{k}" for k in range(1, min(n, MAX_MBOX_MESSAGES) + 1)]


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
        if path.lower().endswith(".mbox"):
            found.files.extend(_mbox_parts(path))
        else:
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
