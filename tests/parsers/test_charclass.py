"""Character classes written as ranges match exactly the characters they were built from."""

from __future__ import annotations

import re

from parsers.charclass import char_class


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
