"""Re-anchoring: notes follow their passage through edits, or are orphaned, never misplaced."""

from __future__ import annotations

import pytest
from conftest import SEED_A
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.notes.anchoring import CONTEXT, content_hash, make_anchor, resolve, resolve_all

TEXT = SEED_A.read_text(encoding="utf-8")
PASSAGE = (
    "The proposals are said to focus on air defense systems, measures to secure Ukrainian "
    "airspace, and potential steps toward establishing a no-fly zone."
)


def _anchor(text: str = TEXT, passage: str = PASSAGE):  # type: ignore[no-untyped-def]
    start = text.index(passage)
    return make_anchor("doc.txt", text, start, start + len(passage))


def test_anchor_keeps_quote_position_and_32_characters_of_context() -> None:
    a = _anchor()
    assert a.exact == PASSAGE
    assert len(a.prefix) == CONTEXT and len(a.suffix) == CONTEXT
    assert TEXT[a.start - CONTEXT : a.start] == a.prefix
    assert TEXT[a.end : a.end + CONTEXT] == a.suffix
    assert a.content_hash == content_hash(TEXT)


def test_anchor_at_the_very_start_has_a_short_prefix() -> None:
    a = make_anchor("d", "Hello world, again.", 0, 5)
    assert a.prefix == "" and a.suffix == " world, again."


@pytest.mark.parametrize("span", [(3, 3), (-1, 4), (0, 10_000), (5, 2)])
def test_empty_or_outside_spans_are_refused(span: tuple[int, int]) -> None:
    with pytest.raises(ValueError):
        make_anchor("d", TEXT, *span)


def test_unchanged_text_keeps_the_stored_position() -> None:
    a = _anchor()
    res = resolve(a, TEXT, content_hash(TEXT))
    assert (res.method, res.start, res.end) == ("position", a.start, a.end)


def test_text_inserted_before_the_passage_moves_the_note_to_the_same_words() -> None:
    a = _anchor()
    edited = "A new opening paragraph the editor added.\n" * 3 + TEXT
    res = resolve(a, edited)
    assert res.method == "exact"
    assert res.start == a.start + len(edited) - len(TEXT)
    assert edited[res.start : res.end] == PASSAGE


def test_text_inserted_inside_the_passage_is_found_fuzzily_and_covers_the_new_words() -> None:
    a = _anchor()
    edited = TEXT.replace("focus on air defense", "focus chiefly on integrated air defense")
    res = resolve(a, edited)
    assert res.method == "fuzzy"
    found = edited[res.start : res.end]
    assert found.startswith("The proposals are said")
    assert found.endswith("no-fly zone.")
    assert "chiefly on integrated air defense" in found


def test_deleted_passage_is_orphaned_not_attached_elsewhere() -> None:
    a = _anchor()
    edited = TEXT.replace(PASSAGE + " ", "")
    assert PASSAGE not in edited
    res = resolve(a, edited)
    assert res.orphaned


def test_rewritten_passage_is_orphaned() -> None:
    a = _anchor()
    edited = TEXT.replace(PASSAGE, "Officials declined to describe what the proposals contain.")
    assert resolve(a, edited).orphaned


def test_duplicate_text_resolves_to_the_copy_with_matching_context() -> None:
    text = (
        "Intro line about the budget.\nThe minister said the plan was ready. Then she left.\n"
        "Unrelated filler text goes here and there.\n"
        "Later: The minister said the plan was ready. Nobody believed it.\n"
    )
    second = text.rindex("The minister said")
    a = make_anchor("d", text, second, second + len("The minister said the plan was ready."))
    edited = "Preface.\n" + text
    res = resolve(a, edited)
    assert res.method == "exact"
    assert res.start == second + len("Preface.\n")


def test_short_passage_that_lost_its_context_is_orphaned_not_guessed() -> None:
    start = TEXT.index("Ukraine")
    a = make_anchor("d", TEXT, start, start + len("Ukraine"))
    other = "Ukraine was mentioned in a completely different document about grain exports."
    assert resolve(a, other).orphaned


WORDS = st.sampled_from(
    [
        "the",
        "minister",
        "said",
        "that",
        "air",
        "defense",
        "patriot",
        "systems",
        "would",
        "arrive",
        "in",
        "march",
        "after",
        "talks",
        "with",
        "allies",
        "brussels",
        "and",
        "kyiv",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(WORDS, min_size=40, max_size=120),
    span=st.tuples(st.integers(0, 10_000), st.integers(5, 60)),
    insert=st.text(alphabet="abcdefghij XYZ.\n", min_size=1, max_size=200),
    where=st.integers(0, 10_000),
)
def test_insertions_away_from_the_passage_never_misplace_it(
    words: list[str], span: tuple[int, int], insert: str, where: int
) -> None:
    text = " ".join(words)
    start = span[0] % (len(text) - 5)
    end = min(len(text), start + span[1])
    a = make_anchor("d", text, start, end)
    # Insert outside the passage and its context, so the exact text is still there.
    before = where % (max(1, start - CONTEXT) + 1) if start > CONTEXT else None
    if before is not None and where % 2:
        edited = text[:before] + insert + text[before:]
    elif end + CONTEXT < len(text):
        after = end + CONTEXT + where % (len(text) - end - CONTEXT + 1)
        edited = text[:after] + insert + text[after:]
    else:
        edited = text + insert
    res = resolve(a, edited)
    assert not res.orphaned
    assert edited[res.start : res.end] == a.exact


BOILER = "No further details were given."


def _repetitive() -> tuple[str, list[int]]:
    """Paragraphs that each end with the same boilerplate sentence (as wire copy does)."""
    topics = [
        ("budget", "Brussels", "ended without a deal"),
        ("arms", "Kyiv", "went on late into the night"),
        ("grain", "Ankara", "were postponed to March"),
        ("energy", "Oslo", "produced a joint statement"),
        ("border", "Vilnius", "broke up after an hour"),
        ("debt", "Rome", "moved to a smaller room"),
        ("trade", "Tokyo", "drew a crowd of protesters"),
        ("water", "Cairo", "closed with a dinner"),
    ]
    paras = [
        f"Report {i}: talks on {w} in {c} {how}. {BOILER}" for i, (w, c, how) in enumerate(topics)
    ]
    text = "\n\n".join(paras)
    starts = []
    i = text.find(BOILER)
    while i != -1:
        starts.append(i)
        i = text.find(BOILER, i + 1)
    return text, starts


def test_repeated_sentences_keep_their_own_copy_when_a_neighbour_changes() -> None:
    text, starts = _repetitive()
    anchors = [make_anchor("d", text, s, s + len(BOILER)) for s in starts]
    anchors.append(make_anchor("d", text, text.index("Report 4"), text.index("Report 4") + 8))
    # A paragraph added on top, and the boilerplate's own paragraph 4 reworded before it.
    edited = "Editor's note: updated.\n\n" + text.replace(
        "talks on border in Vilnius broke up after an hour.",
        "talks on the border in Vilnius ended abruptly at midnight, officials said.",
    )
    results = resolve_all(anchors, edited)
    now = [i for i in range(len(edited)) if edited.startswith(BOILER, i)]
    assert len(now) == len(starts)
    for want, r in zip(now, results[:-1], strict=True):
        assert not r.orphaned
        assert r.start == want  # its own copy, not a neighbour's
    assert edited[results[-1].start : results[-1].end] == "Report 4"


def test_deleted_repeated_sentence_is_orphaned_not_moved_to_another_copy() -> None:
    text, starts = _repetitive()
    third = starts[3]
    anchor = make_anchor("d", text, third, third + len(BOILER))
    para_start = text.rfind("\n\n", 0, third) + 2
    para_end = third + len(BOILER)
    edited = text[:para_start] + "Report 3 was withdrawn." + text[para_end:]
    assert edited.count(BOILER) == len(starts) - 1
    assert resolve(anchor, edited).orphaned
    assert resolve_all([anchor], edited)[0].orphaned
