"""Which panes show at which terminal width: the width rules, without a terminal.

Below ``narrow_width`` columns only the reader shows and the side panes slide over it one at
a time; from ``wide_width`` all three show; in between the document list and the reader. What
the user toggles with ``d``/``e`` is remembered per width class, so a resize back to a width
shows what that width showed before.
"""

from __future__ import annotations

from typing import Literal

WidthClass = Literal["narrow", "medium", "wide"]
Pane = Literal["documents", "entities"]


def width_class(width: int, narrow_width: int, wide_width: int) -> WidthClass:
    """ "narrow" (reader only; panes overlay), "medium" (no sidebar unless e), "wide"."""
    if width < narrow_width:
        return "narrow"
    return "medium" if width < wide_width else "wide"


class PaneRules:
    """Visibility of the side panes per width class, and what ``d``/``e`` do to it."""

    def __init__(self) -> None:
        self._state: dict[WidthClass, dict[Pane, bool]] = {
            "wide": {"documents": True, "entities": True},
            "medium": {"documents": True, "entities": False},
            "narrow": {"documents": False, "entities": False},
        }

    def visible(self, mode: WidthClass, pane: Pane) -> bool:
        return self._state[mode][pane]

    def hide(self, mode: WidthClass, pane: Pane) -> None:
        self._state[mode][pane] = False

    def toggle(self, mode: WidthClass, pane: Pane) -> bool:
        """Show or hide ``pane``; returns whether it shows now. Narrow: one overlay at a time."""
        state = self._state[mode]
        state[pane] = not state[pane]
        if mode == "narrow" and state[pane]:
            state["entities" if pane == "documents" else "documents"] = False
        return state[pane]
