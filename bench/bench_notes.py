"""Notes: the cost of saving one note, and of re-anchoring 1,000 notes on an edited document.

    .venv/bin/python bench/bench_notes.py [--notes 1000] [--sentences 3000] [--seed 7]

Saving: ``NotesStore.add`` (one ``BEGIN IMMEDIATE`` transaction, WAL, ``synchronous=FULL``, tags
in their own table) beside a bare ``INSERT`` + commit of one row with the same pragmas, and the
same bare insert with ``synchronous=NORMAL`` (what durability costs). Wall time, median of 200,
in a temporary folder (the file system is printed: fsync cost depends on it).

Re-anchoring: a synthetic briefing (sentences from ``bench/make_corpus.py``, so some sentences
repeat, as boilerplate does) gets 1,000 notes on sentences, then an edit: new paragraphs
inserted in 25 places, words inserted inside 5% of the noted sentences, 3% of them deleted, 3%
rewritten beyond recognition. The truth is known for each note, so the figures say how many
landed where they should, how many were orphaned rightly, and how many went to a wrong place.
The reference is the naive answer, ``text.find(exact)`` for each note: fast, and wrong whenever
the text changed or repeats.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_corpus import Corpus  # noqa: E402

from parsers.model import Document  # noqa: E402
from tui.notes.anchoring import content_hash, resolve_all  # noqa: E402
from tui.notes.store import NoteDraft, NotesStore, new_note  # noqa: E402


@dataclass
class Piece:
    """One sentence of the document and what the edit does to it."""

    text: str
    fate: str = "keep"  # keep | grow | delete | rewrite | new
    new_text: str = ""


def build(n_sentences: int, rng: random.Random, corpus: Corpus) -> list[list[Piece]]:
    paras: list[list[Piece]] = []
    while sum(len(p) for p in paras) < n_sentences:
        paras.append([Piece(corpus.sentence(rng.random() < 0.3)) for _ in range(rng.randint(2, 6))])
    return paras


def render(paras: list[list[Piece]], edited: bool) -> tuple[str, list[tuple[Piece, int, int]]]:
    """The text, and where each piece sits in it (pieces deleted by the edit are left out)."""
    out: list[str] = []
    spans: list[tuple[Piece, int, int]] = []
    pos = 0
    for para in paras:
        if out:
            out.append("\n\n")
            pos += 2
        first = True
        for piece in para:
            if edited and piece.fate == "delete":
                continue
            if not edited and piece.fate == "new":
                continue
            text = piece.new_text if edited and piece.fate in ("grow", "rewrite") else piece.text
            if not first:
                out.append(" ")
                pos += 1
            first = False
            spans.append((piece, pos, pos + len(text)))
            out.append(text)
            pos += len(text)
    return "".join(out), spans


def grow(sentence: str, rng: random.Random) -> str:
    words = sentence.split(" ")
    at = rng.randint(1, max(1, len(words) - 1))
    return " ".join([*words[:at], "reportedly", "and", "once", "again", *words[at:]])


def time_saves(folder: Path, runs: int = 200) -> dict[str, float]:
    """Median wall ms of one save each way; the three are interleaved so disk noise hits all."""
    doc = Document(path=str(folder / "doc.txt"), title="Doc", text="word " * 2000)
    store = NotesStore.open(folder / "notes.db")
    bare: dict[str, sqlite3.Connection] = {}
    for mode in ("full", "normal"):
        conn = sqlite3.connect(folder / f"bare-{mode}.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA synchronous = {mode.upper()}")
        conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT)")
        bare[mode] = conn
    times: dict[str, list[float]] = {"store": [], "full": [], "normal": []}
    for i in range(runs):
        note = new_note(doc, i * 5, i * 5 + 40, NoteDraft(f"note {i}", ("a", "b")))
        t0 = time.perf_counter()
        store.add(note)
        times["store"].append(time.perf_counter() - t0)
        for mode, conn in bare.items():
            t0 = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO t VALUES (?, ?)", (f"id{i}", f"note {i}"))
            conn.execute("COMMIT")
            times[mode].append(time.perf_counter() - t0)
    store.close()
    for conn in bare.values():
        conn.close()
    return {k: statistics.median(v) * 1000 for k, v in times.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--notes", type=int, default=1000)
    ap.add_argument("--sentences", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    corpus = Corpus(args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        fs = subprocess.run(["df", "-T", tmp], capture_output=True, text=True).stdout.split("\n")
        fstype = fs[1].split()[1] if len(fs) > 1 and fs[1].split() else "?"
        saves = time_saves(folder)
        print(f"Saving one note (median of 200, wall ms, {fstype} in {tmp}):")
        print(f"  NotesStore.add (WAL, synchronous=FULL, tags) {saves['store']:8.3f} ms")
        print(f"  bare INSERT+commit, synchronous=FULL         {saves['full']:8.3f} ms")
        print(f"  bare INSERT+commit, synchronous=NORMAL       {saves['normal']:8.3f} ms")

        paras = build(args.sentences, rng, corpus)
        text0, spans0 = render(paras, edited=False)
        doc0 = Document(path=str(folder / "brief.txt"), title="Brief", text=text0)
        noted = rng.sample(range(len(spans0)), min(args.notes, len(spans0)))
        store = NotesStore.open(folder / "reanchor.db")
        note_piece = {}
        for idx in noted:
            piece, s, e = spans0[idx]
            note = store.add(new_note(doc0, s, e, NoteDraft("n")))
            note_piece[note.id] = piece
        pieces = list(note_piece.values())
        rng.shuffle(pieces)
        n = len(pieces)
        cut = [int(n * f) for f in (0.05, 0.08, 0.11)]
        for p in pieces[: cut[0]]:
            p.fate, p.new_text = "grow", grow(p.text, rng)
        for p in pieces[cut[0] : cut[1]]:
            p.fate = "delete"
        for p in pieces[cut[1] : cut[2]]:
            p.fate, p.new_text = (
                "rewrite",
                corpus.fill("Officials in {place} gave no details about {org} or {weapon}.", False),
            )
        for _ in range(25):
            para = rng.choice(paras)
            para.insert(rng.randint(0, len(para)), Piece(corpus.sentence(False), "new"))
        text1, spans1 = render(paras, edited=True)
        where = {id(p): (s, e) for p, s, e in spans1}
        doc1 = Document(path=doc0.path, title="Brief", text=text1)
        notes = store.notes_for(doc0.path)
        h1 = content_hash(text1)

        def judge(note_id: str, start: int, end: int, orphaned: bool) -> str:
            piece = note_piece[note_id]
            if piece.fate in ("delete", "rewrite"):
                return "right orphan" if orphaned else "wrong place"
            if orphaned:
                return "lost (orphaned)"
            want = where[id(piece)]
            if piece.fate == "grow":
                ok = start <= want[0] + 2 and end >= want[1] - 2 and start < want[1]
                return "right place" if ok and abs(start - want[0]) <= 2 else "wrong place"
            return "right place" if (start, end) == want else "wrong place"

        t0 = time.process_time()
        results = resolve_all([nt.anchor for nt in notes], text1, h1)
        t_resolve = time.process_time() - t0
        tally: dict[str, int] = {}
        methods: dict[str, int] = {}
        for nt, r in zip(notes, results, strict=True):
            verdict = judge(nt.id, r.start, r.end, r.orphaned)
            tally[verdict] = tally.get(verdict, 0) + 1
            methods[r.method] = methods.get(r.method, 0) + 1

        t0 = time.perf_counter()
        moved, orphaned = store.reanchor(doc1)
        t_store = time.perf_counter() - t0

        t0 = time.process_time()
        naive = [text1.find(nt.exact) for nt in notes]
        t_naive = time.process_time() - t0
        naive_tally: dict[str, int] = {}
        for nt, i in zip(notes, naive, strict=True):
            verdict = judge(nt.id, i, i + len(nt.exact), i < 0)
            naive_tally[verdict] = naive_tally.get(verdict, 0) + 1
        store.close()

    size = len(text1.encode("utf-8")) // 1024
    print(
        f"\nRe-anchoring {len(notes)} notes on an edited {size} KiB document "
        f"({len(spans0)} sentences; {cut[0]} grown, {cut[1] - cut[0]} deleted, "
        f"{cut[2] - cut[1]} rewritten, 25 inserted):"
    )
    print(f"  {'':34}{'resolve_all':>12}{'naive find':>12}")
    print(f"  {'CPU time (ms)':34}{t_resolve * 1000:12.1f}{t_naive * 1000:12.1f}")
    for key in ("right place", "right orphan", "lost (orphaned)", "wrong place"):
        print(f"  {key:34}{tally.get(key, 0):12d}{naive_tally.get(key, 0):12d}")
    print(f"  methods: {', '.join(f'{k} {v}' for k, v in sorted(methods.items()))}")
    print(
        f"  NotesStore.reanchor (resolve + one transaction writing {len(moved)} moved and "
        f"{len(orphaned)} orphaned): {t_store * 1000:.1f} ms wall"
    )
    print(f"  (pid {os.getpid()}, python {sys.version.split()[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
