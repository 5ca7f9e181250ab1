"""Character classes written as ranges match exactly the characters they were built from; word
lists written as prefix trees match as the lists do."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from parsers.charclass import alternation, char_class


def test_a_class_of_ranges_matches_exactly_its_characters() -> None:
    chars = "ABCDEFaxyz^]-\\[ÀÁÂ"  # runs, singles and the characters a class must escape
    pattern = re.compile(char_class(chars))
    assert char_class(chars).count("-") >= 2  # "A-F" and "À-Â" as ranges
    for c in map(chr, range(0x300)):
        assert bool(pattern.fullmatch(c)) == (c in chars), repr(c)


def test_the_upper_case_class_is_every_upper_case_letter() -> None:
    upper = [c for c in map(chr, range(0x2000)) if c.isupper()]
    pattern = re.compile(char_class(upper))
    assert all(pattern.fullmatch(c) for c in upper)
    assert not any(pattern.fullmatch(c) for c in "az1 _-ßé\u2000")


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="ab. ", min_size=1, max_size=5), min_size=1, max_size=12),
    st.text(alphabet="ab. c", max_size=40),
    st.sampled_from(["", "(?![ab])", "(?=c)", "(?= )", "b"]),
)
def test_alternation_matches_as_the_longest_first_list(
    words: list[str], text: str, after: str
) -> None:
    """The prefix tree matches what the words sorted longest first match, whatever follows
    (a look-ahead that fails sends both back to the next shorter word)."""
    flat = re.compile(
        "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")" + after
    )
    tree = re.compile(alternation(words) + after)
    for i in range(len(text) + 1):
        a, b = flat.match(text, i), tree.match(text, i)
        assert (a and a.span()) == (b and b.span()), (words, text, i)
