"""Where config, data and cache live (platformdirs, so XDG_* variables are honoured)."""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "briefing-tui"


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def seeds_dir() -> Path:
    """The bundled sample briefings: beside the package in a checkout or editable install."""
    return Path(__file__).resolve().parents[2] / "seeds"
