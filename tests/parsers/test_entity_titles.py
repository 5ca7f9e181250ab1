"""A title is kept whole, with the nationality, country or body that qualifies it and its
article (issue 10). Sentences written for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from parsers import parse_text


def typed(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in parse_text(f"Notes.\n\n{text}\n", "t.txt").entities}


@pytest.mark.parametrize(
    ("paragraph", "person", "inside"),
    [
        (
            "Chilean Foreign Minister Ana Prieto flew home.",
            "Chilean Foreign Minister Ana Prieto",
            "Chilean",
        ),
        (
            "Peru Defence Minister Luis Ortega spoke first.",
            "Peru Defence Minister Luis Ortega",
            "Peru",
        ),
        ("The Home Secretary Jane Roe replied.", "The Home Secretary Jane Roe", None),
        ("NATO Secretary General Karl Boden arrived.", "NATO Secretary General Karl Boden", "NATO"),
    ],
)
def test_a_title_is_kept_whole_with_its_qualifier(
    paragraph: str, person: str, inside: str | None
) -> None:
    found = typed(paragraph)
    assert (person, "PERSON") in found
    if inside is not None:
        assert any(text == inside and kind != "PERSON" for text, kind in found)


def test_a_senior_rank_keeps_its_modifier() -> None:
    found = typed("Senior Chief Petty Officer Dan Hale was hurt.")
    assert ("Senior Chief Petty Officer Dan Hale", "PERSON") in found


def test_a_body_before_a_clause_is_no_qualifier() -> None:
    # "in" before the title: a preposition, and the country stays out of the person.
    found = typed("Talks in Peru, President Ana Prieto said, went well.")
    assert ("President Ana Prieto", "PERSON") in found


@pytest.mark.parametrize(
    ("paragraph", "person", "name"),
    [
        (
            "Later, Special Envoy for Chile Henrik Dalen arrived.",
            "Special Envoy for Chile Henrik Dalen",
            "Henrik Dalen",
        ),
        (
            "Assistant Secretary of Defense for Fleet Readiness Maria Ortiz replied.",
            "Assistant Secretary of Defense for Fleet Readiness Maria Ortiz",
            "Maria Ortiz",
        ),
    ],
)
def test_a_title_that_names_its_domain_is_kept_whole(
    paragraph: str, person: str, name: str
) -> None:
    found = typed(paragraph)
    assert (person, "PERSON") in found
    assert (name, "PERSON") in found


def test_a_domain_without_a_name_after_it_is_no_person() -> None:
    found = typed("The Special Envoy for Chile Affairs Office closed.")
    assert not any(kind == "PERSON" and "Office" in text for text, kind in found)
