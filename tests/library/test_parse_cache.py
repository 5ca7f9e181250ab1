"""The parse cache: round trips, damage, and what makes a row stale."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import SEED_A, SEED_B

import tui.library.parse_cache as pc
from parsers import PARSER_VERSION, parse_file
from tui.core.paths import cache_dir
from tui.library.parse_cache import CacheRow, ParseCache, decode_document, encode_document


def test_document_round_trip_is_exact() -> None:
    for p in (SEED_A, SEED_B):
        doc = parse_file(p)
        assert decode_document(encode_document(doc)) == doc


def test_blob_from_another_model_is_refused() -> None:
    import json
    import zlib

    blob = zlib.compress(json.dumps({"shape": [["path"], {}], "doc": ["x"]}).encode())
    with pytest.raises(ValueError):
        decode_document(blob)


def _row(path: str, size: int = 10, mtime: int = 5) -> CacheRow:
    return CacheRow(path, size, mtime, "h", PARSER_VERSION, "T", None, None, 3, None)


def test_put_rows_and_freshness() -> None:
    cache = ParseCache()
    assert cache.path is not None and cache.path.parent == cache_dir()
    doc = parse_file(SEED_A)
    cache.put(_row("/x.txt"), encode_document(doc))
    cache.commit()
    rows = cache.rows()
    assert rows["/x.txt"].fresh(10, 5)
    assert not rows["/x.txt"].fresh(11, 5) and not rows["/x.txt"].fresh(10, 6)
    assert cache.document("/x.txt") is not None
    assert cache.document("/x.txt").text == doc.text  # type: ignore[union-attr]
    cache.touch("/x.txt", 10, 9)
    assert cache.rows()["/x.txt"].fresh(10, 9)
    cache.delete(["/x.txt"])
    assert cache.rows() == {}
    cache.close()


def test_other_parser_version_is_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    row = _row("/x.txt")
    assert row.fresh(10, 5)
    monkeypatch.setattr(pc, "PARSER_VERSION", PARSER_VERSION + "-next")
    assert not row.fresh(10, 5)


@pytest.mark.parametrize(
    "garbage",
    [
        b"not a database at all" * 100,
        b"",
        b"SQLite format 3\x00" + random.Random(5).randbytes(4000),
    ],
    ids=["text", "empty", "bad-pages"],
)
def test_corrupt_cache_is_deleted_and_rebuilt(garbage: bytes) -> None:
    path = cache_dir() / pc.CACHE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(garbage)
    cache = ParseCache()
    assert cache.rows() == {}
    cache.put(_row("/y.txt"), None)
    cache.commit()
    assert set(ParseCache().rows()) == {"/y.txt"}


def test_unwritable_cache_dir_falls_back_to_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = ParseCache(blocker / "sub" / "cache.sqlite")
    assert cache.path is None and cache.note and "disabled" in cache.note
    cache.put(_row("/z.txt"), None)
    assert set(cache.rows()) == {"/z.txt"}
