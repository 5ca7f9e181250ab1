"""The footer of keys, rebuilt only when the keys it shows change.

Textual's ``Footer`` removes and mounts all its key widgets whenever the screen says its
bindings may have changed (every focus change, every screen resume), even when the keys shown
stay the same: at start-up that was several rebuilds, each restyling every key, before the
first document was drawn. This one compares what it would show with what it shows. It has no
styles of its own (Textual's ``Footer`` styles apply), so no ``.tcss`` beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.screen import Screen

#: What one key in the footer looks like: key, description, action, enabled, tooltip.
Shown = tuple[tuple[str, str, str, bool, str], ...]


def shown_keys(screen: Screen[object]) -> Shown:
    """The keys a footer on ``screen`` shows now (what ``Footer.compose`` reads)."""
    return tuple(
        (binding.key, binding.description, binding.action, enabled, tooltip)
        for (_node, binding, enabled, tooltip) in screen.active_bindings.values()
        if binding.show
    )


class KeyFooter(Footer):
    """A ``Footer`` that skips the rebuild when the keys shown are the same as before."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: Shown | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = shown_keys(screen)
            if self._bindings_ready and shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
