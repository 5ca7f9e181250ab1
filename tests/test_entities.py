"""Entity extraction: exact expectations on the seeds, ids across spellings and documents,
the domain's disambiguation cases, the user's gazetteer, and offsets that always hold."""

from __future__ import annotations

import pytest
from conftest import SEED_A, SEED_B
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_file, parse_text
from parsers.entities import (
    GazetteerEntry,
    extract_entities,
    fold,
    link_quote_speakers,
    make_id,
    parse_gazetteer,
    slug,
)
from parsers.model import Document, EntityMention, Quote


def ents(text: str, extra: tuple[GazetteerEntry, ...] = ()) -> list[EntityMention]:
    doc = Document(path="t.txt", title="", text=text)
    return extract_entities(doc, extra)


def typed(text: str) -> set[tuple[str, str, str]]:
    """(surface, type, id) of every mention."""
    return {(m.text, m.type, m.id) for m in ents(text)}


def ids_of(mentions: list[EntityMention], *types: str) -> set[str]:
    return {m.id for m in mentions if m.type in types}


@pytest.fixture(scope="module")
def seed_a() -> Document:
    return parse_file(SEED_A)


@pytest.fixture(scope="module")
def seed_b() -> Document:
    return parse_file(SEED_B)


# -- the seeds, exactly -----------------------------------------------------------------------

def test_seed_b_people_exactly(seed_b: Document) -> None:
    assert ids_of(seed_b.entities, "PERSON") == {
        "person:donald-trump", "person:vladimir-putin", "person:veronika-stromsikova",
        "person:mark-rutte", "person:pal-jonson", "person:emmanuel-macron",
        "person:alexander-stubb",
    }
    names = {m.id: m.name for m in seed_b.entities if m.type == "PERSON"}
    assert names["person:pal-jonson"] == "Pål Jonson"
    assert names["person:veronika-stromsikova"] == "Veronika Stromšíková"


def test_seed_b_countries_organisations_systems_sums_exactly(seed_b: Document) -> None:
    countries = {m.id for m in seed_b.entities if m.id.startswith("gpe:")}
    assert countries == {
        "gpe:united-states", "gpe:ukraine", "gpe:united-kingdom", "gpe:france", "gpe:russia",
        "gpe:czech-republic", "gpe:germany", "gpe:italy", "gpe:china", "gpe:finland",
        "gpe:sweden", "gpe:prague",
    }
    assert {m.id for m in seed_b.entities if m.id.startswith("org:")} == {
        "org:nato", "org:international-institute-for-strategic-studies", "org:eurosam",
        "org:unn", "org:bloomberg", "org:coalition-of-the-willing",
        "org:ministry-of-foreign-affairs",
    }
    assert ids_of(seed_b.entities, "WEAPON") == {"weapon:patriot", "weapon:samp-t"}
    money = {(m.text, m.id) for m in seed_b.entities if m.type == "MONEY"}
    assert ("$1 trillion", "money:usd-1000000000000") in money
    assert ("$4.8 billion", "money:usd-4800000000") in money
    assert {m.text for m in seed_b.entities if m.type == "MONEY"} == {
        "$1 trillion", "$4.8 billion", "hundreds of millions of dollars"}
    # The glued first line's date is a date, not part of a name.
    assert any(m.type == "DATE" and m.id == "date:2025-09-06" for m in seed_b.entities)


def test_seed_b_spellings_share_ids(seed_b: Document) -> None:
    spellings: dict[str, set[str]] = {}
    for m in seed_b.entities:
        spellings.setdefault(m.id, set()).add(m.text)
    assert {"Putin", "Vladimir Putin"} <= spellings["person:vladimir-putin"]
    assert "Trump" in spellings["person:donald-trump"]
    assert {"the IISS", "the International Institute for Strategic Studies"} <= spellings[
        "org:international-institute-for-strategic-studies"]
    assert {"US", "American"} <= spellings["gpe:united-states"]
    assert {"Stromšíková", "Veronika Stromšíková"} <= spellings["person:veronika-stromsikova"]
    assert {"Patriot", "Patriots"} <= spellings["weapon:patriot"]
    # "Swedish Defense Minister Pål Jonson": the nationality links to Sweden, the person
    # mention carries the title, the name does not.
    jonson = [m for m in seed_b.entities if m.id == "person:pal-jonson"]
    assert jonson[0].text == "Defense Minister Pål Jonson"
    assert any(m.text == "Swedish" and m.type == "NORP" and m.id == "gpe:sweden"
               for m in seed_b.entities)


def test_seed_a_countries_and_organisations_exactly(seed_a: Document) -> None:
    assert {m.id for m in seed_a.entities if m.id.startswith("gpe:")} == {
        "gpe:united-states", "gpe:finland", "gpe:france", "gpe:germany", "gpe:italy",
        "gpe:united-kingdom", "gpe:ukraine", "gpe:russia", "gpe:kyiv", "gpe:vilnius",
    }
    assert {m.id for m in seed_a.entities if m.id.startswith("org:")} == {"org:nato"}
    assert ids_of(seed_a.entities, "PERSON") == set()
    assert any(m.id == "loc:europe" for m in seed_a.entities)


def test_alias_merging_across_the_seeds(seed_a: Document, seed_b: Document) -> None:
    a_ids = {m.id for m in seed_a.entities}
    b_ids = {m.id for m in seed_b.entities}
    for shared in ("gpe:united-states", "org:nato", "loc:europe", "gpe:ukraine", "gpe:russia"):
        assert shared in a_ids and shared in b_ids, shared
    # Seed A writes "US", "United States" and "U.S."; seed B "US" and "American".
    a_us = {m.text for m in seed_a.entities if m.id == "gpe:united-states"}
    assert {"US", "U.S. ground troops"} <= a_us
    assert any("United States" in t for t in a_us)
    # Trump and Putin: one id whatever the spelling, in any document.
    other = parse_text("Title\nPutin met Trump. Vladimir Putin spoke to President Donald Trump.")
    assert ids_of(other.entities, "PERSON") == {"person:vladimir-putin", "person:donald-trump"}


def test_quote_speakers_link_to_people(seed_b: Document) -> None:
    linked = {q.entity_id for q in seed_b.quotes if q.entity_id}
    # Whatever the quotes helper resolves, every resolved named speaker gets a PERSON id.
    for q in seed_b.quotes:
        if q.speaker in ("Pål Jonson", "Veronika Stromšíková"):
            assert q.entity_id in ("person:pal-jonson", "person:veronika-stromsikova")
    assert linked <= {m.id for m in seed_b.entities}


def test_speaker_span_becomes_a_person_mention() -> None:
    text = "“We will hold,” said Oksana Hrytsenko-Vavilova, a logistics chief."
    doc = Document(path="q.txt", title="", text=text)
    s = text.index("Oksana")
    e = text.index(",", s)
    doc.quotes = [Quote(0, text.index("”") + 1, "“We will hold,”",
                        speaker="Oksana Hrytsenko-Vavilova", speaker_start=s, speaker_end=e)]
    mentions = link_quote_speakers(doc, [])
    assert [(m.text, m.type) for m in mentions] == [("Oksana Hrytsenko-Vavilova", "PERSON")]
    assert doc.quotes[0].entity_id == "person:oksana-hrytsenko-vavilova"
    # A pronoun speaker is no mention.
    doc.quotes = [Quote(0, 5, "x", speaker=None, speaker_start=0, speaker_end=2)]
    doc.text = "He said so."
    assert link_quote_speakers(doc, []) == []


# -- ids ----------------------------------------------------------------------------------------

def test_ids_fold_diacritics() -> None:
    assert fold("Stromšíková") == fold("Stromsikova") == "stromsikova"
    assert make_id("PERSON", "Pål Jonson") == "person:pal-jonson"
    assert slug("SAMP/T") == "samp-t"
    a = ents("Veronika Stromšíková said so.")
    b = ents("Veronika Stromsikova said so.")
    assert ids_of(a, "PERSON") == ids_of(b, "PERSON") == {"person:veronika-stromsikova"}


def test_surname_resolves_to_full_name_seen_in_the_document() -> None:
    text = ("Defence Secretary Hannelore Quistgaard visited the base. Later, Quistgaard said "
            "the line would hold. Quistgaard's aide agreed.")
    people = [(m.text, m.id) for m in ents(text) if m.type == "PERSON"]
    assert ("Quistgaard", "person:hannelore-quistgaard") in people
    assert sum(1 for _, i in people if i == "person:hannelore-quistgaard") == 3


def test_us_spellings_share_one_id() -> None:
    found = ents("The US, the U.S. and the United States of America agree; American jets flew.")
    assert {m.id for m in found if m.type in ("GPE", "NORP", "ORG")} == {"gpe:united-states"}
    assert any(m.type == "NORP" and m.text == "American" for m in found) or any(
        m.text.startswith("American") for m in found)


# -- disambiguation -----------------------------------------------------------------------------

def test_patriot_system_versus_a_patriot() -> None:
    assert ("Patriot", "WEAPON", "weapon:patriot") in typed(
        "Germany sent two Patriot batteries to Poland.")
    assert not any(m.type == "WEAPON" for m in ents("He was a patriot who loved his town."))
    assert not any(m.type == "WEAPON" for m in ents("He called himself a Patriot at the fair."))


def test_jordan_country_versus_person() -> None:
    assert ("Jordan", "GPE", "gpe:jordan") in typed("The minister flew to Jordan on Monday.")
    people = typed("Michael Jordan said the match was over.")
    assert ("Michael Jordan", "PERSON", "person:michael-jordan") in people
    assert not any(t == "GPE" for _, t, _ in people)
    later = typed("Coach Michael Jordan arrived. Jordan said the team was ready.")
    assert ("Jordan", "PERSON", "person:michael-jordan") in later


def test_us_versus_us() -> None:
    assert not ents("Let us go and tell them what happened to us.")
    assert ("US", "GPE", "gpe:united-states") in typed("The US sent aid.") or any(
        m.id == "gpe:united-states" for m in ents("The US sent aid."))
    # A shouted headline is not the country.
    assert not any(m.id == "gpe:united-states" for m in ents("LET US PRAY FOR PEACE"))


def test_turkey_country_versus_bird() -> None:
    assert ("Turkey", "GPE", "gpe:turkey") in typed("Talks with Turkey resumed in Ankara.")
    assert not ents("We ate turkey and potatoes.")


def test_capitalised_sentence_start_is_not_a_name() -> None:
    found = ents("However, the talks failed. Officials said nothing. Analysts note the risk.")
    assert found == []


def test_titles_introduce_people_and_ranks_stay_outside() -> None:
    found = {(m.text, m.type) for m in ents(
        "Gen. Erik Lindqvist met Foreign Secretary Amara Okonkwo-Bell in Kyiv.")}
    assert ("Erik Lindqvist", "PERSON") in found
    assert ("Foreign Secretary Amara Okonkwo-Bell", "PERSON") in found
    assert ("Kyiv", "GPE") in found


def test_unknown_organisations_by_head_word() -> None:
    found = {(m.text, m.type) for m in ents(
        "Officials at the Moldovan Border Police Agency met the Ministry of Digital Affairs.")}
    assert ("Moldovan Border Police Agency", "ORG") in found or any(
        t == "ORG" and "Border Police Agency" in s for s, t in found)
    assert any(t == "ORG" and s.endswith("Ministry of Digital Affairs") for s, t in found)


def test_daesh_isis_isil_one_id() -> None:
    assert ids_of(ents("Daesh, also called ISIS or ISIL, lost ground."), "ORG") == {
        "org:islamic-state"}


def test_weapons_and_ships() -> None:
    found = typed("Typhoon jets and an F-35 escorted HMS Prince of Wales; HIMARS and ATACMS "
                  "followed, with Storm Shadow and IRIS-T.")
    wids = {i for _, t, i in found if t == "WEAPON"}
    assert {"weapon:eurofighter-typhoon", "weapon:f-35", "weapon:himars", "weapon:atacms",
            "weapon:storm-shadow", "weapon:iris-t"} <= wids
    assert any(s.startswith("HMS Prince") for s, t, _ in found if t == "WEAPON")
    assert not any(t == "WEAPON" for _, t, _ in typed("A typhoon hit the coast on Friday."))


def test_money_dates_percentages() -> None:
    found = typed("Britain pledged £20 million and 9 billion euros on 24 November 2025, "
                  "up 12% on last year; on Nov. 24 it added $4.8bn.")
    assert ("£20 million", "MONEY", "money:gbp-20000000") in found
    assert ("9 billion euros", "MONEY", "money:eur-9000000000") in found
    assert ("$4.8bn", "MONEY", "money:usd-4800000000") in found
    assert ("24 November 2025", "DATE", "date:2025-11-24") in found
    assert ("Nov. 24", "DATE", "date:11-24") in found
    assert ("last year", "DATE", "date:last-year") in found
    assert any(t == "PERCENT" and s == "12%" for s, t, _ in found)


def test_the_alliance_is_not_guessed() -> None:
    assert not any(m.id == "org:nato" for m in ents("The alliance of farmers met."))


# -- the user's gazetteer -----------------------------------------------------------------------

def test_user_gazetteer_entries_are_used() -> None:
    entries = tuple(parse_gazetteer(
        "# mine\nWEAPON\tHrim Lance\tHrim|Hrim-2\nORG\tNorth Sea Watch\tNSW\n"
        "NORP\tWaldenian\tWaldenians\tid=gpe:waldenia\nbad line\n"))
    assert [e.name for e in entries] == ["Hrim Lance", "North Sea Watch", "Waldenian"]
    text = "NSW tested the Hrim-2 near Waldenians."
    plain = ents(text)
    mine = ents(text, entries)
    assert not any(m.type == "WEAPON" for m in plain)
    assert ("Hrim-2", "WEAPON", "weapon:hrim-lance") in {(m.text, m.type, m.id) for m in mine}
    assert ("NSW", "ORG", "org:north-sea-watch") in {(m.text, m.type, m.id) for m in mine}
    assert any(m.id == "gpe:waldenia" for m in mine)


# -- offsets ------------------------------------------------------------------------------------

def test_offsets_round_trip_on_seeds(seed_a: Document, seed_b: Document) -> None:
    for doc in (seed_a, seed_b):
        assert doc.entities
        for m in doc.entities:
            assert doc.text[m.start:m.end] == m.text
            assert m.type in {"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "DATE", "TIME",
                              "MONEY", "QUANTITY", "PERCENT", "WEAPON"}
            assert ":" in m.id and m.name


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(
    "abcXYZ USNATOPatriot.,;:'\"“”-–/$£€%0123456789\n\tÅšíé")), max_size=300))
def test_offsets_hold_for_any_text(text: str) -> None:
    doc = Document(path="h.txt", title="", text=text)
    for m in extract_entities(doc):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "President", "Donald", "Trump", "said", "the", "US", "U.S.", "NATO", "Patriot", "in",
    "Jordan", "Gen.", "Lt.", "Col.", "$4.8", "billion", "Nov.", "24", "of", "Ministry",
    "Defence", ",", ".", "\n", "“", "”", "Al", "al-Assad", "HMS", "Ocean", "Foreign",
    "Secretary", "Stromšíková", "'s", "Command"]), max_size=60))
def test_offsets_hold_for_entity_dense_text(words: list[str]) -> None:
    text = " ".join(words)
    doc = Document(path="h.txt", title="", text=text)
    for m in extract_entities(doc):
        assert text[m.start:m.end] == m.text


def test_bad_input_survives() -> None:
    for text in ("", "   \n\t", "\x00" * 5, "[bold]NATO[/] [@click=app.quit]US[/]",
                 "A" * 100_000, "U.S." * 1000, "Gen. " * 500):
        doc = Document(path="x.txt", title="", text=text)
        for m in extract_entities(doc):
            assert text[m.start:m.end] == m.text


def test_unknown_names_by_role_word_appositive_and_age() -> None:
    people = {m.text for m in ents("The statement came from spokesman Kwame Asante-Boateng. "
                                   "Ingrid Vasquez-Holm, the defence minister, arrived. "
                                   "Yuki Tanabe-Moreau, 42, of Leeds, died.") if m.type == "PERSON"}
    assert people == {"Kwame Asante-Boateng", "Ingrid Vasquez-Holm", "Yuki Tanabe-Moreau"}
    # An opening phrase before a title is no person.
    found = ents("On Thanksgiving Day, Defense Secretary Ash Carter spoke.")
    assert [(m.text, m.type) for m in found if m.type == "PERSON"] == [
        ("Defense Secretary Ash Carter", "PERSON")]


def test_nested_mentions_are_ordered_and_contained() -> None:
    found = ents("The Government of Iraq thanked Iraqi forces and the Assad regime objected.")
    spans = [(m.start, m.end, m.type, m.text) for m in found]
    assert spans == sorted(spans, key=lambda s: (s[0], -s[1]))
    texts = {(m.text, m.type) for m in found}
    assert ("The Government of Iraq", "ORG") in texts
    assert ("Iraq", "GPE") in texts  # nested inside the government
    assert ("Iraqi forces", "ORG") in texts and ("Iraqi", "NORP") in texts
    assert ("the Assad regime", "ORG") in texts and ("Assad", "PERSON") in texts


def test_appositive_role_is_the_person_and_common_acronyms_are_not_orgs() -> None:
    found = ents("Dmitry Peskov, the Kremlin spokesman, said GDP fell.")
    people = {(m.text, m.id) for m in found if m.type == "PERSON"}
    assert people == {("Dmitry Peskov", "person:dmitry-peskov"),
                      ("the Kremlin spokesman", "person:dmitry-peskov")}
    assert ("Kremlin", "ORG") in {(m.text, m.type) for m in found}
    assert not any(m.text == "GDP" for m in found)


def test_the_alliance_is_nato_only_where_the_document_names_nato() -> None:
    with_nato = ents("NATO met in Brussels. The Alliance will grow, said the chair.")
    assert [m.text for m in with_nato if m.id == "org:nato"] == ["NATO", "The Alliance"]
    without = ents("The Alliance of Small Farmers met on Friday. The Alliance will grow.")
    assert not any(m.id == "org:nato" for m in without)


def test_washington_city_and_person() -> None:
    assert [(m.text, m.type, m.id) for m in ents("Washington said it would act.")] == [
        ("Washington", "GPE", "gpe:washington")]
    assert {m.id for m in ents("Officials in Washington, D.C. met.")} == {"gpe:washington"}
    assert [(m.text, m.type) for m in ents("Then George Washington crossed the river.")] == [
        ("George Washington", "PERSON")]


def test_role_titles_resolve_to_the_person_introduced_with_them() -> None:
    found = ents("Secretary of State John Kerry met Saudi Foreign Minister Adel al-Jubeir in "
                 "Riyadh. The Secretary and the Foreign Minister discussed Yemen.")
    people = [(m.text, m.id) for m in found if m.type == "PERSON"]
    assert ("The Secretary", "person:john-kerry") in people
    assert ("the Foreign Minister", "person:adel-al-jubeir") in people
