"""Notes on extracted text (web pages, PDF) follow their passage when the extraction changes,
exactly as after an edit of a plain-text file."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "parsers"))

import docfixtures as fx

from parsers import parse_bytes
from tui.notes.anchoring import content_hash, make_anchor, resolve

PASSAGE = "Officials in Tallinn said the first deliveries could arrive within three years."


def test_note_on_a_pdf_follows_its_sentence_when_the_extraction_changes() -> None:
    old = parse_bytes(fx.report_pdf(pages=2), "r.pdf").text
    start = old.index(PASSAGE)
    anchor = make_anchor("r.pdf", old, start, start + len(PASSAGE))
    assert resolve(anchor, old, content_hash(old)).method == "position"
    # a later extraction (say, a new reader version) lays the same file out differently
    new = "A preface the new reader finds.\n\n" + old.replace("\n\n", "\n\n\n", 3)
    res = resolve(anchor, new, content_hash(new))
    assert not res.orphaned and new[res.start : res.end] == PASSAGE


def test_note_on_a_web_page_follows_its_sentence_when_the_page_is_saved_again() -> None:
    body = (
        "<p>Ministers from the three Baltic states agreed on Tuesday to buy air defence "
        "together, officials said after a long meeting in the capital.</p>"
        f"<p>{PASSAGE} The contract would be managed jointly by all three countries.</p>"
    )
    page = f"<html><head><title>Plan</title></head><body><article>{body}</article></body></html>"
    old = parse_bytes(page.encode(), "p.html").text
    start = old.index(PASSAGE)
    anchor = make_anchor("p.html", old, start, start + len(PASSAGE))
    again = page.replace(
        "<article>",
        "<article><h2>Update</h2><p>A correction was added "
        "at the top of the article by the editors today.</p>",
    )
    new = parse_bytes(again.encode(), "p.html").text
    assert new != old
    res = resolve(anchor, new, content_hash(new))
    assert not res.orphaned and new[res.start : res.end] == PASSAGE
