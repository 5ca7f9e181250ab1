"""Names in other languages' shapes (issue 10: Arabic names and groups never found). Sentences
written for these tests, not taken from any evaluation set."""

from __future__ import annotations

import pytest

from parsers import parse_text


def typed(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in parse_text(f"Notes.\n\n{text}\n", "t.txt").entities}


@pytest.mark.parametrize(
    ("paragraph", "group"),
    [
        ("Fighters of Jaish al-Nasr held the ridge.", "Jaish al-Nasr"),
        ("Later, Liwa al-Qadisiya withdrew.", "Liwa al-Qadisiya"),
        ("Talks with Harakat al-Islah failed.", "Harakat al-Islah"),
        ("The Hizb al-Watan won two seats.", "Hizb al-Watan"),
    ],
)
def test_a_run_opened_by_an_arabic_word_for_a_body_is_an_organisation(
    paragraph: str, group: str
) -> None:
    assert (group, "ORG") in typed(paragraph)


def test_a_listed_name_keeps_its_own_id() -> None:
    text = "Notes.\n\nKataib Hezbollah denied it. Later, Kata'ib Hezbollah left.\n"
    ids = {e.text: e.id for e in parse_text(text, "t.txt").entities if e.type == "ORG"}
    assert ids["Kataib Hezbollah"] == ids["Kata'ib Hezbollah"]


@pytest.mark.parametrize(
    ("paragraph", "person", "surname"),
    [
        (
            "The unit was founded by Zahir Hamdani in 2011. Hamdani fled.",
            "Zahir Hamdani",
            "Hamdani",
        ),
        ("Aid was sent by Qusay Barakat last week. Barakat denied it.", "Qusay Barakat", "Barakat"),
    ],
)
def test_an_arabic_given_name_makes_a_person_and_the_surname_repeats(
    paragraph: str, person: str, surname: str
) -> None:
    found = typed(paragraph)
    assert (person, "PERSON") in found
    assert (surname, "PERSON") in found
