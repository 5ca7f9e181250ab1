"""Persistence: the whole index as a few SQLite tables (ix_meta, ix_docs, ix_blobs).

Arrays are stored as raw bytes (checked against byte order and item size on load), so a
reopen costs a few reads rather than a rebuild.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from array import array
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.search.index import SearchIndex

INDEX_VERSION = "2"


def save_index(ix: SearchIndex, conn: sqlite3.Connection) -> None:
    """Write the whole index into ``conn`` (tables ix_*), replacing what was there."""
    with ix._lock:
        ix.freeze()
        blobs: dict[str, bytes] = {
            "u_doc": ix._u_doc.tobytes(),
            "u_kind": ix._u_kind.tobytes(),
            "u_start": ix._u_start.tobytes(),
            "u_end": ix._u_end.tobytes(),
            "u_extra": ix._u_extra.tobytes(),
            "first_unit": ix._first_unit.tobytes(),
            "terms": "\n".join(ix._terms).encode("utf-8"),
            "strings": json.dumps(ix._strings).encode("utf-8"),
            "entities": json.dumps(
                [
                    ix._ent_ids,
                    ix._ent_names,
                    ix._ent_types,
                    [list(a) for a in ix._ent_aliases],
                ]
            ).encode("utf-8"),
        }
        ment_off = array("I", [0])
        ment = array("I")
        for m in ix._ent_mentions:
            ment.extend(m)
            ment_off.append(len(ment))
        blobs["ent_mentions"] = ment.tobytes()
        blobs["ent_offsets"] = ment_off.tobytes()
        grams = list(ix._tri)
        tri_data = array("I")
        tri_off = array("I", [0])
        for g in grams:
            tri_data.extend(ix._tri[g])
            tri_off.append(len(tri_data))
        blobs["tri_grams"] = "\n".join(grams).encode("utf-8")
        blobs["tri_data"] = tri_data.tobytes()
        blobs["tri_offsets"] = tri_off.tobytes()
        blobs["sections"] = json.dumps(ix._sections).encode("utf-8")
        for k, p in enumerate(ix._post):
            blobs[f"post{k}"] = p.base.tobytes()
            blobs[f"off{k}"] = p.offsets.tobytes()
        meta = {
            "version": INDEX_VERSION,
            "byteorder": sys.byteorder,
            "itemsize": str(array("I").itemsize),
        }
        with conn:
            conn.execute("DROP TABLE IF EXISTS ix_meta")
            conn.execute("DROP TABLE IF EXISTS ix_docs")
            conn.execute("DROP TABLE IF EXISTS ix_blobs")
            conn.execute("CREATE TABLE ix_meta (key TEXT PRIMARY KEY, value TEXT)")
            conn.execute(
                "CREATE TABLE ix_docs (idx INTEGER PRIMARY KEY, path TEXT, hash TEXT, "
                "title TEXT, title_at INTEGER, alive INTEGER, text TEXT)"
            )
            conn.execute("CREATE TABLE ix_blobs (name TEXT PRIMARY KEY, data BLOB)")
            conn.executemany("INSERT INTO ix_meta VALUES (?, ?)", meta.items())
            conn.executemany("INSERT INTO ix_blobs VALUES (?, ?)", blobs.items())
            conn.executemany(
                "INSERT INTO ix_docs VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        d,
                        ix._paths[d],
                        ix._hashes[d],
                        ix._titles[d],
                        ix._title_at[d],
                        ix._alive[d],
                        ix._texts[d],
                    )
                    for d in range(len(ix._paths))
                ),
            )
        ix.dirty = False


def load_index(factory: Callable[[], SearchIndex], conn: sqlite3.Connection) -> SearchIndex | None:
    """The index saved in ``conn``, or None if there is none or it is of another version.

    A damaged store raises ``sqlite3.DatabaseError`` or ``ValueError``; callers rebuild.
    """
    try:
        meta = dict(conn.execute("SELECT key, value FROM ix_meta").fetchall())
    except sqlite3.OperationalError:
        return None
    if meta != {
        "version": INDEX_VERSION,
        "byteorder": sys.byteorder,
        "itemsize": str(array("I").itemsize),
    }:
        return None
    blobs = dict(conn.execute("SELECT name, data FROM ix_blobs").fetchall())
    ix = factory()

    def arr(code: str, name: str) -> array[int]:
        a = array(code)
        a.frombytes(blobs[name])
        return a

    ix._u_doc = arr("I", "u_doc")
    ix._u_kind = arr("B", "u_kind")
    ix._u_start = arr("I", "u_start")
    ix._u_end = arr("I", "u_end")
    ix._u_extra = arr("i", "u_extra")
    ix._first_unit = arr("I", "first_unit")
    n_units = len(ix._u_doc)
    if not (len(ix._u_kind) == len(ix._u_start) == len(ix._u_end) == len(ix._u_extra) == n_units):
        raise ValueError("index arrays disagree")
    raw_terms = blobs["terms"].decode("utf-8")
    ix._terms = raw_terms.split("\n") if raw_terms else []
    ix._term_of = {t: i for i, t in enumerate(ix._terms)}
    ix._strings = json.loads(blobs["strings"])
    ids, names, types, aliases = json.loads(blobs["entities"])
    ix._ent_ids, ix._ent_names, ix._ent_types = ids, names, types
    ix._ent_aliases = [dict.fromkeys(a) for a in aliases]
    ix._ent_of = {e: i for i, e in enumerate(ids)}
    ment = arr("I", "ent_mentions")
    ment_off = arr("I", "ent_offsets")
    ix._ent_mentions = [ment[ment_off[i] : ment_off[i + 1]] for i in range(len(ids))]
    for k, p in enumerate(ix._post):
        p.base = arr("I", f"post{k}")
        p.offsets = arr("I", f"off{k}")
        if len(p.offsets) != len(ix._terms) + 1 or (p.offsets and p.offsets[-1] != len(p.base)):
            raise ValueError("index postings disagree")
    rows = conn.execute(
        "SELECT idx, path, hash, title, title_at, alive, text FROM ix_docs ORDER BY idx"
    ).fetchall()
    sections = json.loads(blobs["sections"])
    if len(rows) != len(ix._first_unit) or len(sections) != len(rows):
        raise ValueError("index documents disagree")
    if rows:
        idx, ix._paths, ix._hashes, ix._titles, ix._title_at, alive, ix._texts = (
            list(c) for c in zip(*rows, strict=True)
        )
        if idx[-1] != len(rows) - 1:
            raise ValueError("index documents out of order")
        ix._alive = bytearray(1 if a else 0 for a in alive)
        ix._sections = [[(a, b) for a, b in secs] for secs in sections]
        ix._doc_of = {p: d for d, p in enumerate(ix._paths) if ix._alive[d]}
    grams = blobs["tri_grams"].decode("utf-8")
    tri_data = arr("I", "tri_data")
    tri_off = arr("I", "tri_offsets")
    gram_list = grams.split("\n") if grams else []
    if len(tri_off) != len(gram_list) + 1:
        raise ValueError("index trigrams disagree")
    ix._tri = {g: tri_data[tri_off[i] : tri_off[i + 1]] for i, g in enumerate(gram_list)}
    ix._sorted = sorted(ix._terms)
    return ix
