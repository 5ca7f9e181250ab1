"""Bad input in the new formats: one clear line (a ParseError or a warning), nothing else.

Giant inputs are generated here, cheaply (a sparse file, zeros that compress), never committed.
"""

from __future__ import annotations

import io
import re
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docfixtures as fx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parsers import Document, ParseError, parse_bytes, parse_file
from parsers.pdf_reader import MAX_PDF_PAGES

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def one_line(exc: pytest.ExceptionInfo[ParseError]) -> str:
    msg = str(exc.value)
    assert "\n" not in msg and "Traceback" not in msg and len(msg) < 300
    return msg


def clean(doc: Document) -> None:
    for value in (doc.text, doc.title, doc.source or "", doc.date or "", doc.author or ""):
        assert _CONTROL.search(value) is None


def test_200_mb_web_page_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as fh:  # sparse: costs no disk
        fh.write(b"<html><body><p>start")
        fh.truncate(200 * 1024 * 1024)
    with pytest.raises(ParseError) as exc:
        parse_file(path)
    assert "too large" in one_line(exc)


def test_50_mb_one_line_web_page_is_refused_in_one_line() -> None:
    data = b"<html><body><p>" + b"word " * (10 * 1024 * 1024) + b"</p></body></html>"
    with pytest.raises(ParseError) as exc:
        parse_bytes(data, "oneline.html")
    assert "too large" in one_line(exc)


def test_2000_page_pdf_reads_the_first_pages_with_a_warning() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=10)
    for i in range(2000):
        pdf.add_page()
        pdf.set_y(40)
        pdf.cell(0, 5, f"Entry {i} was recorded by the clerk.")
    doc = parse_bytes(bytes(pdf.output()), "long.pdf")
    assert f"the first {MAX_PDF_PAGES} of 2,000 pages" in " ".join(doc.warnings)
    assert "Entry 0 was recorded" in doc.text and "Entry 1999" not in doc.text


def test_encrypted_damaged_and_image_only_pdfs_say_which() -> None:
    import pypdfium2 as pdfium

    with pytest.raises(ParseError) as exc:
        parse_bytes(b"%PDF-1.7\n1 0 obj garbage", "broken.pdf")
    assert "damaged" in one_line(exc)
    blank = pdfium.PdfDocument.new()
    blank.new_page(595, 842)
    buf = io.BytesIO()
    blank.save(buf)
    with pytest.raises(ParseError) as exc:
        parse_bytes(buf.getvalue(), "scan.pdf")
    assert "no text layer; OCR it first" in one_line(exc)
    # encrypted: fpdf2 writes an owner/user password
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 5, "Secret text")
    with pytest.raises(ParseError) as exc:
        parse_bytes(bytes(pdf.output()), "locked.pdf")
    assert "encrypted" in one_line(exc)


def test_zip_bomb_disguised_as_docx_is_refused_before_unpacking() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            zeros = b"\0" * (1 << 20)
            for _ in range(210):
                fh.write(zeros)
    data = buf.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(ParseError) as exc:
        parse_bytes(data, "bomb.docx")
    assert "zip bomb" in one_line(exc)


def test_broken_docx_is_one_line() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<not really")
    with pytest.raises(ParseError) as exc:
        parse_bytes(buf.getvalue(), "broken.docx")
    assert "Word document" in one_line(exc)


@pytest.mark.parametrize(
    "raw",
    [
        b"From: a@b\nSubject: =?bogus?Q?x?=\nDate: not a date\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="zz"\n\n--zz\nContent-Type: text/plain\n\nbody',
        b"From: <<<@@@>>>\nTo: ,,,\nSubject: broken\nContent-Type: text/plain; charset=klingon\n"
        b"Content-Transfer-Encoding: base64\n\n!!!not base64!!!",
        b"Subject: x\nFrom: y\nReceived: z\nContent-Type: multipart/alternative\n\nno boundary",
        b"Subject: \xff\xfe\x00bad\nFrom: \x1b]2;pwned\x07 <a@b>\nDate: Thu, 99 Foo 2026\n\nhi",
    ],
)
def test_malformed_mime_gives_a_document_or_one_line(raw: bytes) -> None:
    try:
        doc = parse_bytes(raw, "bad.eml")
    except ParseError as exc:
        assert "\n" not in str(exc)
        return
    assert doc.format == "email"
    clean(doc)


def test_500_attachments_are_listed_up_to_a_limit() -> None:
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["Date"] = "Many", "a@b.org", "Thu, 5 Mar 2026 07:30:00 +0000"
    msg.set_content("See the attached files.")
    for i in range(500):
        msg.add_attachment(b"x", maintype="application", subtype="pdf", filename=f"f{i}.pdf")
    doc = parse_bytes(bytes(msg), "many.eml")
    assert len(doc.attachments) == 50
    assert "500 attachments" in " ".join(doc.warnings)


def test_scripts_and_javascript_links_never_reach_the_text() -> None:
    page = (
        "<html><head><script>var SECRET_SCRIPT = 1;</script>"
        "<style>.x{color:red} STYLE_TEXT</style></head><body><article>"
        + "".join(
            f"<p>Paragraph {i} of the article explains the decision in some detail, as "
            f'reporters do. <a href="javascript:steal({i})">link {i}</a></p>'
            f"<script>document.write('SCRIPT_{i}')</script>"
            f"<img src=x onerror=\"alert('XSS')\">"
            for i in range(40)
        )
        + "</article></body></html>"
    )
    doc = parse_bytes(page.encode(), "scripts.html")
    assert "Paragraph 3 of the article" in doc.text
    for bad in ("SECRET_SCRIPT", "SCRIPT_", "javascript", "STYLE_TEXT", "onerror", "alert("):
        assert bad not in doc.text


MARKUP = "[bold red]Alarm[/] [@click=app.quit]x[/]"
ESCAPES = "\x1b]2;pwned\x07\x1b[31mred\x1b[0m\x9b2J"


def test_markup_and_escapes_in_every_format_stay_plain_text() -> None:
    page = (
        f"<html><head><title>T {MARKUP}</title></head><body><article><p>Body {MARKUP} "
        f"and &#27;]2;owned&#7; plus {ESCAPES} in a long enough paragraph of prose.</p>"
        "</article></body></html>"
    )
    msg = EmailMessage()
    msg["Subject"] = f"Subject {MARKUP}"
    msg["From"] = "Desk <desk@example.org>"
    msg.set_content(f"Body {MARKUP} {ESCAPES} end.")
    import docx

    d = docx.Document()
    d.add_paragraph(f"Memo {MARKUP}", style="Title")
    d.add_paragraph(f"Body {MARKUP} end.")
    buf = io.BytesIO()
    d.save(buf)
    docs = [
        parse_bytes(page.encode(), "m.html"),
        parse_bytes(bytes(msg), "m.eml"),
        parse_bytes(buf.getvalue(), "m.docx"),
    ]
    for doc in docs:
        clean(doc)
        assert MARKUP in doc.text  # kept literally: the UI never reads it as markup


def test_report_pdf_text_is_clean() -> None:
    clean(parse_bytes(fx.report_pdf(2), "r.pdf"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    prefix=st.sampled_from(
        [
            b"%PDF-1.7\n",
            b"PK\x03\x04",
            b"<!DOCTYPE html><html><body>",
            b"From: a@b\nSubject: x\nDate: y\n",
            b"From a@b Thu Mar  5 07:30:00 2026\nFrom: a@b\nSubject: s\nDate: d\n",
        ]
    ),
    body=st.binary(max_size=400),
    name=st.sampled_from(["x.pdf", "x.docx", "x.html", "x.eml", "x.mbox", "x.txt"]),
)
def test_any_bytes_in_any_format_give_a_document_or_one_line(
    prefix: bytes, body: bytes, name: str
) -> None:
    try:
        doc = parse_bytes(prefix + body, name)
    except ParseError as exc:
        assert "\n" not in str(exc)
        return
    clean(doc)
    for p in doc.paragraphs:
        assert 0 <= p.start < p.end <= len(doc.text)
