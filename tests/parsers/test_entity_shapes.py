"""Entity shapes from untuned news (issue 10): groups of people, given names, shared surnames."""

from __future__ import annotations

import pytest

from parsers import parse_text
from parsers.model import EntityMention


def ents(text: str) -> list[EntityMention]:
    return parse_text(text, "t.txt").entities


def typed(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in ents(text)}


@pytest.mark.parametrize(
    ("sentence", "word"),
    [
        ("The council met Sunni leaders on Tuesday.", "Sunni"),
        ("The council met Shia clerics on Tuesday.", "Shia"),
        ("Kurdish fighters held the ridge on Tuesday.", "Kurdish"),
        ("The Yazidi community gathered on Tuesday.", "Yazidi"),
        ("The leaflets were printed in Arabic on Tuesday.", "Arabic"),
        ("Muslim and Christian groups prayed together on Tuesday.", "Muslim"),
        ("The Uyghur language is banned in the camp, the report says.", "Uyghur"),
    ],
)
def test_religions_ethnic_groups_and_languages_are_norp(sentence: str, word: str) -> None:
    # (a plural, "the Sunnis", is a group of people: ORG, as "the Iraqis" is)
    assert (word, "NORP") in typed(f"Notes.\n\n{sentence}\n")


def test_a_given_name_alone_after_the_full_name_is_the_same_person() -> None:
    t = "Notes.\n\nLocal elder Karim Sadiq met the mayor. Later Karim spoke to the crowd.\n"
    people = [e for e in ents(t) if e.type == "PERSON"]
    alone = [e for e in people if e.text == "Karim"]
    assert alone and alone[0].id == "person:karim-sadiq"


def test_two_people_with_one_surname_are_never_merged() -> None:
    t = (
        "Notes.\n\n"
        "Prime Minister John Marsh spoke first. Energy Minister Tom Marsh, who once worked for "
        "John Marsh, spoke next. Tom Marsh said the plan was sound, and Marsh left early.\n"
    )
    people = [e for e in ents(t) if e.type == "PERSON"]
    ids = {e.text: e.id for e in people}
    assert ids.get("John Marsh") == "person:john-marsh"
    assert ids.get("Tom Marsh") == "person:tom-marsh"
    last = [e for e in people if e.text == "Marsh"]
    assert last and last[-1].id == "person:tom-marsh"  # the nearest full name before it
