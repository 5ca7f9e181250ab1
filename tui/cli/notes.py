"""``briefing-tui notes add PATH --quote TEXT --note TEXT [--tag T]...``: a note from a script;
``briefing-tui notes start-fresh``: a damaged notes file set aside for an empty one.

The quote is found in the document as the reader's selection would make it: the exact words
first, then the same words with any spacing and case; the passage kind is a quote, sentence or
paragraph when the span is exactly one, else a range. Saved to ``--store`` (or the configured
store, or the notes file).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from parsers.model import Document
from tui.core.text import printable


def locate(doc: Document, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``doc.text``: exact, else ignoring spacing and case; first copy."""
    quote = quote.strip()
    if not quote:
        return None
    at = doc.text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    pattern = r"\s+".join(re.escape(w) for w in quote.split())
    m = re.search(pattern, doc.text, flags=re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def passage_kind(doc: Document, start: int, end: int) -> str:
    if any(q.start == start and q.end == end for q in doc.quotes):
        return "quote"
    if any(p.start == start and p.end == end for p in doc.paragraphs):
        return "paragraph"
    if any(s.start == start and s.end == end for s in doc.sentences):
        return "sentence"
    return "range"


def notes_command(argv: Sequence[str]) -> int:
    from parsers import ParseError, parse_file
    from tui.notes.store import NoteDraft, NotesStoreError, new_note
    from tui.store.select import open_notes
    from tui.store.url import StoreUrlError

    ap = argparse.ArgumentParser(
        prog="briefing-tui notes",
        description="Add a note from a script: the quote is located in the document.",
    )
    sub = ap.add_subparsers(dest="verb", required=True)
    add = sub.add_parser("add", help="add a note on a quoted passage")
    add.add_argument("path", metavar="PATH", help="the document")
    add.add_argument("--quote", "-q", required=True, help="the passage, as it reads")
    add.add_argument("--note", "-n", default="", help="your note")
    add.add_argument("--tag", "-t", action="append", default=[], help="a tag (repeatable)")
    add.add_argument("--colour", default="yellow", help="highlight colour")
    add.add_argument("--store", metavar="URL", help="postgresql://... (default: config)")
    fresh = sub.add_parser(
        "start-fresh",
        help="set a damaged notes file aside (kept as notes.db.corrupt-<time>) for an empty one",
    )
    fresh.add_argument("--db", metavar="FILE", help="the notes file (default: notes.db)")
    fresh.add_argument("--yes", action="store_true", help="do it without asking")
    args = ap.parse_args(argv)
    if args.verb == "start-fresh":
        return start_fresh(args.db, args.yes)

    try:
        doc = parse_file(args.path)
    except ParseError as exc:
        print(f"briefing-tui: {printable(str(exc))}", file=sys.stderr)
        return 1
    span = locate(doc, args.quote)
    if span is None:
        print(
            f"briefing-tui: {printable(args.path)}: quote not found: "
            f"{printable(args.quote[:80])!r}",
            file=sys.stderr,
        )
        return 1
    start, end = span
    note = new_note(
        doc,
        start,
        end,
        NoteDraft(args.note, tuple(args.tag), args.colour),
        passage_kind(doc, start, end),
    )
    try:
        store = open_notes(args.store)
    except (NotesStoreError, StoreUrlError) as exc:
        print(f"briefing-tui: {exc}", file=sys.stderr)
        return 1
    try:
        saved = store.add(note, doc)
        queued = store.read_only
    except NotesStoreError as exc:
        print(f"briefing-tui: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    where = "queued locally (server unreachable)" if queued else "saved"
    print(f"{saved.id}\t{printable(doc.path)}:{start}-{end}\t{where}")
    return 0


def start_fresh(db: str | None, yes: bool) -> int:
    """Only a damaged file is set aside (with consent); a sound one is left as it is."""
    from tui.notes.store import NotesStore, NotesStoreError

    path = db or str(NotesStore.default_path())
    try:
        with NotesStore.open(path) as store:
            n = store.count()
        print(f"briefing-tui: {printable(path)} is not damaged ({n} notes): left as it is")
        return 0
    except NotesStoreError as exc:
        if exc.kind != "corrupt":
            print(f"briefing-tui: {exc}", file=sys.stderr)
            return 1
    question = (
        f"Set the damaged {printable(path)} aside (kept as notes.db.corrupt-<time>) "
        "and start an empty notes file?"
    )
    if not yes:
        if not sys.stdin.isatty():
            print(f"briefing-tui: {question} Run again with --yes to do it.", file=sys.stderr)
            return 1
        if input(f"{question} [y/N] ").strip().lower() not in ("y", "yes"):
            print("briefing-tui: nothing changed", file=sys.stderr)
            return 1
    try:
        store, kept = NotesStore.start_fresh(path)
    except NotesStoreError as exc:
        print(f"briefing-tui: {exc}", file=sys.stderr)
        return 1
    store.close()
    print(
        f"briefing-tui: a fresh notes file is at {printable(path)}; the damaged one is kept as "
        f"{printable(str(kept))}"
    )
    return 0
