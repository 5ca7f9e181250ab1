"""Time to first screen: ``briefing-tui`` on the seeds vs a minimal Textual app, side by side.

Each program is started in a pseudo-terminal (120x40, TERM=xterm-256color) the way a person
starts it; the clock stops when the terminal output contains a marker only the finished first
screen shows: for briefing-tui the first sentence of the first seed *in the reader* (the
document parsed, laid out and drawn), for the minimal app its one ``Static``. A third line,
"first frame", stops at briefing-tui's first drawn frame (the panes, before any parsing).
Runs alternate between the programs so machine load hits all alike; medians are printed.
Beside each wall-clock median, the median CPU time the program had used when the marker showed
(every thread, from ``/proc/PID/task/*/schedstat``; Linux only): on a loaded machine the wall
clock mostly measures waiting for a core, so the CPU ratio is the steadier figure. The targets
stay on the wall clock.

briefing-tui runs twice over: with a fresh cache dir each time (cold: every file parsed) and
with one shared cache dir (warm: the parse cache filled by an earlier run that was let run
until the whole library had loaded; stopped at its first screen, it would not have filled it).

Both programs run with their bytecode compiled once, as an installed package has it (pip
compiles on install): ``PYTHONDONTWRITEBYTECODE`` is dropped and ``PYTHONPYCACHEPREFIX`` points
at this run's temporary folder, filled by a first run of each program, so no tree is touched.
``--no-bytecode-cache`` keeps an inherited ``PYTHONDONTWRITEBYTECODE``: then every start of
briefing-tui compiles its own modules from source (Textual's stay precompiled in site-packages).

Targets (issue 15): the first document shown at most 1.5x the minimal app with a warm cache
and at most 2.5x with a cold one.

    .venv/bin/python bench/bench_startup.py [--runs 7] [--no-bytecode-cache]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

from measured_env import measured_env

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
ANSI = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")

MINIMAL_APP = """
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("minimal-app-ready-marker")

Minimal().run()
"""


def briefing_command() -> list[str]:
    exe = Path(sys.executable).parent / "briefing-tui"
    if exe.exists():
        return [str(exe), str(SEEDS)]
    found = shutil.which("briefing-tui")
    if found:
        return [found, str(SEEDS)]
    return [sys.executable, "-m", "tui.cli.main", str(SEEDS)]


def cpu_seconds(pid: int) -> float | None:
    """CPU time used so far by every thread of process ``pid`` (None where /proc lacks it)."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/schedstat", encoding="ascii") as fh:
                total += int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return total / 1e9


#: CPU seconds each program had used at its marker, per program (filled by time_to_marker).
CPU: dict[str, list[float]] = {}


def time_to_marker(
    cmd: list[str],
    marker: bytes,
    env: dict[str, str],
    timeout: float = 30.0,
    name: str | None = None,
) -> float:
    """Seconds from spawn until ``marker`` appears in what the program draws; the CPU time
    used by then is added to ``CPU[name]`` when a ``name`` is given."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, cwd=ROOT
    )
    os.close(slave)
    seen = b""
    try:
        while True:
            left = timeout - (time.perf_counter() - started)
            if left <= 0:
                raise TimeoutError(f"{cmd[0]}: marker not seen in {timeout:.0f}s")
            ready, _, _ = select.select([master], [], [], min(left, 0.05))
            if not ready:
                if proc.poll() is not None:
                    raise RuntimeError(f"{cmd[0]} exited early: {ANSI.sub(b'', seen)[-400:]!r}")
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            if not chunk and proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited early")
            seen += chunk
            if marker in seen or marker in ANSI.sub(b"", seen):
                took = time.perf_counter() - started
                cpu = cpu_seconds(proc.pid)
                if name is not None and cpu is not None:
                    CPU.setdefault(name, []).append(cpu)
                return took
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        # Drain so the child never blocks on a full pty, then close.
        try:
            while select.select([master], [], [], 0)[0] and os.read(master, 65536):
                pass
        except OSError:
            pass
        os.close(master)


#: Targets from issue 15 (median vs the minimal app): first document shown, warm and cold cache.
TARGETS = {"briefing-tui (warm cache)": 1.5, "briefing-tui (cold cache)": 2.5}
#: Bytecode of both programs is kept here (None: whatever the environment says).
PYCACHE: Path | None = None


def base_env(tmp: Path) -> dict[str, str]:
    env = measured_env(PYCACHE)
    env.update(
        TERM="xterm-256color",
        COLUMNS="120",
        LINES="40",
        XDG_CONFIG_HOME=str(tmp / "config"),
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_CACHE_HOME=str(tmp / "cache"),
    )
    env.pop("TEXTUAL", None)
    return env


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="keep an inherited PYTHONDONTWRITEBYTECODE (compile on every start)",
    )
    args = ap.parse_args()
    global PYCACHE

    first_seed = sorted(SEEDS.glob("*.txt"))[0]
    body = first_seed.read_text(encoding="utf-8").splitlines()[1]
    marker = " ".join(body.split()[:3]).encode()  # "Defense leaders from": drawn by the reader
    n_docs = sum(1 for p in SEEDS.iterdir() if p.is_file())
    loaded_marker = f"{n_docs:,} document{'s' if n_docs != 1 else ''}".encode()

    results: dict[str, list[float]] = {
        "minimal Textual app": [],
        "briefing-tui first frame": [],
        "briefing-tui (cold cache)": [],
        "briefing-tui (warm cache)": [],
    }
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmpdir:
        tmp = Path(tmpdir)
        if not args.no_bytecode_cache:
            PYCACHE = tmp / "pycache"
        minimal = tmp / "minimal_app.py"
        minimal.write_text(MINIMAL_APP, encoding="utf-8")
        warm_env = base_env(tmp / "warm")
        # Fill the warm cache: let the library load completely (the list's border then says
        # how many documents), which also compiles briefing-tui's bytecode.
        time_to_marker(briefing_command(), loaded_marker, warm_env, timeout=120)
        time_to_marker(
            [sys.executable, str(minimal)], b"minimal-app-ready-marker", base_env(tmp / "m")
        )  # warm the OS file cache (and compile the bytecode) for both
        for i in range(args.runs):
            name = "minimal Textual app"
            results[name].append(
                time_to_marker(
                    [sys.executable, str(minimal)],
                    b"minimal-app-ready-marker",
                    base_env(tmp / f"m{i}"),
                    name=name,
                )
            )
            name = "briefing-tui first frame"
            results[name].append(
                time_to_marker(
                    briefing_command(), b"Documents", base_env(tmp / f"frame{i}"), name=name
                )
            )
            name = "briefing-tui (cold cache)"
            results[name].append(
                time_to_marker(briefing_command(), marker, base_env(tmp / f"cold{i}"), name=name)
            )
            name = "briefing-tui (warm cache)"
            results[name].append(time_to_marker(briefing_command(), marker, warm_env, name=name))

    ref = statistics.median(results["minimal Textual app"])
    bytecode = "from source every start" if args.no_bytecode_cache else "compiled once"
    print(
        f"Time to first screen, {args.runs} runs each, 120x40 pty, seeds: {n_docs} documents, "
        f"bytecode {bytecode}, load average {os.getloadavg()[0]:.2f}"
    )
    cpu_ref = statistics.median(CPU.get("minimal Textual app") or [0.0])
    print(
        f"{'program':<28}{'median':>9}{'min':>9}{'max':>9}{'vs minimal':>12}"
        f"{'cpu median':>12}{'vs minimal':>12}"
    )
    for name, times in results.items():
        med = statistics.median(times)
        line = f"{name:<28}{med:>8.3f}s{min(times):>8.3f}s{max(times):>8.3f}s{med / ref:>11.2f}x"
        cpu = CPU.get(name)
        if cpu and len(cpu) == len(times) and cpu_ref > 0:
            cpu_med = statistics.median(cpu)
            line += f"{cpu_med:>11.3f}s{cpu_med / cpu_ref:>11.2f}x"
        print(line)
    for name, target in TARGETS.items():
        ratio = statistics.median(results[name]) / ref
        verdict = "met" if ratio <= target else "NOT met"
        print(f"target: {name} <= {target:.2f}x the minimal app: {ratio:.2f}x, {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
