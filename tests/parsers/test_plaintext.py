"""Plain-text articles: exact expectations on both seeds, then the shapes web pages are saved in."""

from __future__ import annotations

from conftest import SEED_A, SEED_B
from test_parse_properties import assert_offsets

from parsers import Document, parse_file, parse_text
from parsers.plaintext import read_plaintext
from parsers.sentences import split_sentences


def paras(doc: Document, kind: str | None = None) -> list[str]:
    return [doc.text[p.start : p.end] for p in doc.paragraphs if kind is None or p.kind == kind]


# -- seed 000: title line, one paragraph a line, blank line, then site furniture ---------------


def test_seed_a_title_metadata_and_paragraphs() -> None:
    doc = parse_file(SEED_A)
    raw = SEED_A.read_text(encoding="utf-8")
    assert doc.text == raw
    assert doc.title == "US and European Defense Leaders Draft New Security Proposals for Ukraine"
    assert doc.title_span == (0, 72)
    assert doc.date is None and doc.source is None
    body = paras(doc, "text")
    assert len(body) == 6
    assert body[0].startswith("Defense leaders from the United States, Finland,")
    assert body[-1].endswith("planning for Ukraine’s defense.")
    assert doc.title not in body  # the title line is shown as the title, not as body
    assert len(doc.paragraphs) == 8
    assert_offsets(doc)


def test_seed_a_furniture_is_kept_apart_and_hidden() -> None:
    doc = parse_file(SEED_A)
    assert paras(doc, "furniture") == ["Military Proposals for Ukraine", "Popular Categories"]
    furniture = [s for s in doc.sections if s.furniture]
    assert len(furniture) == 1
    tail = furniture[0]
    assert doc.text[tail.start : tail.end] == "Military Proposals for Ukraine\nPopular Categories"
    assert len(doc.body_paragraphs) == 6
    main = [s for s in doc.sections if not s.furniture]
    assert [(s.title, s.level) for s in main] == [(doc.title, 1)]
    assert main[0].title_start == 0 and main[0].title_end == 72
    assert doc.text[main[0].end - 1] == "."  # ends with the last body paragraph
    # Sentences cover the title and the body, never the furniture.
    assert all(s.end <= main[0].end for s in doc.sentences)
    assert len(doc.sentences) == 13


# -- seed 002: no title line, dateline glued to the first paragraph, outlet line ---------------


def test_seed_b_dateline_outlet_and_paragraphs() -> None:
    doc = parse_file(SEED_B)
    assert doc.text == SEED_B.read_text(encoding="utf-8")
    assert doc.date == "2025-09-06"
    assert doc.source == "UNN, citing Bloomberg"
    assert doc.title_span is None
    assert doc.title == (
        "European leaders, taking into account critical gaps in their countries' defense…"
    )
    body = paras(doc)
    assert len(body) == 12
    assert all(p.kind == "text" for p in doc.paragraphs)
    assert body[0].startswith("European leaders, taking into account")
    assert body[0].endswith("UNN reports with reference to Bloomberg.")
    assert doc.paragraphs[0].start == 17  # after " date 2025-09-06 "
    assert body[3].startswith('"This has to be part of the deal, because... without eyes')
    assert body[-1].endswith("supply them with military equipment.")
    assert [(s.title, s.level, s.furniture) for s in doc.sections] == [(None, 1, False)]
    assert len(doc.sentences) == 20
    assert_offsets(doc)


# -- other shapes ------------------------------------------------------------------------------


def test_wire_dateline_gives_place_outlet_and_clean_first_paragraph() -> None:
    doc = parse_text(
        "Allies weigh air defense for Kyiv\n\n"
        "WASHINGTON (Reuters) - The United States will send more Patriot batteries, "
        "officials said on Friday.\n\nThe decision follows weeks of talks.\n",
        "w.txt",
    )
    assert doc.title == "Allies weigh air defense for Kyiv"
    assert doc.source == "Reuters"
    first = paras(doc)[0]
    assert first.startswith("The United States will send")
    assert_offsets(doc)


def test_dateline_with_place_and_date() -> None:
    doc = parse_text(
        "KYIV, Sept. 6, 2025 — Ukraine's army received new drones this week. More follow.",
        "k.txt",
    )
    assert doc.date == "2025-09-06"
    assert paras(doc)[0].startswith("Ukraine's army received")


def test_byline_and_published_line_under_the_title() -> None:
    doc = parse_text(
        "Europe's Missing Shield\nBy Jane Smith\nPublished 6 September 2025, 10:30 GMT\n\n"
        "Europe has a critical deficit in air defense. It is costly.\n\nMore text follows here.",
        "b.txt",
    )
    assert doc.title == "Europe's Missing Shield"
    assert doc.date == "2025-09-06"
    body = paras(doc)
    assert body[0] == "By Jane Smith"  # kept visible: it names the author
    assert "Published 6 September 2025, 10:30 GMT" not in body  # shown as the date instead
    assert body[1].startswith("Europe has a critical deficit")
    assert_offsets(doc)


def test_standalone_date_line_in_us_format() -> None:
    text = "Ceasefire Talks Stall\nSeptember 6, 2025\n\nTalks stalled again. Both sides left."
    doc = parse_text(text, "d.txt")
    assert doc.date == "2025-09-06"
    assert doc.title == "Ceasefire Talks Stall"


def test_source_line() -> None:
    doc = parse_text("A Title Here\nSource: Kyiv Independent\n\nBody sentence one. Two.", "s.txt")
    assert doc.source == "Kyiv Independent"


def test_source_credit_at_the_end() -> None:
    doc = parse_text("A Title Here\n\nBody sentence one. Two.\n\nSource: Reuters\n", "e.txt")
    assert doc.source == "Reuters"
    assert [doc.text[p.start : p.end] for p in doc.paragraphs if p.kind == "furniture"] == [
        "Source: Reuters"
    ]


def test_outlet_reported_at_the_end_of_a_sentence() -> None:
    text = "Talks Resume\n\nThe talks resumed on Monday, Reuters reported.\n\nMore text."
    doc = parse_text(text, "r.txt")
    assert doc.source == "Reuters"


def test_headings_underlined_caps_and_short_lines_nest_by_first_appearance() -> None:
    text = (
        "Annual Defence Review\n\n"
        "PART ONE\n\n"
        "Background\n"
        "----------\n\n"
        "The review began in January. It covered all services.\n\n"
        "Air defence\n\n"
        "Air defence needs more interceptors and radars than it has today.\n\n"
        "PART TWO\n\n"
        "The second part looks ahead. It sets priorities.\n"
    )
    doc = parse_text(text, "h.txt")
    assert doc.title == "Annual Defence Review"
    got = [(s.title, s.level) for s in doc.sections]
    assert got == [
        ("Annual Defence Review", 1),
        ("PART ONE", 2),
        ("Background", 3),
        ("Air defence", 4),
        ("PART TWO", 2),
    ]
    assert paras(doc, "heading") == ["PART ONE", "Background", "Air defence", "PART TWO"]
    part_one = doc.sections[1]
    assert doc.text[part_one.start : part_one.end].endswith("than it has today.")
    assert "----------" not in "".join(paras(doc))
    assert_offsets(doc)


def test_hard_wrapped_paragraphs_join_and_break_at_blank_lines() -> None:
    text = (
        "Report on Training\n\n"
        "Allied countries will potentially train Ukrainian soldiers in Ukraine\n"
        "and supply them with military equipment, officials said on Thursday\n"
        "after a meeting in Paris.\n\n"
        "The coalition hopes to finish the plan by the end of the year, though\n"
        "several members have yet to decide how many troops they can offer.\n"
    )
    doc = parse_text(text, "wrap.txt")
    body = paras(doc)
    assert len(body) == 2
    assert body[0].startswith("Allied countries") and body[0].endswith("in Paris.")
    assert "\n" in body[0]  # offsets index the file: the line breaks are still there
    assert_offsets(doc)


def test_plain_text_bullets_are_list_paragraphs() -> None:
    doc = parse_text(
        "Key Points\n\nThe summit agreed three things.\n"
        "- more air defense\n- training\n- funding\n",
        "l.txt",
    )
    assert paras(doc, "list") == ["- more air defense", "- training", "- funding"]


def test_no_title_line_uses_the_first_sentence() -> None:
    doc = parse_text("The talks ended early. Both delegations left Geneva.", "t.txt")
    assert doc.title == "The talks ended early."
    assert doc.title_span is None
    assert paras(doc) == ["The talks ended early. Both delegations left Geneva."]


def test_long_first_sentence_is_clipped_at_a_word() -> None:
    doc = parse_text("word " * 60 + "end.", "c.txt")
    assert doc.title.endswith("…") and len(doc.title) <= 90
    assert not doc.title[:-1].endswith(" ")


def test_a_sentence_is_not_mistaken_for_a_title() -> None:
    doc = parse_text("The minister resigned.\n\nHis deputy takes over on Monday.", "n.txt")
    assert doc.title_span is None
    assert len(doc.paragraphs) == 2


def test_headline_with_a_full_stop_is_a_title() -> None:
    text = "Stealth Over Health: Minister Was Headed to Hospital.\n\nThe report said so."
    doc = parse_text(text, "x.txt")
    assert doc.title_span == (0, 53)


def test_page_chrome_in_the_middle_is_furniture() -> None:
    doc = parse_text(
        "Title of Story\n\nFirst paragraph of the story.\nAdvertisement\nSecond paragraph here.",
        "ad.txt",
    )
    assert paras(doc, "furniture") == ["Advertisement"]
    assert paras(doc, "text") == ["First paragraph of the story.", "Second paragraph here."]


def test_short_lines_only_are_not_all_furniture() -> None:
    doc = parse_text("alpha\nbeta\ngamma\n", "short.txt")
    assert not [s for s in doc.sections if s.furniture]
    assert len(doc.body_paragraphs) >= 2


def test_offsets_survive_escapes_and_crlf() -> None:
    raw = "Title\r\n\x1b[31mRed\x1b[0m text here. Second \x07sentence.\r\n"
    doc = parse_text(raw, "e.txt")
    assert doc.text == "Title\nRed text here. Second sentence.\n"
    assert paras(doc) == ["Red text here. Second sentence."]
    assert [doc.text[s.start : s.end] for s in doc.sentences] == [
        "Title",
        "Red text here.",
        "Second sentence.",
    ]


def test_many_short_lines_and_one_long_line_read_linearly() -> None:
    # Proves these finish and keep their shape (bench/bench_readers.py measures the speed).
    many = read_plaintext("short line here\n" * 50_000, "many.txt")
    assert many.title_span == (0, 15)  # a short first line reads as the title
    assert len(many.paragraphs) == 49_999
    assert not [s for s in many.sections if s.furniture]  # a long run of short lines is content
    one = read_plaintext("word " * 500_000, "one.txt")
    assert len(one.paragraphs) == 1 and one.paragraphs[0].end == len(one.text) - 1
    assert len(split_sentences(one.text, one.paragraphs)) == 1


def test_web_page_with_breadcrumbs_byline_wire_dateline_and_footer() -> None:
    text = (
        "Home | World | Europe\n"
        "NATO Weighs New Air Defence Plan\n"
        "By Anna Kowalska\n"
        "Updated: Tuesday, 9 September 2025 14:02 CEST\n\n"
        "BRUSSELS (AP) — NATO defence ministers on Tuesday discussed a plan to buy more "
        'interceptors. "We need them now," said Mr. Rutte.\n\n'
        "The plan would cost €10 billion.\n\n"
        "Share this article\nTags: NATO, air defence\n"
        "© 2025 The Associated Press. All rights reserved.\n"
    )
    doc = parse_text(text, "page.txt")
    assert doc.title == "NATO Weighs New Air Defence Plan"
    assert (doc.date, doc.source) == ("2025-09-09", "AP")
    assert paras(doc, "text") == [
        "By Anna Kowalska",
        "NATO defence ministers on Tuesday discussed a plan to buy more interceptors. "
        '"We need them now," said Mr. Rutte.',
        "The plan would cost €10 billion.",
    ]
    assert paras(doc, "furniture") == [
        "Home | World | Europe",
        "Share this article",
        "Tags: NATO, air defence",
        "© 2025 The Associated Press. All rights reserved.",
    ]
    tail = [s for s in doc.sections if s.furniture]
    assert len(tail) == 1 and doc.text[tail[0].start : tail[0].end].startswith("Share this")
    assert_offsets(doc)


def test_underline_styles_are_distinct_levels() -> None:
    text = (
        "Title Here\n==========\n\nIntro text goes here. It explains.\n\n"
        "First Section\n-------------\n\nBody of first section.\n\n"
        "Sub point\n~~~~~~~~~\n\nDetails.\n"
    )
    doc = parse_text(text, "u.txt")
    assert doc.title_span == (0, 10)
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Title Here", 1),
        ("First Section", 2),
        ("Sub point", 3),
    ]


def test_title_over_hard_wrapped_text_without_a_blank_line() -> None:
    text = (
        "Allies Plan Air Shield\n"
        "Defence ministers from seven countries agreed on Thursday to pool their\n"
        "orders for interceptors, officials said after the meeting in Brussels,\n"
        "where the plan was first discussed last spring.\n"
    )
    doc = parse_text(text, "w.txt")
    assert doc.title == "Allies Plan Air Shield"
    body = paras(doc)
    assert len(body) == 1
    assert body[0].startswith("Defence ministers") and body[0].endswith("spring.")


def test_dateline_on_the_line_after_the_title_is_not_part_of_the_title() -> None:
    text = (
        "Allies weigh new air defence package\n"
        "date 2025-07-25 Officials in Brussels said on Friday that talks continue.\n\n"
        "Second paragraph here.\n"
    )
    doc = read_plaintext(text, "a.txt")
    assert doc.title == "Allies weigh new air defence package"
    assert doc.title_span == (0, len(doc.title))
    assert doc.date == "2025-07-25"
    first = doc.paragraphs[0]
    assert text[first.start : first.end].startswith("Officials in Brussels")


def test_date_line_right_under_the_title_gives_the_date() -> None:
    # The generated benchmark library and many saved pages look like this: no blank line
    # between the title and a date statement.
    for line, iso in (
        ("date 2025-06-15", "2025-06-15"),
        ("Published: 6 September 2025", "2025-09-06"),
        ("Updated on Sept. 6, 2025 10:30 GMT", "2025-09-06"),
    ):
        text = f"France Pledges $585 million for Patriot Batteries\n{line}\n\nBody text here.\n"
        doc = read_plaintext(text, "a.txt")
        assert doc.title == "France Pledges $585 million for Patriot Batteries", line
        assert doc.date == iso, line
        assert [text[p.start : p.end] for p in doc.paragraphs] == ["Body text here."]
