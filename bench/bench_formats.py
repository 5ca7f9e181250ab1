"""The format readers against their libraries' own extraction, on one core, side by side.

    .venv/bin/python bench/bench_formats.py [--pages DIR] [--count 400]

Rows (CPU seconds of this process, so one core):
- a 100-page text PDF report (written with fpdf2 here): ``parse_bytes`` with every pass
  (layout, sentences, quotes, entities) vs pypdfium2's bare ``get_text_range`` of every page;
- N saved web pages (default: the first 400 of ``--pages``): ``parse_bytes`` (trafilatura +
  layout + all passes) vs trafilatura's ``extract()`` with default settings;
- a Word memo and an e-mail newsletter (the test fixtures), 200 times each: ``parse_bytes`` vs
  python-docx's paragraph text / ``email``'s ``get_body().get_content()``.
Targets from issue 11: the PDF within 3 s; web pages at least 15 a second.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import io
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "parsers"))

import docfixtures as fx  # noqa: E402

from parsers import parse_bytes  # noqa: E402


def cpu(fn: Callable[[], object]) -> float:
    t = time.process_time()
    fn()
    return time.process_time() - t


def row(name: str, ours: float, ref: float, ref_name: str) -> None:
    ratio = ours / ref if ref else float("inf")
    print(f"{name:<34} ours {ours:7.3f} s   {ref_name} {ref:7.3f} s   ratio {ratio:5.1f}x")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", default="/work/shared/eval/html-dev/pages")
    ap.add_argument("--count", type=int, default=400)
    args = ap.parse_args()

    import pypdfium2 as pdfium

    pdf = fx.plain_pdf(100)

    def pdfium_text() -> None:
        doc = pdfium.PdfDocument(pdf)
        for page in doc:
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
        doc.close()

    parse_bytes(pdf, "warm.pdf")  # imports and gazetteers load once, as in the app
    doc = parse_bytes(pdf, "report.pdf")
    words = len(doc.text.split())
    row(
        f"PDF 100 pages ({words:,} words)",
        cpu(lambda: parse_bytes(pdf, "report.pdf")),
        cpu(pdfium_text),
        "pypdfium2 text",
    )

    pages_dir = Path(args.pages)
    files = sorted(pages_dir.glob("*.htm*"))[: args.count] if pages_dir.is_dir() else []
    if files:
        import trafilatura

        blobs = [f.read_bytes() for f in files]
        ours = cpu(lambda: [parse_bytes(b, f"p{i}.html") for i, b in enumerate(blobs)])
        ref = cpu(lambda: [trafilatura.extract(b) for b in blobs])
        row(f"{len(blobs)} web pages", ours, ref, "trafilatura extract()")
        print(
            f"{'':<34} ours {len(blobs) / ours:7.1f} pages/s  trafilatura "
            f"{len(blobs) / ref:7.1f} pages/s"
        )
    else:
        print(f"web pages: no folder {pages_dir} (pass --pages DIR)")

    import docx

    memo = fx.memo_docx()
    mail = fx.newsletter_eml(html=True)

    def docx_text() -> None:
        d = docx.Document(io.BytesIO(memo))
        "\n".join(p.text for p in d.paragraphs)

    def mail_text() -> None:
        m = email.message_from_bytes(mail, policy=email.policy.default)
        body = m.get_body(preferencelist=("html", "plain"))  # type: ignore[attr-defined]
        if body is not None:
            body.get_content()

    row(
        "Word memo x200",
        cpu(lambda: [parse_bytes(memo, "m.docx") for _ in range(200)]),
        cpu(lambda: [docx_text() for _ in range(200)]),
        "python-docx text",
    )
    row(
        "HTML newsletter e-mail x200",
        cpu(lambda: [parse_bytes(mail, "n.eml") for _ in range(200)]),
        cpu(lambda: [mail_text() for _ in range(200)]),
        "email get_content",
    )


if __name__ == "__main__":
    main()
