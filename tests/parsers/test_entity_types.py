"""Entity types on untuned news (issue 10): the general mistypings, each as a paragraph of the
same shape (written for these tests, not taken from any evaluation set)."""

from __future__ import annotations

import pytest

from parsers import parse_text
from parsers.model import EntityMention


def ents(text: str) -> list[EntityMention]:
    return parse_text(f"Notes.\n\n{text}\n", "t.txt").entities


def typed(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in ents(text)}


def texts(text: str) -> set[str]:
    return {e.text for e in ents(text)}


@pytest.mark.parametrize(
    ("paragraph", "person"),
    [
        ("Under Mrs. Hallam the department doubled its budget.", "Mrs. Hallam"),
        ("Under Chancellor Erik Vandt, Norland also sent ships.", "Chancellor Erik Vandt"),
        ("Since Mr. Oduya took over, exports have risen.", "Mr. Oduya"),
    ],
)
def test_a_sentence_initial_preposition_is_not_part_of_a_title(paragraph: str, person: str) -> None:
    found = typed(paragraph)
    assert (person, "PERSON") in found
    assert not any(t.startswith(("Under ", "Since ")) for t, _ in found)


def test_under_secretary_is_still_a_title() -> None:
    assert ("Under Secretary Tom Vale", "PERSON") in typed(
        "The talks were led by Under Secretary Tom Vale on Monday."
    )


@pytest.mark.parametrize(
    "paragraph",
    [
        'Everybody said the vote was fair, the mayor added. "Everyone said it was over."',
        "Ever since, Nobody has come forward, police said.",
    ],
)
def test_indefinite_pronouns_are_not_people(paragraph: str) -> None:
    assert not {t for t, _ in typed(paragraph)} & {"Everybody", "Everyone", "Ever", "Nobody"}


@pytest.mark.parametrize(
    ("paragraph", "word"),
    [
        ("The mayor said his critics knew little of Islam.", "Islam"),
        ("Her son embraced Judaism at university.", "Judaism"),
        ("The preacher urged the villagers to turn to Christianity.", "Christianity"),
        ("The police linked the attack to an Islamist cell in the port.", "Islamist"),
    ],
)
def test_religions_and_creeds_are_norp_not_people_or_places(paragraph: str, word: str) -> None:
    assert (word, "NORP") in typed(paragraph)


def test_an_abstract_noun_is_neither_a_person_nor_a_place() -> None:
    found = texts(
        "The survey measured Islamophobia among students, and critics said Brexitism was dead."
    )
    assert not found & {"Islamophobia", "Brexitism"}


@pytest.mark.parametrize(
    ("paragraph", "day"),
    [
        ("The strike began on Labor Day and ended a week later.", "Labor Day"),
        ("Parades were held on Armistice Day across the region.", "Armistice Day"),
        ("Shops stayed open until Christmas Eve this year.", "Christmas Eve"),
        ("Traffic fell sharply over Thanksgiving, officials said.", "Thanksgiving"),
        ("The ceasefire was meant to hold through Ramadan.", "Ramadan"),
        ("She won six states in the Super Tuesday contests.", "Super Tuesday"),
    ],
)
def test_holidays_are_dates(paragraph: str, day: str) -> None:
    assert (day, "DATE") in typed(paragraph)


@pytest.mark.parametrize(
    ("paragraph", "company"),
    [
        ("Stanmore Energy said on Monday that output would fall.", "Stanmore Energy"),
        ("Halvorsen Holdings said it would cut 300 jobs.", "Halvorsen Holdings"),
        ("Northwind Airlines and Ostrava Motors reported losses.", "Ostrava Motors"),
        ("The fund, Brightwell Partners, declined to comment.", "Brightwell Partners"),
    ],
)
def test_a_capitalised_word_and_a_company_head_is_an_organisation(
    paragraph: str, company: str
) -> None:
    assert (company, "ORG") in typed(paragraph)


def test_a_company_named_in_full_is_the_same_company_without_its_head() -> None:
    t = (
        "Roger Vane, founder of Quarrow Partners, spoke first. At Quarrow, staff expect a "
        "bonus. Analysts at Quarrow said the deal was sound."
    )
    found = [e for e in ents(t) if e.text == "Quarrow"]
    assert len(found) == 2
    assert {(e.type, e.id) for e in found} == {("ORG", "org:quarrow-partners")}


@pytest.mark.parametrize(
    ("paragraph", "title"),
    [
        ('He starred in the film "The Quiet Harbour" last year.', "The Quiet Harbour"),
        ("She wrote the book “Winter in Lisbon” after the war.", "Winter in Lisbon"),
        ("His novel The Long Road was a bestseller in Norland.", "The Long Road"),
        ("Her latest album, ‘Paris Nights’, topped the charts.", "Paris Nights"),
        ("A report entitled ''Ports After the Storm'' was published.", "Ports After the Storm"),
        (
            "It quoted a line from the film Night Harbour: The first rule is silence.",
            "Night Harbour",
        ),
    ],
)
def test_a_title_after_the_kind_of_work_is_one_work_of_art(paragraph: str, title: str) -> None:
    found = ents(paragraph)
    assert (title, "WORK_OF_ART") in {(e.text, e.type) for e in found}
    inside = [e for e in found if e.type != "WORK_OF_ART" and e.text in title]
    assert not inside  # "Lisbon" in the title is no place, "Harbour" no facility


@pytest.mark.parametrize(
    "paragraph",
    [
        "The book Tom Vale wrote in 1987 sold well.",  # a person after the kind noun
        "The author of the book, Anna Petrova, said it was true.",  # a comma and a name
        "The reports show Conservative Renewal spent millions.",  # "show" is a verb here
        "Asked about the episode, ''I do not remember it,'' she said.",  # a quote, not a title
    ],
)
def test_no_work_of_art_without_a_title(paragraph: str) -> None:
    assert not [e for e in ents(paragraph) if e.type == "WORK_OF_ART"]


def test_a_region_word_before_a_place_is_one_region_not_a_place_of_its_own() -> None:
    t = "Troops advanced in Northern Norland and held ground in East Varsk, near Ar Ramadi."
    found = ents(t)
    assert not {"Northern", "East", "Ar"} & {e.text for e in found}
    ramadi = [e for e in found if e.text == "Ar Ramadi"]
    assert ramadi and ramadi[0].id == "gpe:ramadi"  # the article changes only the span


def test_a_region_word_before_a_listed_country_nests_the_country() -> None:
    found = typed("Fighting spread across Western Kenya and Northern Mali last week.")
    assert {("Western Kenya", "LOC"), ("Northern Mali", "LOC"), ("Mali", "GPE")} <= found


def test_the_south_and_the_west_are_regions_not_countries() -> None:
    found = typed("Her party gained seats across the South. Critics in the West were unmoved.")
    assert {("South", "LOC"), ("West", "LOC")} <= found


def test_a_company_short_form_that_is_a_persons_name_stays_a_person() -> None:
    t = "Tony Marlo founded Marlo Group in 1990. Marlo said his firm was paid."
    marlo = [e for e in ents(t) if e.text == "Marlo"]
    assert marlo and all(e.type == "PERSON" for e in marlo)


def test_a_title_case_headline_is_not_one_organisation() -> None:
    t = "Port Group Says It Will Sell Its Stake In Brightwater Energy\n\nThe sale is today."
    assert not [e for e in ents(t) if " Will " in e.text]


def test_a_name_typed_a_company_by_one_cue_is_a_company_everywhere_in_the_document() -> None:
    t = (
        "Shares in Zentrova rose on Monday, and analysts said Zentrova would expand. "
        "At Zentrova, staff cheered the news."
    )
    found = [e for e in ents(t) if e.text == "Zentrova"]
    assert len(found) == 3
    assert {(e.type, e.id) for e in found} == {("ORG", "org:zentrova")}


def test_a_region_adjective_alone_or_before_a_name_is_no_region() -> None:
    found = texts("Funds went to the Central Asian Rail fund and to the Western powers.")
    assert not found & {"Central", "Western"}


def test_a_name_with_new_inside_is_not_a_headline() -> None:
    found = typed("She studied at Western New Sheffield College in the spring.")
    assert ("Western New Sheffield College", "ORG") in found


@pytest.mark.parametrize(
    ("paragraph", "person"),
    [
        ("Conservative MP Tom Vale said the bill was flawed.", "Tom Vale"),
        ("Labour MP Charles H. Keeling IV died at sea.", "Charles H. Keeling IV"),
        ("Acme CEO Tim Rourke defended the plan on Monday.", "Tim Rourke"),
        ("Harbour Pilot 1st Class Charles H. Keeling IV died at sea.", "Charles H. Keeling IV"),
        ("Airman First Class Tom Vale was wounded.", "Tom Vale"),
    ],
)
def test_a_given_name_and_surname_after_a_role_is_a_person(paragraph: str, person: str) -> None:
    assert (person, "PERSON") in typed(paragraph)


def test_a_surname_alone_after_a_name_with_a_suffix_is_that_person() -> None:
    t = "Labour MP Charles H. Keeling IV died at sea. Keeling was 31."
    ids = {e.text: e.id for e in ents(t) if e.type == "PERSON"}
    assert ids.get("Keeling") == ids.get("Charles H. Keeling IV") is not None


def test_king_after_a_given_name_is_a_surname_not_a_title() -> None:
    found = typed("Tom King Jr. spoke in the city. Stephen King wrote the book.")
    assert {("Tom King Jr.", "PERSON"), ("Stephen King", "PERSON")} <= found
    assert ("Jr.", "PERSON") not in found


def test_an_organisation_written_as_one_word_is_the_same_organisation() -> None:
    t = (
        "The broadcaster Vista News said on Monday it would appeal. Later, VistaNews said the "
        "ruling was wrong. Analysts at VistaNews agreed."
    )
    found = [e for e in ents(t) if e.text == "VistaNews"]
    assert len(found) == 2
    assert {(e.type, e.id) for e in found} == {("ORG", "org:vista-news")}


@pytest.mark.parametrize("subject", ["Health", "Transport", "Education", "Housing"])
def test_the_subject_of_an_office_is_no_person(subject: str) -> None:
    t = f"The Shadow Secretary of State for {subject} said the plan had failed."
    assert (subject, "PERSON") not in typed(t)


def test_party_adjectives_are_the_partys_group_not_places() -> None:
    found = {(e.text, e.type, e.id) for e in ents("She won the Democratic caucuses in the spring.")}
    assert ("Democratic", "NORP", "org:democratic-party") in found


def test_a_department_after_a_judges_title_is_a_body() -> None:
    found = typed("His Justice Department declined to act, aides said.")
    assert ("Justice Department", "ORG") in found
    assert not [t for t, ty in found if ty == "PERSON"]


def test_a_plural_group_of_people_opening_a_sentence_is_no_person() -> None:
    found = texts("Aides said the president was tired. Others said he was fine.")
    assert not found & {"Aides", "Others"}


def test_a_bodys_head_alone_is_no_place_and_a_month_alone_is_a_date() -> None:
    found = typed("He served in the House for years before the November election.")
    assert ("House", "GPE") not in found
    assert ("November", "DATE") in found


def test_an_arabic_article_inside_a_place_name_keeps_it_whole() -> None:
    found = texts("Strikes hit targets near Tell az Zahra and Kafr ash Shams on Friday.")
    assert {"Tell az Zahra", "Kafr ash Shams"} <= found


def test_a_demonym_after_al_in_a_name_is_part_of_the_name() -> None:
    found = typed("On Monday, Abu Talha al-Yemeni fled and Khalid al-Iraqi was held.")
    assert {("Abu Talha al-Yemeni", "PERSON"), ("Khalid al-Iraqi", "PERSON")} <= found
    assert ("Yemeni", "NORP") not in found
