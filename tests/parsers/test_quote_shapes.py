"""Quote and speaker shapes from ordinary news that went wrong (issue 10), on short texts.

Each test writes a paragraph of the same shape as a mistake seen on untuned news: a quotation
continued with an opening mark only, a speaker at the head of a long apposition, a pronoun after
a newly introduced person, indefinite speakers, cue verbs, '?"' before "Mr. X said".
"""

from __future__ import annotations

import re

import pytest

from parsers.model import Document, Paragraph, Quote
from parsers.quotes import extract_quotes
from parsers.speakers import CUE_WORDS


def quotes(text: str) -> list[Quote]:
    doc = Document(path="t.txt", title="t", text=text)
    doc.paragraphs = [Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]
    out = extract_quotes(doc)
    for q in out:
        assert text[q.start : q.end] == q.text
    return out


def at_cue(text: str, q: Quote) -> str | None:
    """The mention at the cue, as the contract gives it (speaker_start/end)."""
    if q.speaker_start is None or q.speaker_end is None:
        return None
    return text[q.speaker_start : q.speaker_end]


def find(qs: list[Quote], words: str) -> Quote:
    got = [q for q in qs if words in q.text]
    assert len(got) == 1, [q.text for q in qs]
    return got[0]


def test_opening_mark_after_a_sentence_starts_a_new_quote() -> None:
    # newspaper style: a quotation goes on after "weeks." with an opening mark only
    t = (
        'Ms Hale said: "The talks have dragged on for weeks. "We are going to walk away if '
        'nothing changes." She said the offer was poor. "It is an insult," she added. Later, '
        'the union leader, Tom Birch, said: "We will strike."'
    )
    qs = quotes(t)
    first = find(qs, "for weeks")
    assert "We are going" not in first.text and "Tom Birch" not in first.text
    assert find(qs, "We are going").speaker == "Hale"
    assert find(qs, "We will strike").speaker == "Tom Birch"
    assert all("She said the offer" not in q.text for q in qs if q.kind == "direct")


def test_speaker_at_the_head_of_a_long_apposition() -> None:
    t = (
        '"The waiting lists are too long," said the chairman of the Commons transport '
        "committee, Labour MP Jane Doe.\n"
        '"The results were strong," said its chairman, Sir Henry Pike. '
        "He said that sales rose by a third."
    )
    qs = quotes(t)
    a = find(qs, "waiting lists")
    assert a.speaker == "Jane Doe" and "Jane Doe" in (at_cue(t, a) or "")
    b = find(qs, "results were strong")
    assert b.speaker == "Henry Pike"
    he = [q for q in qs if q.kind == "indirect"]
    assert he and he[0].speaker == "Henry Pike"


def test_apposition_before_the_cue_names_the_person() -> None:
    t = 'Later the head of the IMF, Kristalina Georgieva, said: "Growth will slow."'
    q = find(quotes(t), "Growth")
    assert q.speaker == "Kristalina Georgieva"


def test_pronoun_after_a_newly_introduced_person() -> None:
    t = (
        '"We lost," said Amy Lowe.\n'
        "Party leader John Roe is expected to resign on Monday. Mr Roe is a former teacher. "
        'He said: "I will decide soon."'
    )
    q = find(quotes(t), "decide soon")
    assert at_cue(t, q) == "He" and q.speaker == "John Roe"


def test_indefinite_speakers_are_not_the_previous_person() -> None:
    t = (
        '"It is a disgrace," said Bob Hart.\n'
        '"It is over," one said. "Not yet," said another.\n'
        '"We disagree," a spokesman for the ministry said.'
    )
    qs = quotes(t)
    assert find(qs, "It is over").speaker == "one"
    assert find(qs, "Not yet").speaker == "another"
    s = find(qs, "We disagree").speaker
    assert s is not None and s.startswith("a spokesman")


@pytest.mark.parametrize(
    "verb", ["interjected", "fumed", "implored", "deflected", "emailed", "advises", "insisted"]
)
def test_more_cue_verbs(verb: str) -> None:
    assert verb in CUE_WORDS
    t = f'"Your plan fails," said Ann Ray.\n"We must act now," he {verb}.'
    q = find(quotes(t), "act now")
    assert at_cue(t, q) == "he" and q.cue == verb


def test_question_mark_before_an_honorific_and_a_name() -> None:
    t = '"Is this fair?" Mr. Brown said. "It is not!" Ms. Green said.'
    qs = quotes(t)
    assert "Brown" in (at_cue(t, find(qs, "fair")) or "")
    assert "Green" in (at_cue(t, find(qs, "It is not")) or "")


def test_full_stop_quote_then_a_short_cue_sentence() -> None:
    t = '"The bill will pass." Peter Smith said to reporters.'
    q = find(quotes(t), "bill will pass")
    assert q.speaker == "Peter Smith"


def test_relative_pronoun_is_the_mention_at_the_cue() -> None:
    t = (
        '"Prices are up," said Ann Coles, who noted that the market had "cratered" before. '
        'She added that costs had "doubled" since then.'
    )
    qs = quotes(t)
    q = [q for q in qs if q.speaker_start is not None and at_cue(t, q) == "who"]
    assert q and q[0].speaker == "Ann Coles"


def test_time_adverbial_is_not_the_speaker() -> None:
    t = 'Hours later, she issued a statement calling for "calm and patience" in the city.'
    q = find(quotes(t), "calm and patience")
    assert at_cue(t, q) == "she"


# --- mechanisms added for issue 10 (continuations, any verb, document checks) ----------------


def test_a_quote_paragraph_after_a_quote_with_its_cue_continues_it() -> None:
    t = (
        '"We like a lot of the candidates," Ann Vale said during the interview.\n'
        '"It is changing every day, and nobody knows where it ends."\n'
        "The market fell on Tuesday."
    )
    qs = [q for q in quotes(t) if q.kind in ("direct", "partial")]
    assert len(qs) == 1
    q = qs[0]
    assert "changing every day" in q.text and len(q.parts) == 2
    assert q.speaker == "Ann Vale" and at_cue(t, q) == "Ann Vale"


def test_a_title_in_the_cue_clause_does_not_stop_the_continuation() -> None:
    t = (
        '"I have always said that I expect to be vetted," he said on "Meet the Press." '
        '"But being lied about is another thing entirely."'
    )
    direct = [q for q in quotes(t) if q.kind == "direct"]
    assert len(direct) == 1 and "lied about" in direct[0].text


def test_a_name_then_any_verb_after_a_quote_ending_in_a_comma_is_the_speaker() -> None:
    t = (
        'Paradis laughed at the crowd. "They are all here for the free stuff," Bennett shot '
        "back with a grin."
    )
    q = find(quotes(t), "free stuff")
    assert q.speaker == "Bennett" and at_cue(t, q) == "Bennett"


def test_a_noun_like_cue_after_a_name_is_a_verb() -> None:
    t = 'Tom Vane spoke first. "Cruz appeals to working voters," Viguerie notes.'
    q = find(quotes(t), "appeals")
    assert at_cue(t, q) == "Viguerie"


def test_the_subject_of_any_verb_says_the_quoted_words_of_its_clause() -> None:
    t = (
        "Amy Lowe spoke first.\n"
        'Later, Sanders credited the victory to "a closed primary that shut out independents."'
    )
    q = find(quotes(t), "closed primary")
    assert q.kind == "partial" and q.speaker == "Sanders" and at_cue(t, q) == "Sanders"
    assert q.start < t.index("credited")  # the report, not only the quoted words


def test_an_organisation_speaks_only_through_an_organisational_cue() -> None:
    from parsers import parse_text

    t = (
        "Acme Corporation Inc. posted its results on Monday.\n"
        '"The year was strong for every division," Acme Corporation Inc. said.\n'
        '"What a ride it has been for all of us," Acme Corporation Inc. joked.\n'
    )
    doc = parse_text(t, "t.txt")
    said = next(q for q in doc.quotes if "every division" in q.text)
    joked = next(q for q in doc.quotes if "What a ride" in q.text)
    assert said.speaker is not None and "Acme" in said.speaker
    assert joked.speaker is None and joked.speaker_start is None


def test_the_same_quoted_words_never_have_two_speakers() -> None:
    from parsers.quotes import check_speakers

    t = (
        'Mary Hale said: "We will rebuild the bridge before the winter comes."\n'
        "Tom Birch spoke next.\n"
        '"We will rebuild the bridge before the winter comes."'
    )
    doc = Document(path="t.txt", title="t", text=t)
    doc.paragraphs = [Paragraph(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", t)]
    qs = extract_quotes(doc)
    qs[-1].speaker, qs[-1].speaker_start, qs[-1].speaker_end = "Tom Birch", 60, 69
    check_speakers(t, qs, [])
    same = [q for q in qs if "rebuild the bridge" in q.text]
    assert len(same) == 2 and {q.speaker for q in same} == {"Mary Hale"}
    assert all(at_cue(t, q) == "Mary Hale" for q in same)


def test_a_fronted_adverbial_with_commas_of_its_own_is_not_the_subject() -> None:
    # the place inside "At an event in Town, State, on Sunday," is not who spoke
    t = (
        "At a rally in Dover, Delaware, on Sunday, Mrs. Ann Lowe tried to explain her vote, "
        'saying that the country should "stand with its allies."\n'
        "Speaking at a town hall in Salem, Oregon, Tom Birch went after his rival, calling him "
        '"a total stiff."\n'
        "Ever since she endorsed the governor this month, Ms. Jane Hale has been a loud voice, "
        'attacking the plan with one message: "Do not waste this chance!"'
    )
    qs = quotes(t)
    assert find(qs, "stand with").speaker == "Ann Lowe"
    assert find(qs, "total stiff").speaker == "Tom Birch"
    assert find(qs, "waste this").speaker == "Jane Hale"


def test_an_adviser_to_one_person_named_in_apposition_is_who_spoke() -> None:
    t = 'A former adviser to David Crane, Tom Hale, said: "We will not back down."'
    q = find(quotes(t), "back down")
    assert q.speaker == "Tom Hale"
    assert at_cue(t, q) is not None and "Tom Hale" in at_cue(t, q)  # type: ignore[operator]


# --- the source a sentence gives, by the shape of its clauses (spk10) -------------------------


def test_according_to_after_the_cue_clause_is_the_source() -> None:
    t = '"The bridge will reopen in May," Mayor Ruth Okafor said, according to the Harbour Gazette.'
    q = find(quotes(t), "bridge")
    assert "Harbour Gazette" in (at_cue(t, q) or "")
    # without the tail, the speaker at the cue stays
    t2 = '"The bridge will reopen in May," Mayor Ruth Okafor said on Friday.'
    assert find(quotes(t2), "bridge").speaker == "Ruth Okafor"


def test_cue_in_a_leading_subordinate_clause_gives_way_to_the_main_clause() -> None:
    t = 'While not every plan Tom Avery proposes is costed, Lena Marsh said the scheme is "sound."'
    q = find(quotes(t), "sound")
    assert q.speaker == "Lena Marsh"
    assert at_cue(t, q) == "Lena Marsh"


def test_subject_of_a_with_clause_says_the_ing_report() -> None:
    t = (
        "The council rejected the claim, with Omar Haddad telling reporters the figures were "
        '"simply invented."'
    )
    q = find(quotes(t), "invented")
    assert q.speaker == "Omar Haddad"


def test_a_relative_clause_with_a_cue_is_aside_when_the_main_clause_reports() -> None:
    t = (
        "Petrov, who says the allies should send more ships, tweeted that the plan "
        '"will not work."\n'
        'Lena Marsh, who describes the plan as "a disaster," left early.'
    )
    qs = quotes(t)
    q = find(qs, "will not work")
    assert (q.speaker, at_cue(t, q), q.cue) == ("Petrov", "Petrov", "tweeted")
    # the quote inside the relative clause stays with "who" at its cue
    q2 = find(qs, "disaster")
    assert (q2.speaker, at_cue(t, q2)) == ("Lena Marsh", "who")


def test_a_hyphened_head_noun_is_a_speaker() -> None:
    t = (
        '"We will win this," the 43-year-old said in the clip.\n'
        "Speaking on the radio, the party front-runner said his rival had "
        '"caused great harm" as mayor.'
    )
    qs = quotes(t)
    assert at_cue(t, find(qs, "win this")) == "the 43-year-old"
    q = find(qs, "great harm")
    assert q.kind == "partial" and at_cue(t, q) == "the party front-runner"


def test_a_text_that_reads_is_the_source() -> None:
    t = '"No one checks the small print," the statement read.'
    q = find(quotes(t), "small print")
    assert (q.kind, at_cue(t, q), q.cue) == ("direct", "the statement", "read")


def test_as_x_put_it_names_the_speaker() -> None:
    t = (
        'As Tom Hale, a professor of law, put it, "Nobody reads the small print."\n'
        'The board is unmoved. As the critic Ann Lowe puts it, the council is "not listening."'
    )
    qs = quotes(t)
    q = find(qs, "small print")
    assert (q.kind, q.speaker, at_cue(t, q)) == ("direct", "Tom Hale", "Tom Hale")
    q2 = find(qs, "not listening")
    assert (q2.kind, q2.speaker) == ("partial", "Ann Lowe")


def test_a_dash_signature_paragraph_signs_the_quote_before_it() -> None:
    t = (
        '"We cut taxes for every family in the state."\n'
        "- Tom Hale.\n"
        "That claim is not quite right, as the figures show.\n"
        '"Our schools are the best in the region."\n'
        "— Ann Lowe\n"
    )
    qs = quotes(t)
    q = find(qs, "cut taxes")
    assert (q.speaker, at_cue(t, q)) == ("Tom Hale", "Tom Hale")
    assert find(qs, "best in the region").speaker == "Ann Lowe"


def test_a_pronoun_cue_in_its_own_clause_before_the_quote_is_the_mention() -> None:
    t = (
        'Dale Reyes said he backs the rules on colleges, which he called "a cartel for schools."\n'
        "Asked about it, Cole Brand said that was normal, no different, he said, from the "
        '"old days" of politics.'
    )
    qs = quotes(t)
    q = find(qs, "cartel")
    assert (q.kind, q.speaker, at_cue(t, q)) == ("partial", "Dale Reyes", "he")
    q2 = find(qs, "old days")
    assert (q2.speaker, at_cue(t, q2)) == ("Cole Brand", "he")


def test_a_dotted_abbreviation_then_a_pronoun_ends_the_sentence() -> None:
    t = 'Cole Brand says the plan will fail in the U.S. He says voters do not want "more lectures."'
    q = find(quotes(t), "more lectures")
    assert (q.speaker, at_cue(t, q)) == ("Cole Brand", "He")
    # inside a sentence the abbreviation ends nothing
    t2 = 'The U.S. Senate voted, and Ann Lowe said it was "a fine day."'
    assert find(quotes(t2), "fine day").speaker == "Ann Lowe"


def test_the_subject_of_the_sentence_before_a_quote_paragraph_says_it() -> None:
    t = (
        '"We will fix the roads," Mayor Ann Lowe said on Monday.\n'
        "Council leader Tom Hale went on with his own remarks.\n"
        '"The budget is already spent. There is nothing left for roads."\n'
    )
    q = find(quotes(t), "budget is already")
    assert (q.speaker, at_cue(t, q)) == ("Tom Hale", "Tom Hale")
    # with no person before it, the speaker just quoted goes on
    t2 = (
        '"We will fix the roads," Mayor Ann Lowe said on Monday.\n'
        '"The budget is not spent. There is money left for roads."\n'
    )
    assert find(quotes(t2), "not spent").speaker == "Ann Lowe"
    # in the same paragraph as well
    t3 = (
        '"We will fix the roads," Mayor Ann Lowe said on Monday. Tom Hale praised his own '
        'record. "We built more roads than anyone."'
    )
    assert find(quotes(t3), "built more").speaker == "Tom Hale"


def test_the_clause_own_pronoun_is_the_mention_when_the_last_speaker_goes_on() -> None:
    t = (
        'Mayor Ann Lowe attacked the council for its "wasteful" plans. Then she turned to the '
        '"so-called" experts.'
    )
    q = find(quotes(t), "so-called")
    assert (q.speaker, at_cue(t, q)) == ("Ann Lowe", "she")


def test_a_poll_is_the_source_of_what_its_respondents_said() -> None:
    t = (
        "In a county poll released Monday, 40 percent of voters said the roads were "
        '"a disgrace."\n'
        'Many residents said the bridge was "unsafe," according to a council survey.'
    )
    qs = quotes(t)
    assert at_cue(t, find(qs, "disgrace")) == "a county poll released Monday"
    q = find(qs, "unsafe")
    assert "council" in (at_cue(t, q) or "")
    assert q.text.startswith('the bridge was "unsafe,"') and q.cue == "said"


def test_a_sentence_opening_with_a_conjunction_has_its_subject_after_it() -> None:
    t = 'The rival looked weak.\n\nAnd Mr. Tom Hale gloated: "I told you he would fail."'
    q = find(quotes(t), "told you")
    assert (q.speaker, at_cue(t, q)) == ("Tom Hale", "Tom Hale")


def test_a_subject_with_a_possessive_determiner_speaks() -> None:
    t = 'Its hosts do not hesitate to say the science is "still in question."'
    q = find(quotes(t), "still in question")
    assert at_cue(t, q) == "Its hosts"


def test_an_apposition_between_subject_and_verb_keeps_the_subject_speaking() -> None:
    t = (
        'Sen. Tom Hale, a candidate for governor, tweeted a warning. "Remember this in November."\n'
        'Mayor Ann Lowe, who spoke last, slammed the plan as "a waste of money."'
    )
    qs = quotes(t)
    q = find(qs, "Remember this")
    assert (q.speaker, at_cue(t, q), q.cue) == ("Tom Hale", "Tom Hale", "tweeted")
    q2 = find(qs, "waste of money")
    assert (q2.kind, q2.speaker, q2.cue) == ("partial", "Ann Lowe", "slammed")


def test_an_inverted_cue_after_a_leading_adverbial() -> None:
    t = 'In other words, explained party chair Ann Lowe: "What does that have to do with it?"'
    q = find(quotes(t), "What does")
    assert (q.speaker, q.cue) == ("Ann Lowe", "explained")


def test_a_naming_participle_after_an_indefinite_noun_is_no_cue() -> None:
    t = 'Later on Sunday, Tom Hale shared a syllabus for a 2002 class called "Perception" online.'
    q = find(quotes(t), "Perception")
    assert (q.speaker, q.cue) == ("Tom Hale", "shared")


def test_a_one_word_adverb_and_comma_before_a_pronoun_is_not_a_name() -> None:
    t = (
        '"We will lose," Tom Hale said on Monday.\n'
        "Rather, he said, the party must start again from the ground up.\n"
        '"We need new leaders and new ideas."'
    )
    q = find(quotes(t), "new leaders")
    assert (q.speaker, at_cue(t, q)) == ("Tom Hale", "he")


def test_a_restrictive_relative_clause_before_the_cue_is_skipped_to_its_noun() -> None:
    t = (
        'Officials who asked not to be named said the plan was "dead."\n'
        'A woman who lives nearby said the noise was "unbearable."\n'
        'It was Tom Hale, the mayor who won in 2009 when he shouted "No more!" at a rally.'
    )
    qs = quotes(t)
    assert at_cue(t, find(qs, "dead")) == "Officials"
    assert at_cue(t, find(qs, "unbearable")) == "A woman"
    # a pronoun right before the cue is still its subject
    assert at_cue(t, find(qs, "No more")) == "he"


def test_a_cue_inside_a_leading_participle_phrase_gives_way_to_the_main_clause() -> None:
    t = 'Asked if he thought the email went too far, Tom Hale responded: "I guess so."'
    q = find(quotes(t), "guess so")
    assert (q.speaker, at_cue(t, q), q.cue) == ("Tom Hale", "Tom Hale", "responded")


def test_a_dateline_is_not_the_subject() -> None:
    t = (
        "DOVER (Wire) – Mayor Ann Lowe has attacked the plan, saying that "
        '"reckless promises" do more harm than good.\n'
        'LONDON — Tom Hale rallied supporters, saying: "We have to stop him."'
    )
    qs = quotes(t)
    assert find(qs, "reckless").speaker == "Ann Lowe"
    assert find(qs, "stop him").speaker == "Tom Hale"


def test_a_pronoun_cue_after_a_conjunction_before_the_quote_is_the_mention() -> None:
    t = (
        "Tom Hale said on Monday that he would meet the mayor, although he tweeted that he "
        '"rejects her latest comments."'
    )
    q = find(quotes(t), "rejects")
    assert (q.speaker, at_cue(t, q)) == ("Tom Hale", "he")


def test_a_cue_after_a_conjunction_after_the_quote_starts_its_own_clause() -> None:
    t = (
        'Tom Hale accuses the mayor of "hiding the figures" and Ann Lowe says she is '
        '"losing the plot" on housing.'
    )
    qs = quotes(t)
    assert find(qs, "hiding").speaker == "Tom Hale"
    assert find(qs, "losing the plot").speaker == "Ann Lowe"
