"""The order of the n/N walk across documents, without a terminal."""

from __future__ import annotations

from tui.views.walk import Walk


def walk() -> Walk:
    w = Walk()
    w.set("search", [("a", 5, 8), ("a", 20, 24), ("b", 3, 4), ("c", 1, 2), ("c", 9, 12)])
    return w


def test_documents_in_walking_order_each_once() -> None:
    assert walk().documents() == ["a", "b", "c"]
    assert walk().spans_in("c") == [(1, 2), (9, 12)]
    assert walk().spans_in("zzz") == []


def test_next_document_gives_its_first_place_forwards_and_last_backwards() -> None:
    w = walk()
    assert w.next_document("a", 1) == ("b", 3, 4)
    assert w.next_document("b", 1) == ("c", 1, 2)
    assert w.next_document("c", -1) == ("b", 3, 4)
    assert w.next_document("b", -1) == ("a", 20, 24)
    assert w.next_document("c", 1) is None
    assert w.next_document("a", -1) is None


def test_from_a_document_outside_the_walk_it_starts_at_either_end() -> None:
    w = walk()
    assert w.next_document("elsewhere", 1) == ("a", 5, 8)
    assert w.next_document("elsewhere", -1) == ("c", 9, 12)


def test_clear_empties_the_walk() -> None:
    w = walk()
    w.clear()
    assert not w
    assert w.layer is None
    assert w.next_document("a", 1) is None
