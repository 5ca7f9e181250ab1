"""Notes as they stand on their documents' current text, before they are listed or exported.

A note is re-anchored when its document is opened in the reader. A document that changed on
disk but was not opened since would otherwise show, in the library's notes and in an export,
the passage as it was and no orphan flag. :func:`follow` computes, without writing, where a
document's notes are now (the same anchoring as :meth:`NotesStore.reanchor`);
:func:`refresh_notes` re-anchors the notes of every given document in the store (saved when
the store is writable). Documents come from a ``load`` callable (the library's parse cache in
the app, :class:`tui.library.current.CurrentDocuments` in the shell); a document that cannot be
read keeps its notes as they are. No Textual here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from parsers.model import Document, ParseError
from tui.notes.anchoring import content_hash, rebase, resolve_all
from tui.notes.backend import NotesBackend
from tui.notes.store import Note, NotesStoreError, doc_key

Loader = Callable[[str], Document | None]


def follow(notes: Sequence[Note], doc: Document) -> list[Note]:
    """``notes`` (of ``doc``) re-anchored on ``doc.text``, in the same order; nothing is saved.

    A note whose passage is gone is flagged orphaned and keeps the text it was made on.
    """
    text_hash = content_hash(doc.text)
    todo = [i for i, n in enumerate(notes) if n.content_hash != text_hash or n.orphaned]
    if not todo:
        return list(notes)
    out = list(notes)
    results = resolve_all([notes[i].anchor for i in todo], doc.text, text_hash)
    for i, res in zip(todo, results, strict=True):
        note = notes[i]
        if res.orphaned:
            out[i] = replace(note, orphaned=True)
        else:
            out[i] = note.with_anchor(rebase(note.anchor, doc.text, res, text_hash))
    return out


def load_quietly(load: Loader, path: str) -> Document | None:
    """``load(path)``, or None when the document cannot be read now."""
    with contextlib.suppress(ParseError, OSError, ValueError):
        return load(path)
    return None


@dataclass(slots=True)
class Refreshed:
    """What :func:`refresh_notes` did: documents looked at, notes moved and orphaned."""

    documents: int = 0
    moved: int = 0
    orphaned: int = 0


def refresh_notes(
    store: NotesBackend,
    load: Loader,
    paths: Iterable[str] | None = None,
    stop: Callable[[], bool] | None = None,
) -> Refreshed:
    """Re-anchor in ``store`` the notes of the documents at ``paths`` (default: every document
    with notes). Unchanged documents cost one hash each; ``stop()`` true ends early."""
    done = Refreshed()
    if paths is None:
        paths = sorted({n.path for n in store.all_notes()})
    for path in dict.fromkeys(doc_key(p) for p in paths):
        if stop is not None and stop():
            break
        if not path or path.startswith("<"):
            continue
        doc = load_quietly(load, path)
        if doc is None:
            continue
        try:
            result = store.reanchor(doc)
        except NotesStoreError:
            continue
        done.documents += 1
        done.moved += len(result.moved)
        done.orphaned += len(result.orphaned)
    return done
