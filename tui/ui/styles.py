"""Where styles come from: every screen and widget has a ``.tcss`` file beside its module.

A screen names its file in ``CSS_PATH`` (Textual reads it relative to the module). A widget has
no ``CSS_PATH``, so its ``DEFAULT_CSS`` is read with :func:`css_beside` from the same place: one
way to find any part's styles, and Textual's rule that an app or screen style wins over a
widget's default still holds.
"""

from __future__ import annotations

from pathlib import Path


def css_beside(module_file: str) -> str:
    """The text of the ``.tcss`` file named like ``module_file`` (pass ``__file__``)."""
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
