"""The format readers on documents written by the format libraries: a report (PDF), a memo
(Word), a newsletter (e-mail), a saved web page; every offset indexes the text it names."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docfixtures as fx
import pytest

from parsers import Document, parse_bytes, parse_documents, parse_file
from parsers.sniff import sniff
from tui.cli.main import main


def shown(doc: Document) -> str:
    """The text a reader is shown: everything but furniture."""
    return "\n\n".join(doc.text[p.start : p.end] for p in doc.body_paragraphs)


def check_offsets(doc: Document) -> None:
    for p in doc.paragraphs:
        assert 0 <= p.start < p.end <= len(doc.text)
        assert doc.text[p.start : p.end].strip() == doc.text[p.start : p.end]
    for s in doc.sections:
        assert 0 <= s.start <= s.end <= len(doc.text)
        if s.title_start is not None:
            assert doc.text[s.title_start : s.title_end] == s.title
    for e in doc.entities:
        assert doc.text[e.start : e.end] == e.text
    for q in doc.quotes:
        assert doc.text[q.start : q.end] == q.text


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def report() -> Document:
    return parse_bytes(fx.report_pdf(pages=3), "report.pdf")


def test_pdf_report_sentences_whole_headers_and_page_numbers_gone(report: Document) -> None:
    assert report.format == "pdf"
    text = flat(shown(report))
    for sentence in fx.REPORT_SENTENCES:
        assert sentence in text
    assert "Delegates praised the spirit of cooperation shown during the negotiations." in text
    assert fx.REPORT_HEADER not in report.text
    assert re.search(r"Page \d+ of \d+", report.text) is None
    assert not re.search(r"(?m)^\d+$", report.text)
    check_offsets(report)


def test_pdf_report_title_and_headings(report: Document) -> None:
    assert report.title == fx.REPORT_TITLE
    assert report.text.startswith(fx.REPORT_TITLE)
    heads = [(s.title, s.level) for s in report.sections if s.title]
    assert heads == [(fx.REPORT_TITLE, 1)] + [(name, 2) for name in fx.REPORT_SECTIONS]
    kinds = {report.text[p.start : p.end]: p.kind for p in report.paragraphs}
    assert all(kinds[name] == "heading" for name in fx.REPORT_SECTIONS)


def test_pdf_sentence_across_a_page_break_is_whole() -> None:
    doc = parse_bytes(fx.split_sentence_pdf(), "split.pdf")
    paras = [doc.text[p.start : p.end] for p in doc.body_paragraphs]
    assert fx.SPLIT_SENTENCE + " A later sentence follows." in paras
    assert "Earlier paragraph that ends here." in paras
    assert fx.REPORT_HEADER not in doc.text and "- 1 -" not in doc.text
    assert any(doc.text[s.start : s.end] == fx.SPLIT_SENTENCE for s in doc.sentences)


def test_pdf_two_columns_are_read_column_by_column() -> None:
    doc = parse_bytes(fx.two_column_pdf(), "columns.pdf")
    assert doc.title == "Two Column Study"
    paras = [doc.text[p.start : p.end] for p in doc.body_paragraphs]
    assert paras == [" ".join(fx.LEFT_COLUMN), " ".join(fx.RIGHT_COLUMN)]


def test_docx_memo_title_nested_sections_lists_tables() -> None:
    doc = parse_bytes(fx.memo_docx(), "memo.docx")
    assert doc.format == "docx"
    assert doc.title == fx.MEMO_TITLE
    assert doc.author == "Policy Unit" and doc.date == "2026-03-04"
    heads = [(s.title, s.level) for s in doc.sections if s.title]
    assert heads == [(fx.MEMO_TITLE, 1)] + [(n, lvl + 1) for n, lvl in fx.MEMO_HEADINGS]
    kinds = [p.kind for p in doc.paragraphs]
    assert "list" in kinds and "table" in kinds
    lst = next(p for p in doc.paragraphs if p.kind == "list")
    assert doc.text[lst.start : lst.end] == "• Estonia\n• Latvia\n• Lithuania"
    table = next(p for p in doc.paragraphs if p.kind == "table")
    assert doc.text[table.start : table.end] == "Item | Cost\nRadar | EUR 40 million"
    assert "SECRET COMMENT TEXT" not in doc.text
    assert "DELETED WORDS" not in doc.text
    check_offsets(doc)


def test_plain_email_title_date_source_and_furniture() -> None:
    doc = parse_bytes(fx.newsletter_eml(), "brief.eml")
    assert doc.format == "email"
    assert doc.title == fx.NEWSLETTER_SUBJECT
    assert doc.date == "2026-03-05"
    assert doc.source == "Defence Desk"
    text = flat(shown(doc))
    assert "agreed on Tuesday to buy air defence together. The deal was announced" in text
    for gone in ("earlier message", "wrote:", "Unsubscribe", "Riga office"):
        assert gone not in text
        assert gone in doc.text  # kept as furniture, not lost
    check_offsets(doc)


def test_html_email_goes_through_the_web_page_reader() -> None:
    doc = parse_bytes(fx.newsletter_eml(html=True), "brief.eml")
    text = flat(shown(doc))
    assert "the first batteries would arrive within three years" in text
    assert "Manage preferences" not in text
    assert doc.title == fx.NEWSLETTER_SUBJECT


def test_email_attachments_are_listed_and_open_as_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "brief.eml"
    path.write_bytes(
        fx.newsletter_eml(attachments={"report.pdf": fx.report_pdf(2), "logo.png": b"\x89PNG"})
    )
    doc = parse_file(path)
    assert doc.attachments == [f"{path}#report.pdf"]
    assert "report.pdf" in doc.text and "logo.png" in doc.text
    inner = parse_file(f"{path}#report.pdf")
    assert inner.format == "pdf" and inner.title == fx.REPORT_TITLE
    assert inner.path == f"{path}#report.pdf"
    assert main(["parse", str(path), f"{path}#report.pdf"]) == 0
    out = capsys.readouterr().out
    assert f"attachment: {path}#report.pdf" in out
    assert f"title:  {fx.REPORT_TITLE}" in out


def test_mbox_gives_one_document_per_message(tmp_path: Path) -> None:
    one = fx.newsletter_eml()
    two = one.replace(fx.NEWSLETTER_SUBJECT.encode(), b"Evening Brief")
    box = b"From desk@example.org Thu Mar  5 07:30:00 2026\n" + one + b"\n"
    box += b"From desk@example.org Thu Mar  5 19:30:00 2026\n" + two + b"\n"
    docs = parse_documents(box, "daily.mbox")
    assert [d.title for d in docs] == [fx.NEWSLETTER_SUBJECT, "Evening Brief"]
    assert [d.path for d in docs] == ["daily.mbox#1", "daily.mbox#2"]
    (tmp_path / "daily.mbox").write_bytes(box)
    assert parse_file(f"{tmp_path / 'daily.mbox'}#2").title == "Evening Brief"


PAGE = (
    "<!DOCTYPE html><html><head><title>Ministers agree plan | Example News</title>"
    '<meta name="author" content="Ann Writer"><meta property="og:site_name" content="Example News">'
    '<meta property="article:published_time" content="2026-03-05"></head><body>'
    "<nav><a href='/'>Home</a> <a href='/world'>World</a> <a href='/sport'>Sport</a></nav>"
    "<article><h1>Ministers agree plan</h1>"
    "<p>Ministers from the three Baltic states agreed on Tuesday to buy air defence together, "
    "officials said after a long meeting in the capital.</p>"
    "<h2>What comes next</h2>"
    "<p>The first batteries would arrive within three years, and the contract would be managed "
    "jointly by the procurement agencies of all three countries.</p>"
    "<ul><li>Six batteries</li><li>Shared training</li></ul>"
    "<blockquote><p>This is a demonstration of regional solidarity and resolve.</p></blockquote>"
    "<table><tr><td>Item</td><td>Cost</td></tr><tr><td>Radar</td><td>40 million</td></tr></table>"
    "<p>Read more at <a href=\"javascript:alert('x')\">this link</a> for the details.</p>"
    "</article><footer><p>Copyright Example News. Cookie settings. Privacy policy.</p></footer>"
    "<script>document.write('INJECTED SCRIPT TEXT')</script></body></html>"
)


def test_web_page_main_text_metadata_and_kinds() -> None:
    doc = parse_bytes(PAGE.encode(), "page.html")
    assert doc.format == "html"
    assert doc.title == "Ministers agree plan"
    assert doc.source == "Example News" and doc.author == "Ann Writer"
    assert doc.date == "2026-03-05"
    kinds = {doc.text[p.start : p.end]: p.kind for p in doc.paragraphs}
    assert kinds["What comes next"] == "heading"
    assert kinds["• Six batteries\n• Shared training"] == "list"
    assert kinds["This is a demonstration of regional solidarity and resolve."] == "blockquote"
    assert kinds["Item | Cost\nRadar | 40 million"] == "table"
    assert "Read more at this link for the details." in doc.text  # links as plain text
    for gone in ("INJECTED", "javascript", "Cookie settings", "Sport"):
        assert gone not in doc.text
    assert [s.title for s in doc.sections if s.title] == ["Ministers agree plan", "What comes next"]
    check_offsets(doc)


@pytest.mark.parametrize(
    ("data", "name", "reader"),
    [
        (PAGE.encode(), "saved.txt", "html"),
        (b"<html><body><p>x</p></body></html>", "noext", "html"),
        (None, "forwarded.txt", "email"),
        (b"%PDF-1.4\n", "report", "pdf"),
        (b"# Title\n\nBody.", "notes.md", "markdown"),
        (b"Subject: not a mail, one line only\n\nBody text.", "a.txt", "text"),
        (b"Plain prose about <b>bold</b> claims.", "a.txt", "text"),
    ],
)
def test_readers_are_chosen_by_content_then_suffix(
    data: bytes | None, name: str, reader: str
) -> None:
    assert sniff(data if data is not None else fx.newsletter_eml(), name) == reader


def test_html_saved_as_txt_is_read_as_a_web_page() -> None:
    doc = parse_bytes(PAGE.encode(), "saved.txt")
    assert doc.format == "html" and "<p>" not in doc.text


def test_parse_json_emits_kind_for_every_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.pdf").write_bytes(fx.report_pdf(2))
    (tmp_path / "b.docx").write_bytes(fx.memo_docx())
    (tmp_path / "c.eml").write_bytes(fx.newsletter_eml())
    (tmp_path / "d.html").write_text(PAGE, encoding="utf-8")
    assert main(["parse", "--json", str(tmp_path)]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [d["format"] for d in docs] == ["pdf", "docx", "email", "html"]
    for d in docs:
        kinds = {p["kind"] for p in d["paragraphs"]}
        assert "heading" in kinds or d["format"] == "email"
        for p in d["paragraphs"]:
            assert d["text"][p["start"] : p["end"]].strip()
    assert any(p["kind"] == "furniture" for p in docs[2]["paragraphs"])
