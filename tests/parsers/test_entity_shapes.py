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


def test_a_name_after_a_name_is_another_person_not_an_appositive_role() -> None:
    """A minister who once worked for the prime minister never carries the PM's id."""
    t = "Notes.\n\nFormer adviser to Prime Minister David Crane, Tom Hale, said the plan works.\n"
    ids = {e.text: e.id for e in ents(t) if e.type == "PERSON"}
    assert ids.get("David Crane") == "person:david-crane"
    assert ids.get("Tom Hale") == "person:tom-hale"
    # A role after a name is still that person.
    t = "Notes.\n\nTom Hale, the health minister, said the plan works.\n"
    assert all(e.id == "person:tom-hale" for e in ents(t) if e.type == "PERSON")


def test_another_given_name_before_a_known_surname_is_another_person() -> None:
    t = 'Notes.\n\nJohn Smith, the chairman, spoke, and Joan Smith, his rival, said: "No."\n'
    doc = parse_text(t, "t.txt")
    ids = {e.text: e.id for e in doc.entities if e.type == "PERSON"}
    assert ids.get("Joan Smith") == "person:joan-smith"
    assert ids.get("John Smith") == "person:john-smith"
    assert [q.entity_id for q in doc.quotes] == ["person:joan-smith"]


def test_the_minister_is_not_the_prime_minister_nor_a_deputy_the_chief() -> None:
    t = (
        "Notes.\n\nPrime Minister David Crane appointed Tom Hale on Monday. "
        "The Minister said the plan would work. Deputy Director Ann Vale met Director Lee Oakes. "
        "The Director spoke first.\n"
    )
    people = [e for e in ents(t) if e.type == "PERSON"]
    minister = [e for e in people if e.text == "The Minister"]
    assert minister and minister[0].id != "person:david-crane"
    director = [e for e in people if e.text == "The Director"]
    assert director and director[0].id == "person:lee-oakes"


def test_a_given_name_typed_alone_by_its_cue_joins_the_full_name() -> None:
    t = "Notes.\n\nKarim Sadiq runs the shop. Karim said prices would rise.\n"
    alone = [e for e in ents(t) if e.text == "Karim"]
    assert alone and all(e.id == "person:karim-sadiq" for e in alone)


def test_titles_are_kept_whole_and_a_portfolio_links_the_holder() -> None:
    t = "Notes.\n\nDeputy Secretary of State Anna Vell arrived on Monday.\n"
    assert ("Deputy Secretary of State Anna Vell", "PERSON") in typed(t)
    t = "Notes.\n\nThe Shadow Secretary of State for Health, Jane Doe, said the plan failed.\n"
    people = [e for e in ents(t) if e.type == "PERSON"]
    assert people and {e.id for e in people} == {"person:jane-doe"}


def test_mps_are_not_a_person() -> None:
    t = 'Notes.\n\nMPs said: "We will vote no." The vote was close, MPs said.\n'
    doc = parse_text(t, "t.txt")
    assert not [e for e in doc.entities if e.type == "PERSON"]


def test_heading_title_case_is_not_evidence_of_a_name() -> None:
    t = "General Election 2017: Party leaders clash\n\nThe campaign began on Monday.\n"
    assert not [e for e in ents(t) if e.type == "PERSON"]
    t = "Hillary Clinton Was Headed For A Win, Polls Said\n\nThe polls were wrong.\n"
    people = [e.text for e in ents(t) if e.type == "PERSON"]
    assert people == ["Hillary Clinton"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Shares in Zentrova rose on Monday.",
        "Zentrova owns three mills near the river.",
        "She is chief executive of Zentrova and lives nearby.",
        "Zentrova, the search company, said it would appeal.",
        "Zentrova said its profits rose.",
        "The Zentrova plc board met on Monday.",
    ],
)
def test_company_cues_make_an_organisation(sentence: str) -> None:
    assert ("Zentrova", "ORG") in typed(f"Notes.\n\n{sentence}\n")


def test_a_name_typed_once_by_its_context_keeps_its_type_in_the_document() -> None:
    t = "Notes.\n\nShares in Zentrova rose on Monday. Analysts expect Zentrova to grow.\n"
    found = [e for e in ents(t) if e.text == "Zentrova"]
    assert len(found) == 2 and {e.type for e in found} == {"ORG"}


def test_media_titles_are_whole_organisations() -> None:
    t = "Notes.\n\nThe report was first published in The New York Post on Monday.\n"
    assert ("The New York Post", "ORG") in typed(t)
    assert not any(e.text == "York Post" for e in ents(t))
    t = "Notes.\n\nShe reads The Daily Clarion and the Morning Gazette every day.\n"
    found = typed(t)
    assert ("The Daily Clarion", "ORG") in found and ("the Morning Gazette", "ORG") in found


def test_a_business_owner_is_a_person_not_a_company() -> None:
    t = "Notes.\n\nAngela Brunn, a small business owner, said the rules hurt.\n"
    assert ("Angela Brunn", "ORG") not in typed(t)
