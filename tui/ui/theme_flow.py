"""The theme: the one last chosen in the command palette comes back next time (kept in
``state.json``), unless config.toml has named another since."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.state import State

if TYPE_CHECKING:
    from textual.theme import Theme

    from tui.ui.app import BriefingApp

#: The key of the theme chosen in the palette in ``state.json``.
THEME_KEY = "theme"


class ThemeFlow:
    """Applies the remembered theme to ``app`` and remembers every change from then on."""

    def __init__(self, app: BriefingApp, state: State) -> None:
        self.app = app
        self.state = state

    def apply(self) -> None:
        """The theme last chosen in the palette, unless config.toml has named another since;
        an unknown name is a problem for the user. Every later change is remembered."""
        app, configured = self.app, self.app.config.theme
        chosen = configured
        saved = self.state.get(THEME_KEY)
        if (
            isinstance(saved, dict)
            and saved.get("config") == configured
            and saved.get("name") in app.available_themes
        ):
            chosen = saved["name"]
        if chosen:
            if chosen in app.available_themes:
                app.theme = chosen
            else:
                app.problems.append(f"config.toml: unknown theme {chosen!r}")
        app.theme_changed_signal.subscribe(app, self._changed)

    def _changed(self, theme: Theme) -> None:
        problem = self.state.set(THEME_KEY, {"name": theme.name, "config": self.app.config.theme})
        if problem:
            self.app.problem(problem)
