"""Running the reader from the shell: path checks before the app, a quick exit after it.

Kept apart from the app so that what happens around the event loop (the process pool's
resource tracker, leaving while a library is still loading) is in one place.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys

from tui.core.text import printable


def start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, handing it the real standard error.

    The library parses on every core with a process pool, which starts the tracker if it is
    not running, handing it ``sys.stderr.fileno()``: under Textual's redirected output that is
    not a real descriptor, and the pool fails with "bad value(s) in fds_to_keep". The app calls
    this on its UI thread (the only one that writes to ``sys.stderr``) after the first frame,
    before the loading thread may start a pool: not before the first frame, which it would
    delay by a process start and the multiprocessing imports.
    """
    if os.name != "posix":
        return
    # Quitting mid-load ends the parse workers at once; the tracker then cleans up after them
    # and would warn about it on the terminal: it starts with warnings off.
    saved = os.environ.get("PYTHONWARNINGS")
    os.environ["PYTHONWARNINGS"] = "ignore"
    try:
        from multiprocessing import resource_tracker

        with contextlib.redirect_stderr(sys.__stderr__ or sys.stderr):
            resource_tracker.ensure_running()
    except Exception:
        pass
    finally:
        if saved is None:
            os.environ.pop("PYTHONWARNINGS", None)
        else:
            os.environ["PYTHONWARNINGS"] = saved


#: True while :func:`run_app` holds the cyclic garbage collector off (until the first frame).
_collector_paused = False


def pause_collector() -> None:
    """Hold the cyclic garbage collector off until :func:`resume_collector` (the first frame).

    Start-up (importing Textual and the app, composing and styling the panes) allocates some
    hundred thousand objects that live as long as the app and frees few cycles, yet the
    collector walks them again and again as they pile up: some 40 ms on a quiet machine, more
    under load, on the way to the first frame, for almost nothing collected.
    """
    global _collector_paused
    if gc.isenabled():
        gc.disable()
        _collector_paused = True


def resume_collector() -> None:
    """The first frame is drawn: the collector runs again. What start-up built is frozen
    first (kept out of every later collection: it lives as long as the app), so the full
    collections that come with loading a library do not walk it each time."""
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.freeze()
        gc.enable()


def run_app(paths_: list[str]) -> int:
    """Run the reader on ``paths_`` (files or folders; none: the bundled seeds)."""
    missing = [p for p in paths_ if not os.path.lexists(p)]
    if paths_ and len(missing) == len(paths_):
        for p in missing:
            print(f"briefing-tui: {printable(p)}: no such file or folder", file=sys.stderr)
        return 2
    pause_collector()
    try:
        return _run(paths_)
    finally:
        resume_collector()


def _run(paths_: list[str]) -> int:
    from tui.ui.app import BriefingApp

    if paths_:
        folders = [os.path.abspath(p) for p in paths_ if os.path.isdir(p)]
        app = BriefingApp(paths_, watch=folders)
    else:  # the user's library: the feed inbox and the configured folders (else the samples)
        from tui.core.config import load_config
        from tui.core.user_library import user_library

        config = load_config()
        lib = user_library(config)
        config.problems.extend(lib.problems)
        app = BriefingApp(lib.paths, config=config, user_library=True, watch=lib.folders)
    from tui.ui.hangup import watch_terminal  # a closed terminal ends the app as q does

    watch = watch_terminal(app)
    try:
        app.run()
    finally:
        watch.stop()
    code = app.return_code or 0
    if app.scanning:
        # Quit while the library was still loading: the loading thread and its process pool
        # cannot be interrupted, and Python would wait for them. Everything worth keeping is
        # already on disk (positions and notes are saved as they change; the parse cache is a
        # SQLite database, safe to leave mid-way), so end the parse workers and leave now.
        import multiprocessing

        for child in multiprocessing.active_children():
            with contextlib.suppress(Exception):
                child.terminate()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
