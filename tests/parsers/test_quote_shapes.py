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
