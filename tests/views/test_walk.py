"""The order of the n/N walk across documents and where a step lands, without a terminal."""

from __future__ import annotations

from tui.views.walk import Step, Walk


def walk() -> Walk:
    w = Walk()
    # Given out of order within a document: the walk sorts each document's places.
    w.set("search", [("a", 20, 24), ("a", 5, 8), ("b", 3, 4), ("c", 9, 12), ("c", 1, 2)])
    return w


def test_documents_in_walking_order_each_once_places_by_offset() -> None:
    w = walk()
    assert w.documents() == ["a", "b", "c"]
    assert w.spans_in("a") == [(5, 8), (20, 24)]
    assert w.spans_in("zzz") == []
    assert len(w) == 5
    assert w.index_of(("b", 3, 4)) == 2


def test_a_step_starts_from_the_cursor() -> None:
    w = walk()
    # From the top of "a" the first place is next; from between places, the one after.
    assert w.step_from("a", 0, 1, at_place=False) == Step(0, False)
    assert w.step_from("a", 10, 1, at_place=False) == Step(1, False)
    assert w.step_from("a", 10, -1, at_place=False) == Step(0, False)
    # A place right at the cursor counts, unless the cursor is on the place last stepped to.
    assert w.step_from("a", 5, 1, at_place=False) == Step(0, False)
    assert w.step_from("a", 5, 1, at_place=True) == Step(1, False)
    # Past the last place of a document: the next document's first.
    assert w.step_from("a", 30, 1, at_place=False) == Step(2, False)
    assert w.step_from("c", 0, -1, at_place=False) == Step(2, False)


def test_stepping_past_either_end_wraps_and_says_so() -> None:
    w = walk()
    assert w.step_from("c", 9, 1, at_place=True) == Step(0, True)
    assert w.step_from("a", 5, -1, at_place=True) == Step(4, True)


def test_from_a_document_outside_the_walk_it_starts_at_either_end() -> None:
    w = walk()
    assert w.step_from("elsewhere", 0, 1, at_place=False) == Step(0, False)
    assert w.step_from("elsewhere", 0, -1, at_place=False) == Step(4, False)
    assert w.step_from(None, 0, 1, at_place=False) == Step(0, False)


def test_clear_empties_the_walk() -> None:
    w = walk()
    w.clear()
    assert not w
    assert w.layer is None
    assert w.step_from("a", 0, 1, at_place=False) is None
