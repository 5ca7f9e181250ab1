"""Build hook (``[tool.setuptools.cmdclass]`` in pyproject.toml): the sample briefings ship inside
the package as ``tui/samples``.

``seeds/`` at the top of the checkout stays the one source; a wheel (``pip install .``,
``pipx install .``) gets a copy, so ``briefing-tui`` with no path finds them wherever it is
installed (:func:`tui.core.paths.seeds_dir`). Only the build imports this module.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools.command.build_py import build_py

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SAMPLES = ("tui", "samples")


class BuildWithSamples(build_py):
    """``build_py`` that also copies ``seeds/*`` to ``tui/samples/`` in the build."""

    def run(self) -> None:
        super().run()
        if self.editable_mode or not SEEDS.is_dir():  # editable: seeds/ is read where it is
            return
        target = Path(self.build_lib, *SAMPLES)
        target.mkdir(parents=True, exist_ok=True)
        for seed in sorted(SEEDS.iterdir()):
            if seed.is_file() and not seed.name.startswith("."):
                shutil.copyfile(seed, target / seed.name)
