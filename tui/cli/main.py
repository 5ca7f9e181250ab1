"""The ``briefing-tui`` command line: open the reader, or parse / search / export from the shell.

Textual is imported only when the reader opens, so the shell commands start fast and run
without a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from tui.cli.version import add_version
from tui.core.discover import find_documents
from tui.core.text import printable

COMMANDS = ("parse", "search", "export", "watch", "open")


def _parse_command(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="briefing-tui parse",
        description="Print the structure of documents: an outline, or JSON Lines with --json.",
    )
    add_version(ap)
    ap.add_argument("--json", action="store_true", help="one JSON object per document per line")
    ap.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (read recursively)")
    args = ap.parse_args(argv)

    from parsers import ParseError, parse_file
    from tui.cli.outline import format_outline
    from tui.entities.index import Overrides, personalise, user_gazetteer

    gazetteer, overrides = user_gazetteer(), Overrides.load()

    found = find_documents(args.paths)
    failed = bool(found.problems)
    for problem in found.problems:
        print(f"briefing-tui: {problem}", file=sys.stderr)
    out = sys.stdout
    for path in found.files:
        try:
            doc = personalise(parse_file(path), gazetteer, overrides)
        except ParseError as exc:
            print(f"briefing-tui: {printable(str(exc))}", file=sys.stderr)
            failed = True
            continue
        except Exception as exc:  # a parser bug must not cost the user the other files
            print(
                f"briefing-tui: {printable(path)}: could not parse ({type(exc).__name__}: "
                f"{printable(str(exc))[:200]})",
                file=sys.stderr,
            )
            failed = True
            continue
        if args.json:
            data = doc.to_json()
            try:
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
            except UnicodeEncodeError:  # a file name that is not UTF-8: escape, do not crash
                out.write(json.dumps(data, ensure_ascii=True) + "\n")
        else:
            out.write(format_outline(doc) + "\n")
    out.flush()
    return 1 if failed else 0


def _open_command(argv: Sequence[str]) -> int:
    ap = argparse.ArgumentParser(
        prog="briefing-tui",
        description="Read a folder of briefings in the terminal. With no path, opens the samples.",
        epilog="Shell commands: briefing-tui parse|search|export|watch --help",
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
        if argv and argv[0] == "open":
            argv = argv[1:]
        return _open_command(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
