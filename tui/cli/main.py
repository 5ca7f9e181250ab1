"""The ``briefing-tui`` command line: open the reader, or parse / search / export from the shell.

Textual is imported only when the reader opens, so the shell commands start fast and run
without a terminal.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tui.cli.version import add_version

COMMANDS = (
    "parse",
    "search",
    "export",
    "watch",
    "feeds",
    "fetch",
    "notes",
    "store",
    "index",
    "open",
)


def _parse_command(argv: Sequence[str]) -> int:
    from tui.cli.parse import parse_command

    return parse_command(argv, add_version)


def _open_command(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="briefing-tui",
        description="Read a folder of briefings in the terminal. With no path, opens the samples.",
        epilog="Shell commands: briefing-tui parse|search|export|watch|feeds|fetch --help",
    )
    add_version(ap)
    ap.add_argument("paths", nargs="*", metavar="PATH", help="files or folders of .txt/.md")
    args = ap.parse_args(argv)
    from tui.ui.run import run_app

    return run_app(args.paths)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "parse":
            return _parse_command(argv[1:])
        if argv and argv[0] == "search":
            from tui.cli.search import search_command

            return search_command(argv[1:])
        if argv and argv[0] == "export":
            from tui.cli.export import export_command

            return export_command(argv[1:])
        if argv and argv[0] == "watch":
            from tui.cli.watch import watch_command

            return watch_command(argv[1:])
        if argv and argv[0] == "feeds":
            from tui.cli.feeds import feeds_command

            return feeds_command(argv[1:])
        if argv and argv[0] == "fetch":
            from tui.cli.feeds import fetch_command

            return fetch_command(argv[1:])
        if argv and argv[0] == "notes":
            from tui.cli.notes import notes_command

            return notes_command(argv[1:])
        if argv and argv[0] == "index":
            from tui.cli.index import index_command

            return index_command(argv[1:])
        if argv and argv[0] == "store":
            from tui.cli.store import store_command

            return store_command(argv[1:])
        if argv and argv[0] == "open":
            argv = argv[1:]
        return _open_command(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
