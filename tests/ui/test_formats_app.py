"""The reader opens PDF, Word, e-mail (with a mailbox and an attachment) like any briefing."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import pilot_test, wait_for

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "parsers"))

import docfixtures as fx

from tui.ui.app import BriefingApp
from tui.ui.widgets.document_list import entry_prompt


@pilot_test
async def test_folder_of_pdf_docx_and_mail_opens_with_formats_listed(tmp_path: Path) -> None:
    (tmp_path / "a-report.pdf").write_bytes(fx.report_pdf(2))
    (tmp_path / "b-memo.docx").write_bytes(fx.memo_docx())
    (tmp_path / "c-brief.eml").write_bytes(
        fx.newsletter_eml(attachments={"annex.pdf": fx.report_pdf(2)})
    )
    one = fx.newsletter_eml()
    box = b"From a@b Thu Mar  5 07:30:00 2026\n" + one + b"\nFrom a@b Thu Mar  5 08:00:00 2026\n"
    box += one.replace(fx.NEWSLETTER_SUBJECT.encode(), b"Second message")
    (tmp_path / "d-daily.mbox").write_bytes(box)
    app = BriefingApp([str(tmp_path), f"{tmp_path / 'c-brief.eml'}#annex.pdf"])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: not app.loading and len(app.document_list.paths) == 6)
        library = app.library
        assert library is not None
        entries = {e.path: e for e in library.entries}
        titles = {e.title for e in entries.values()}
        assert {fx.REPORT_TITLE, fx.MEMO_TITLE, fx.NEWSLETTER_SUBJECT, "Second message"} <= titles
        prompts = {p: entry_prompt(e).plain for p, e in entries.items()}
        assert "PDF" in prompts[str(tmp_path / "a-report.pdf")]
        assert "Word" in prompts[str(tmp_path / "b-memo.docx")]
        assert "e-mail" in prompts[f"{tmp_path / 'd-daily.mbox'}#2"]
        assert "PDF" in prompts[f"{tmp_path / 'c-brief.eml'}#annex.pdf"]
        assert library.problems == []
