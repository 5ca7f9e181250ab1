"""The environment every measured process runs in, with bytecode compiled once as installed.

This environment may set ``PYTHONDONTWRITEBYTECODE``; then every measured process would compile
the project from source, a cost no installed copy pays. The benches drop it and point
``PYTHONPYCACHEPREFIX`` at one folder compiled before anything is timed (``pycache`` None:
whatever the environment says, for ``--no-bytecode-cache``). One home for the three benches
that start processes: bench_startup, bench_parse, bench_search.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def measured_env(pycache: Path | None, **extra: str) -> dict[str, str]:
    """``os.environ`` plus ``extra``, with bytecode kept in ``pycache`` when one is given."""
    env = dict(os.environ, **extra)
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def compile_packages(pycache: Path | None) -> None:
    """Compile the measured tree's packages into ``pycache`` once, before anything is timed."""
    code = (
        "import compileall, os, parsers, tui\n"
        "for m in (parsers, tui):\n"
        "    compileall.compile_dir(os.path.dirname(m.__file__), quiet=2)\n"
    )
    subprocess.run([sys.executable, "-c", code], env=measured_env(pycache), check=False)
