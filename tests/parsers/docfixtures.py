"""Documents written by the libraries themselves, as a report, a memo and a newsletter look.

Shared by the reader tests and the bad-input tests; nothing here is committed as a binary.
"""

from __future__ import annotations

import datetime as dt
import io
from email.message import EmailMessage
from email.utils import format_datetime

REPORT_TITLE = "Baltic Air Defence Review"
REPORT_HEADER = "Northern Security Institute | Occasional Paper 14"
REPORT_SECTIONS = ("Summary", "Procurement", "Outlook")
#: Sentences of the report body; each must come out whole in the extracted text.
REPORT_SENTENCES = (
    "Estonia, Latvia and Lithuania agreed in March to buy medium-range air defence together.",
    "The joint order covers six batteries and is expected to be signed before the summer.",
    "Officials in Tallinn said the first deliveries could arrive within three years.",
    "The procurement agency will manage the contract on behalf of all three governments.",
    "Analysts warned that interoperability with existing radars remains an unresolved question.",
    "Training for the crews is planned at a range in Poland from the autumn onward.",
    "The ministers described the agreement as a demonstration of regional solidarity.",
    "A second phase would add short-range systems and shared command software.",
    "Funding for that phase depends on the next multiannual budget negotiation.",
    "Parliamentary approval is required in each of the three capitals before any payment.",
)


def report_pdf(pages: int = 3, two_columns: bool = False) -> bytes:
    """A report: large title, running header, "Page N of M" footers, headings in bold, body
    paragraphs that cross page breaks, one word hyphenated at a line end."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, REPORT_HEADER, align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=8)
            self.cell(0, 6, f"Page {self.page_no()} of {{nb}}", align="C")

    pdf = Report(format="A4")
    pdf.alias_nb_pages()
    pdf.set_auto_page_break(True, margin=25)
    pdf.set_title(REPORT_TITLE)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=22)
    pdf.multi_cell(0, 10, REPORT_TITLE)
    pdf.ln(4)
    body = list(REPORT_SENTENCES)
    per_section = max(1, len(body) // len(REPORT_SECTIONS))
    k = 0
    for s, name in enumerate(REPORT_SECTIONS):
        pdf.set_font("Helvetica", "B", size=15)
        pdf.multi_cell(0, 8, name)
        pdf.ln(2)
        pdf.set_font("Helvetica", size=11)
        chunk = body[k : k + per_section] if s < len(REPORT_SECTIONS) - 1 else body[k:]
        k += per_section
        # Each sentence repeated as filler would change the text; pad with plain paragraphs.
        text = " ".join(chunk)
        pdf.multi_cell(0, 6, text)
        pdf.ln(4)
        filler = "The committee reviewed the matter in detail and recorded its findings. " * 6
        for _ in range(max(0, pages - 1) * 2):
            pdf.multi_cell(0, 6, filler.strip())
            pdf.ln(4)
    # A word hyphenated at a line end, written line by line.
    pdf.cell(0, 6, "Delegates praised the spirit of coop-", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, "eration shown during the negotiations.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def plain_pdf(pages: int, words_per_page: int = 450) -> bytes:
    """A long plain report (benchmarks, limits): numbered pages of ordinary sentences."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    names = ("Anna Berg", "Jonas Lind", "Maria Holm", "Erik Sand")
    for n in range(pages):
        pdf.add_page()
        pdf.set_y(20)
        sentences = [
            f"Minister {names[(n + k) % 4]} said on Tuesday that the Ministry of Defence in "
            f"Stockholm would order {k + 2} more radars for the {n + 1}th regiment. "
            for k in range(max(1, words_per_page // 25))
        ]
        pdf.multi_cell(0, 5, "".join(sentences))
        pdf.set_y(-15)
        pdf.cell(0, 6, str(n + 1), align="C")
    return bytes(pdf.output())


MEMO_TITLE = "Memo on Regional Air Defence"
MEMO_HEADINGS = (("Background", 1), ("Partners", 2), ("Costs", 2), ("Next steps", 1))


def memo_docx(*, comment: bool = True, tracked: bool = True) -> bytes:
    """A memo: Title style, nested Heading 1/2 sections, a bulleted list, a table, a comment
    and a tracked deletion (neither of which may reach the text)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = docx.Document()
    d.core_properties.author = "Policy Unit"
    d.core_properties.created = dt.datetime(2026, 3, 4, 9, 0)
    d.add_paragraph(MEMO_TITLE, style="Title")
    for name, level in MEMO_HEADINGS:
        d.add_heading(name, level=level)
        p = d.add_paragraph(f"The {name.lower()} of the plan were discussed by the working group.")
        if name == "Partners":
            for c in ("Estonia", "Latvia", "Lithuania"):
                d.add_paragraph(c, style="List Bullet")
        if name == "Costs":
            t = d.add_table(rows=2, cols=2)
            t.cell(0, 0).text, t.cell(0, 1).text = "Item", "Cost"
            t.cell(1, 0).text, t.cell(1, 1).text = "Radar", "EUR 40 million"
        if comment and name == "Background":
            d.add_comment(p.runs[0], text="SECRET COMMENT TEXT", author="Reviewer")
        if tracked and name == "Next steps":
            deleted = OxmlElement("w:del")
            deleted.set(qn("w:id"), "1")
            deleted.set(qn("w:author"), "Editor")
            run = OxmlElement("w:r")
            dtext = OxmlElement("w:delText")
            dtext.text = " DELETED WORDS"
            run.append(dtext)
            deleted.append(run)
            p._p.append(deleted)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


NEWSLETTER_SUBJECT = "Morning Brief: ministers agree air defence plan"
NEWSLETTER_FROM = "Defence Desk <desk@example.org>"
NEWSLETTER_DATE = dt.datetime(2026, 3, 5, 7, 30, tzinfo=dt.UTC)


def newsletter_eml(*, html: bool = False, attachments: dict[str, bytes] | None = None) -> bytes:
    """A newsletter: body, a quoted reply, a signature and an unsubscribe footer."""
    msg = EmailMessage()
    msg["Subject"] = NEWSLETTER_SUBJECT
    msg["From"] = NEWSLETTER_FROM
    msg["To"] = "analyst@example.org"
    msg["Date"] = format_datetime(NEWSLETTER_DATE)
    plain = (
        "Ministers from the three Baltic states agreed on Tuesday to buy air defence together.\n"
        "The deal was announced in Riga after a long meeting.\n\n"
        "On Monday, Desk <desk@example.org> wrote:\n"
        "> An earlier message that must not be shown.\n"
        "> Second quoted line.\n\n"
        "You are receiving this newsletter because you subscribed. Unsubscribe or manage "
        "preferences at any time.\n\n"
        "-- \nThe Defence Desk\nRiga office\n"
    )
    msg.set_content(plain)
    if html:
        msg.add_alternative(
            "<html><head><title>Brief</title></head><body><article>"
            "<h1>Morning Brief</h1>"
            "<p>Ministers from the three Baltic states agreed on Tuesday to buy air defence "
            "together. The deal was announced in Riga after a long meeting.</p>"
            "<p>Officials said the first batteries would arrive within three years, and the "
            "contract would be managed jointly.</p>"
            "</article><footer><p>Unsubscribe | Manage preferences | View in browser</p>"
            "</footer></body></html>",
            subtype="html",
        )
    for name, data in (attachments or {}).items():
        maintype, subtype = (
            ("application", "pdf") if name.endswith(".pdf") else ("application", "octet-stream")
        )
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(msg)


SPLIT_SENTENCE = "The council will meet again in Vilnius next month to sign the final contract."


def split_sentence_pdf() -> bytes:
    """One sentence that starts at the foot of page 1 and ends at the top of page 2, between a
    page number and a running header."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for n, body in enumerate(
        (
            ["Earlier paragraph that ends here.", "", "The council will meet again in"],
            ["Vilnius next month to sign the final contract.", "A later sentence follows."],
        )
    ):
        pdf.add_page()
        pdf.set_font("Helvetica", size=8)
        pdf.set_y(8)
        pdf.cell(0, 5, REPORT_HEADER, align="C")
        pdf.set_font("Helvetica", size=11)
        pdf.set_y(25 if n else 250)
        for line in body:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-15)
        pdf.set_font("Helvetica", size=8)
        pdf.cell(0, 5, f"- {n + 1} -", align="C")
    return bytes(pdf.output())


LEFT_COLUMN = (
    "The left column opens the article with the first finding of the review.",
    "It continues with a second sentence that belongs to the same column.",
)
RIGHT_COLUMN = (
    "The right column is read only after the whole left column is finished.",
    "It closes the page with the last sentence of the two columns.",
)


def two_column_pdf() -> bytes:
    """A page with a full-width title over two columns, written line by line side by side, so
    the content stream alternates left and right lines."""
    import textwrap

    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", size=20)
    pdf.set_xy(10, 20)
    pdf.cell(190, 10, "Two Column Study")
    pdf.set_font("Helvetica", size=10)
    left = textwrap.wrap(" ".join(LEFT_COLUMN), 45)
    right = textwrap.wrap(" ".join(RIGHT_COLUMN), 45)
    for i in range(max(len(left), len(right))):
        y = 40 + i * 5
        if i < len(left):
            pdf.set_xy(10, y)
            pdf.cell(90, 5, left[i])
        if i < len(right):
            pdf.set_xy(110, y)
            pdf.cell(90, 5, right[i])
    return bytes(pdf.output())
