"""Turns the headless key specs of :mod:`tui.core.keymap` into Textual bindings with their ids."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from tui.core.keymap import SPECS


def textual_bindings(*scopes: str, ids: tuple[str, ...] = ()) -> list[BindingType]:
    """Textual ``Binding`` objects (with ids) for the specs of ``scopes`` or with ``ids``."""
    out: list[BindingType] = [
        Binding(
            spec.keys,
            spec.action,
            spec.description,
            show=spec.show,
            key_display=spec.key_display,
            priority=spec.priority,
            id=spec.id,
        )
        for spec in SPECS
        if spec.scope in scopes or spec.id in ids
    ]
    return out
