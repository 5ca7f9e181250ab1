"""Military units are named whole (issue 10): the ordinal, the number after a task force, and a
smaller unit named within the larger. Sentences written for these tests, not taken from any
evaluation set."""

from __future__ import annotations

import pytest

from parsers import parse_text


def typed(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in parse_text(f"Notes.\n\n{text}\n", "t.txt").entities}


@pytest.mark.parametrize(
    ("paragraph", "unit"),
    [
        ("Medics from 6th Mountain Brigade reached the pass.", "6th Mountain Brigade"),
        ("Pilots of 41st Air Wing flew at night.", "41st Air Wing"),
        ("Later, Task Force 61 sailed south.", "Task Force 61"),
        ("Men of 12th Ranger Group rested.", "12th Ranger Group"),
    ],
)
def test_a_unit_keeps_its_ordinal_or_number(paragraph: str, unit: str) -> None:
    found = typed(paragraph)
    assert (unit, "ORG") in found


def test_a_smaller_unit_within_a_larger_is_one_name_with_the_larger_nested() -> None:
    found = typed("Soldiers of 4th Battalion, 27th Rifle Regiment crossed the river.")
    assert ("4th Battalion, 27th Rifle Regiment", "ORG") in found
    assert ("27th Rifle Regiment", "ORG") in found
    assert ("4th Battalion", "ORG") not in found


def test_an_acronym_unit_keeps_its_ordinal() -> None:
    found = typed("The 41st Air Wing (AW) flew. Later, 41st AW flew again.")
    assert ("41st AW", "ORG") in found


def test_two_bodies_in_a_list_are_not_one_unit() -> None:
    found = typed("Delegates of the Water Council, the Energy Ministry and others met.")
    assert not any(", " in text for text, _ in found)


def test_a_number_that_counts_is_not_part_of_a_unit() -> None:
    found = typed("The Air Force 12% budget rise was approved.")
    assert not any(text.endswith("12") for text, _ in found)
