"""Placeholder for the Textual app (issue 2)."""

from __future__ import annotations


def run_app(paths: list[str]) -> int:
    return 0
