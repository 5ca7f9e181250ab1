"""``briefing-tui parse``: documents parsed on every core, printed in the order given.

Each worker reads, parses and serialises a chunk of files and hands back finished lines, so the
parent only writes; with one job (or a handful of files) everything runs in this process.

Where workers are forked, the parent imports the parsers and parses a short sample first: the
workers inherit the compiled patterns and word lists instead of each paying for them again
(about half a second of CPU a process). Chunks are small enough that every worker ends at
about the same time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from tui.core.discover import find_documents
from tui.core.text import printable

#: Files per task at most: big enough that a task outweighs its hand-over, small enough to
#: share out (fewer for a small folder, see :func:`_chunk_size`).
CHUNK = 16
#: Tasks per worker at least, so that the last tasks to finish are short.
TASKS_PER_JOB = 8
#: Fewer files than this are parsed here: starting workers costs more than they save.
PARALLEL_MIN = 24

#: (line for stdout, or None; a problem for stderr, or None) per file.
Result = tuple[str | None, str | None]

_STATE: dict[str, Any] = {}


def _setup(as_json: bool) -> None:
    from tui.entities.index import Overrides, user_gazetteer

    _STATE["gazetteer"], _STATE["overrides"] = user_gazetteer(), Overrides.load()
    _STATE["json"] = as_json


def _one(path: str) -> Result:
    from parsers import ParseError, parse_file
    from tui.cli.outline import format_outline
    from tui.entities.index import personalise

    try:
        doc = personalise(parse_file(path), _STATE["gazetteer"], _STATE["overrides"])
    except ParseError as exc:
        return None, f"briefing-tui: {printable(str(exc))}"
    except Exception as exc:  # a parser bug must not cost the user the other files
        return None, (
            f"briefing-tui: {printable(path)}: could not parse ({type(exc).__name__}: "
            f"{printable(str(exc))[:200]})"
        )
    if not _STATE["json"]:
        return format_outline(doc), None
    return json.dumps(doc.to_json(), ensure_ascii=False), None


#: What the parent parses before forking: a paragraph that loads every pass (quotes, speakers,
#: entities of each kind), so the workers start warm.
_WARM_UP = (
    "Talks in Geneva\n\n"
    "Defence Minister Jane Roe said on Monday that the plan was sound. "
    '"We stay," she told the BBC. According to Reuters, 300 troops would stay near Tapa. '
    "Shares in Zentrova plc rose 5% to $2.4 billion, Mr Roe said.\n"
)


def _warm(as_json: bool) -> None:
    """Load the parsers and their data here, once, before workers are forked from us."""
    from parsers import parse_text
    from tui.entities.index import personalise

    _setup(as_json)
    try:
        doc = parse_text(_WARM_UP, "warm-up.txt")
        personalise(doc, _STATE["gazetteer"], _STATE["overrides"])
    except Exception:  # a parser bug shows on the files themselves, not here
        return
    json.dumps(doc.to_json(), ensure_ascii=False)


def _chunk_size(files: int, jobs: int) -> int:
    return max(1, min(CHUNK, -(-files // (jobs * TASKS_PER_JOB))))


def _chunks(files: list[str], jobs: int) -> list[list[str]]:
    """The files in tasks of :func:`_chunk_size`, shrinking to one file at the end: the workers
    take tasks in order, so the last ones to finish wait on one file's parse at most, not on a
    whole task's (on 84 files and two jobs that wait was six files, ~7% of the run)."""
    size = _chunk_size(len(files), jobs)
    out: list[list[str]] = []
    i = 0
    while i < len(files):
        step = max(1, min(size, (len(files) - i) // (2 * jobs)))
        out.append(files[i : i + step])
        i += step
    return out


def _chunk(paths: list[str], as_json: bool) -> list[Result]:
    if _STATE.get("json") is not as_json:
        _setup(as_json)
    return [_one(p) for p in paths]


def _results(files: list[str], as_json: bool, jobs: int) -> Iterator[Result]:
    """Results in file order: on ``jobs`` processes for many files, else here. If the pool
    cannot start or breaks, the rest is parsed here: slower, never lost."""
    done = 0
    if jobs >= 2 and len(files) >= PARALLEL_MIN:
        # Imported here: a run in one process does without them (about 35 ms of start-up).
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        chunks = _chunks(files, jobs)
        method = (
            "fork"
            if threading.active_count() == 1 and os.name == "posix"
            else ("forkserver" if os.name == "posix" else "spawn")
        )
        try:
            if method == "fork":
                _warm(as_json)
                gc.freeze()  # the workers share what it loaded: the collector leaves it be
            # The workers only parse, and the parsers make no cycles: the cyclic collector
            # would cost them a few percent for nothing.
            with ProcessPoolExecutor(
                max_workers=jobs,
                mp_context=multiprocessing.get_context(method),
                initializer=gc.disable,
            ) as pool:
                for batch in pool.map(_chunk, chunks, [as_json] * len(chunks)):
                    done += len(batch)
                    yield from batch
        except (BrokenProcessPool, OSError, RuntimeError) as exc:
            print(
                f"briefing-tui: parallel parsing stopped ({exc}); going on in one process",
                file=sys.stderr,
            )
        finally:
            gc.unfreeze()
    if done < len(files):
        _setup(as_json)
        was_enabled = gc.isenabled()
        gc.disable()  # (as in the workers; on again for whoever called, a test's process)
        try:
            for path in files[done:]:
                yield _one(path)
        finally:
            if was_enabled:
                gc.enable()


def _write(out: Any, line: str) -> None:
    try:
        out.write(line + "\n")
    except UnicodeEncodeError:  # a file name that is not UTF-8: escape, do not crash
        out.write(json.dumps(json.loads(line), ensure_ascii=True) + "\n")


def parse_command(argv: Sequence[str], add_version: Any) -> int:
    ap = argparse.ArgumentParser(
        prog="briefing-tui parse",
        description="Print the structure of documents: an outline, or JSON Lines with --json.",
    )
    add_version(ap)
    ap.add_argument("--json", action="store_true", help="one JSON object per document per line")
    ap.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="parse on N processes (default: every core)",
    )
    ap.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (read recursively)")
    args = ap.parse_args(argv)
    if args.jobs < 1:
        ap.error("--jobs must be 1 or more")

    found = find_documents(args.paths)
    failed = bool(found.problems)
    for msg in found.problems:
        print(f"briefing-tui: {msg}", file=sys.stderr)
    out = sys.stdout
    for line, problem in _results(list(found.files), args.json, args.jobs):
        if problem is not None:
            print(problem, file=sys.stderr)
            failed = True
        if line is not None:
            if args.json:
                _write(out, line)
            else:
                out.write(line + "\n")
    out.flush()
    return 1 if failed else 0
