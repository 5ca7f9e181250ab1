"""The user's settings: ``config.toml`` in the config dir (platformdirs, so XDG is honoured).

No Textual here: the shell commands may read settings too. A bad file never stops the app: it
falls back to the defaults and says what was wrong in one line. Example::

    theme = "textual-dark"      # any Textual theme name
    show_furniture = false      # show site furniture (menus, category links) in the reader
    measure = 100               # widest line of text in the reader, in cells
    narrow_width = 100          # below this many columns only the reader shows; d/e overlay
    wide_width = 140            # from this many columns the entity sidebar shows too
    library = ["~/briefings"]   # opened with the feed inbox when no path is given
    watch = ["Donald Trump", "air defence"]   # names, entity ids or phrases to watch
    user = "anna"               # who your notes are by (default: your login name)
    store = "postgresql://reader@db.example/briefings"   # a team store (default: notes.db)

    [keys]                      # rebind by binding id (press ? in the app for the ids)
    "app.quit" = "ctrl+q"
    "move.down" = "j,down,ctrl+n"
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core import paths
from tui.core.text import one_line

CONFIG_NAME = "config.toml"


@dataclass(slots=True)
class Config:
    """Settings with their defaults; ``problems`` holds one line per thing that was wrong."""

    theme: str | None = None
    show_furniture: bool = False
    measure: int = 100
    narrow_width: int = 100
    wide_width: int = 140
    keys: dict[str, str] = field(default_factory=dict)
    #: Folders opened (with the feed inbox) when briefing-tui is given no path.
    library: list[str] = field(default_factory=list)
    #: The watchlist's configured entries (names, entity ids or search phrases).
    watch: list[str] = field(default_factory=list)
    user: str | None = None
    store: str | None = None
    problems: list[str] = field(default_factory=list)
    path: Path | None = None


def current_user(cfg: Config | None = None) -> str:
    """Who is writing: ``user`` in config, else the login name (never empty)."""
    if cfg is None:
        cfg = load_config()
    if cfg.user:
        return cfg.user
    import getpass  # here: only notes and the team store need the user's name

    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        name = os.environ.get("USER", "")
    return one_line(name) or "unknown"


def config_path() -> Path:
    return paths.config_dir() / CONFIG_NAME


def load_config(path: Path | None = None) -> Config:
    """Read ``config.toml``; a missing file gives the defaults, a bad one defaults + a reason."""
    path = config_path() if path is None else path
    cfg = Config(path=path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return cfg
    except OSError as exc:
        cfg.problems.append(f"{path}: cannot read ({exc.strerror or exc}); using defaults")
        return cfg
    import tomllib  # only when there is a file: most starts have none, and it costs ~4 ms

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        cfg.problems.append(f"{path}: not UTF-8 text; using defaults")
        return cfg
    except tomllib.TOMLDecodeError as exc:
        cfg.problems.append(f"{path}: {one_line(str(exc))}; using defaults")
        return cfg
    _apply(cfg, data, path)
    return cfg


def _apply(cfg: Config, data: dict[str, Any], path: Path) -> None:
    name = path.name
    for key, value in data.items():
        if key == "theme":
            if isinstance(value, str) and value.strip():
                cfg.theme = value.strip()
            else:
                cfg.problems.append(f"{name}: theme must be a theme name (a string)")
        elif key == "show_furniture":
            if isinstance(value, bool):
                cfg.show_furniture = value
            else:
                cfg.problems.append(f"{name}: show_furniture must be true or false")
        elif key in ("measure", "narrow_width", "wide_width"):
            if isinstance(value, int) and not isinstance(value, bool) and 20 <= value <= 1000:
                setattr(cfg, key, value)
            else:
                cfg.problems.append(f"{name}: {key} must be a whole number from 20 to 1000")
        elif key == "watch":
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                cfg.watch = [one_line(v) for v in value if one_line(v)]
            else:
                cfg.problems.append(f'{name}: watch must be a list like ["Donald Trump"]')
        elif key in ("user", "store"):
            if isinstance(value, str) and one_line(value).strip():
                setattr(cfg, key, one_line(value).strip())
            else:
                cfg.problems.append(f"{name}: {key} must be a non-empty string")
        elif key == "library":
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
                cfg.library = [v.strip() for v in value]
            else:
                cfg.problems.append(
                    f'{name}: library must be a list of folders like ["~/briefings"]'
                )
        elif key == "keys":
            if not isinstance(value, dict):
                cfg.problems.append(f'{name}: [keys] must be a table of binding id = "keys"')
                continue
            for binding_id, keys in value.items():
                if isinstance(keys, list) and all(isinstance(k, str) for k in keys):
                    keys = ",".join(keys)
                if not isinstance(keys, str):
                    cfg.problems.append(
                        f'{name}: [keys] {binding_id!r} must be a string like "ctrl+n"'
                    )
                    continue
                cfg.keys[str(binding_id)] = keys
        else:
            cfg.problems.append(f"{name}: unknown setting {key!r} ignored")
