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


def inbox_dir() -> Path:
    """Where fetched feed items and web pages are saved, one Markdown file each."""
    return data_dir() / "inbox"


def seeds_dir() -> Path:
    """The bundled sample briefings: ``tui/samples`` in an installed wheel (``setup.py`` copies
    them there at build time), else ``seeds/`` beside the package in a checkout or editable
    install."""
    here = Path(__file__).resolve()
    packaged = here.parents[1] / "samples"
    if packaged.is_dir():
        return packaged
    return here.parents[2] / "seeds"
