"""Sentence splitting around abbreviations, initials, decimals, ellipses and quotation marks."""

from __future__ import annotations

import pytest

from parsers.model import Paragraph
from parsers.sentences import split_sentences, split_span


def split(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_span(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. President Donald Trump met Gen. Smith on Sept. 6, 2025. The talks went well.",
            [
                "U.S. President Donald Trump met Gen. Smith on Sept. 6, 2025.",
                "The talks went well.",
            ],
        ),
        (
            "Mr. and Mrs. Lee met Dr. Ng, Lt. Col. Hart, Sen. Moss, Rep. Diaz and Gov. Kay. Done.",
            [
                "Mr. and Mrs. Lee met Dr. Ng, Lt. Col. Hart, Sen. Moss, Rep. Diaz and Gov. Kay.",
                "Done.",
            ],
        ),
        (
            "It would cost Europe $4.8 billion, or 1.5 percent. That is a lot.",
            ["It would cost Europe $4.8 billion, or 1.5 percent.", "That is a lot."],
        ),
        (
            '"This has to be part of the deal, because... without eyes, you are blind," said '
            "Veronika Stromšíková. She left.",
            [
                '"This has to be part of the deal, because... without eyes, you are blind," said '
                "Veronika Stromšíková.",
                "She left.",
            ],
        ),
        ('"Hello," he said.', ['"Hello," he said.']),
        (
            "He called it “a steel porcupine.” Others agreed.",
            ["He called it “a steel porcupine.”", "Others agreed."],
        ),
        ('She said it was "over." Then she left.', ['She said it was "over."', "Then she left."]),
        ('"Why?" he asked. "Because."', ['"Why?" he asked.', '"Because."']),
        (
            "J. R. R. Tolkien wrote it. George W. Bush read it.",
            ["J. R. R. Tolkien wrote it.", "George W. Bush read it."],
        ),
        (
            "Troops went to the U.S. The move surprised many.",
            ["Troops went to the U.S.", "The move surprised many."],
        ),
        (
            "It ranked No. 5, i.e. last, e.g. behind St. Louis vs. Boston. Fine.",
            ["It ranked No. 5, i.e. last, e.g. behind St. Louis vs. Boston.", "Fine."],
        ),
        (
            "The meeting is on Jan. 15 at 5 p.m. on the base. It is short.",
            ["The meeting is on Jan. 15 at 5 p.m. on the base.", "It is short."],
        ),
        (
            "He waited... Then he left…  Done! Really?",
            ["He waited...", "Then he left…", "Done!", "Really?"],
        ),
        ("Acme Inc. The firm said so.", ["Acme Inc.", "The firm said so."]),
        ("No end punctuation here", ["No end punctuation here"]),
        ("  spaced out.   ", ["spaced out."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert split(text) == expected


def test_sentences_never_cross_paragraphs() -> None:
    text = "First paragraph has no stop\nSecond paragraph. Ends here."
    paras = [Paragraph(0, 27), Paragraph(28, len(text))]
    got = [text[s.start : s.end] for s in split_sentences(text, paras)]
    assert got == ["First paragraph has no stop", "Second paragraph.", "Ends here."]


def test_quote_across_paragraphs_still_splits_per_paragraph() -> None:
    text = '"We will stay,\n\nand we will win," she said.'
    paras = [Paragraph(0, 14), Paragraph(16, len(text))]
    got = [text[s.start : s.end] for s in split_sentences(text, paras)]
    assert got == ['"We will stay,', 'and we will win," she said.']


def test_list_paragraphs_split_at_lines() -> None:
    text = "• one item\n• two items. With more"
    got = [text[s.start : s.end] for s in split_sentences(text, [Paragraph(0, len(text), "list")])]
    assert got == ["• one item", "• two items.", "With more"]


def test_huge_paragraph_without_stops_is_one_sentence() -> None:
    text = "word " * 200_000
    got = split_span(text, 0, len(text))
    assert len(got) == 1 and got[0].end == len(text) - 1


def test_the_word_before_a_period_is_the_whole_run_of_word_characters() -> None:
    """The word a period ends is looked for near the period first, then up to 40 characters
    back: "..........Mr." inside a longer run is no title ("Mr."), so the sentence ends."""
    text = "See abcdefghijklmnop..........Mr. Smith went home. Ask Mr. Roe."
    got = [text[s.start : s.end] for s in split_span(text, 0, len(text))]
    assert got == ["See abcdefghijklmnop..........Mr.", "Smith went home.", "Ask Mr. Roe."]
