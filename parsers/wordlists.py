"""Word lists kept as data files beside the code that reads them (``<package>/data/*.txt``).

One word (or one group of words) a line; lines starting with ``#`` say what the list is for.
Read through :mod:`importlib.resources`, so they load the same from a checkout and from an
installed wheel (package data, see pyproject), once per process at import.
"""

from __future__ import annotations

from importlib import resources


def data_lines(package: str, name: str) -> list[str]:
    """The non-comment, non-blank lines of ``<package>/data/<name>``, stripped."""
    text = resources.files(package).joinpath("data", name).read_text("utf-8")
    out: list[str] = []
    for line in text.splitlines():
        s = line.strip()
        if s and not s.startswith("#"):
            out.append(s)
    return out


def data_words(package: str, name: str) -> frozenset[str]:
    """Every word of ``<package>/data/<name>`` (whitespace-separated), as a set."""
    return frozenset(w for line in data_lines(package, name) for w in line.split())
