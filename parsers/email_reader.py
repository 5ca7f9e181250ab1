"""E-mail (``.eml``) and mailboxes (``.mbox``, one document per message) with the standard
library's ``email`` package and its modern policy.

Subject → title, Date → date (ISO), From → source (the display name, else the address). The
HTML part goes through the web-page reader when there is one, else the plain part is read:
quoted replies (``>`` lines and the "On ... wrote:" line before them), the signature (after a
``-- `` line) and newsletter footers (unsubscribe, manage preferences, view in browser) are kept
as ``furniture``: in the text, not shown.

Attachments that are documents (PDF, Word, web pages, text, other e-mails) are listed in
``Document.attachments`` as ``message.eml#name`` and under an "Attachments" heading; parsing
that path opens the attachment as a document of its own. A mailbox's messages are
``box.mbox#1``, ``box.mbox#2``, ...
"""

from __future__ import annotations

import email
import email.policy
import os
import re
from email.message import EmailMessage, Message
from email.utils import parsedate_to_datetime

from parsers.blocks import Block, build_document
from parsers.model import Document, ParseError

#: Messages read from one mailbox, and attachments listed from one message, at most.
MAX_MESSAGES = 5_000
MAX_ATTACHMENTS = 50
DOCUMENT_ATTACHMENTS = (
    ".pdf",
    ".docx",
    ".html",
    ".htm",
    ".eml",
    ".txt",
    ".md",
    ".markdown",
)
_FOOTER = re.compile(
    r"unsubscribe|manage (?:your )?(?:e-?mail )?(?:preferences|subscription)|"
    r"update (?:your )?preferences|view (?:this (?:e-?mail|message) )?in (?:your |a )?browser|"
    r"you (?:are )?receiv(?:ed|ing) this (?:e-?mail|message|newsletter)|"
    r"(?:e-?mail|newsletter) (?:was )?sent (?:to|by)|opt[ -]out",
    re.I,
)
_WROTE = re.compile(r"^(?:On .{4,200} wrote:|.{2,100} (?:schrieb|a écrit|escribió)\s?.{0,80}:)\s*$")
_ORIGINAL = re.compile(r"^-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}", re.I)
_MBOX_SPLIT = re.compile(rb"(?:\A|\r?\n)From [^\n]*\n")


def read_mail(data: bytes, path: str, *, mbox: bool, part: str | None) -> list[Document] | bytes:
    """Documents of a message or mailbox; for ``part`` naming an attachment, its bytes."""
    if mbox:
        raw = [m for m in _MBOX_SPLIT.split(data) if m.strip()]
        if not raw:
            raise ParseError("empty mailbox")
        if len(raw) > MAX_MESSAGES:
            raw = raw[:MAX_MESSAGES]
        if part is not None and part.isdigit():
            n = int(part)
            if not 1 <= n <= len(raw):
                raise ParseError(f"no message {n} in this mailbox ({len(raw)} messages)")
            return [_read_message(_message(raw[n - 1]), f"{path}#{n}")]
        docs = [_read_message(_message(m), f"{path}#{k + 1}") for k, m in enumerate(raw)]
        if part is not None:
            raise ParseError(f"no part {part!r} in this mailbox (name a message by number)")
        return docs
    msg = _message(data)
    if part is not None:
        return _attachment(msg, part)
    return [_read_message(msg, path)]


def _message(data: bytes) -> EmailMessage:
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:
        raise ParseError(f"malformed e-mail ({type(exc).__name__})") from None
    assert isinstance(msg, EmailMessage)
    return msg


def _header(msg: Message, name: str) -> str | None:
    try:
        value = msg.get(name)
    except Exception:  # a malformed header the policy could not parse
        return None
    return " ".join(str(value).split()) if value else None


def _read_message(msg: EmailMessage, path: str) -> Document:
    subject = _header(msg, "subject")
    date = None
    raw_date = _header(msg, "date")
    if raw_date:
        try:
            date = parsedate_to_datetime(raw_date).date().isoformat()
        except (TypeError, ValueError, IndexError, OverflowError):
            date = None
    source = _sender(msg)
    blocks: list[Block] = []
    body = _body(msg)
    if body is not None:
        ctype, content = body
        if ctype == "text/html":
            from parsers.html_reader import html_blocks

            found, _ = html_blocks(content)
            blocks = [_footer_check(b) for b in found]
        else:
            blocks = _plain_blocks(content)
    names = _attachment_names(msg)
    attachments = [f"{path}#{n}" for n in names if n.lower().endswith(DOCUMENT_ATTACHMENTS)]
    if names:
        blocks.append(Block("heading", "Attachments", 2))
        blocks.append(Block("list", "\n".join("• " + n for n in names[:MAX_ATTACHMENTS])))
    doc = build_document(
        path,
        "email",
        blocks,
        title=subject,
        date=date,
        source=source,
        fallback_title=subject or os.path.basename(path),
    )
    doc.attachments = attachments[:MAX_ATTACHMENTS]
    if len(names) > MAX_ATTACHMENTS:
        doc.warnings.append(f"{len(names):,} attachments; the first {MAX_ATTACHMENTS} are listed")
    if body is None:
        doc.warnings.append("no readable text part in this message")
    return doc


def _sender(msg: EmailMessage) -> str | None:
    try:
        header = msg.get("from")
        addresses = getattr(header, "addresses", ()) if header is not None else ()
        if addresses:
            a = addresses[0]
            return " ".join((a.display_name or a.addr_spec or "").split()) or None
    except Exception:
        pass
    return _header(msg, "from")


def _body(msg: EmailMessage) -> tuple[str, str] | None:
    try:
        part = msg.get_body(preferencelist=("html", "plain"))
    except Exception:
        part = None
    if part is None:
        return None
    ctype = part.get_content_type()
    try:
        content = part.get_content()
    except Exception:  # an unknown charset or broken transfer encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return None
    return ctype, content


def _attachment_names(msg: EmailMessage) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    try:
        for k, att in enumerate(msg.iter_attachments()):
            name = _safe_name(att.get_filename() or f"attachment-{k + 1}")
            if name in seen:
                name = f"{k + 1}-{name}"
            seen.add(name)
            names.append(name)
    except Exception:
        pass
    return names


def _safe_name(name: str) -> str:
    """An attachment's name fit to show and to put after ``#``: one line, no path, no '#'."""
    name = os.path.basename(name.replace("\\", "/"))
    name = "".join(ch for ch in name if ch.isprintable() and ch not in "#/")
    return name.strip()[:200] or "attachment"


def _attachment(msg: EmailMessage, name: str) -> bytes:
    try:
        for k, att in enumerate(msg.iter_attachments()):
            got = _safe_name(att.get_filename() or f"attachment-{k + 1}")
            if name in (got, f"{k + 1}-{got}"):
                payload = att.get_payload(decode=True)
                if isinstance(payload, bytes):
                    return payload
                if isinstance(payload, list) and payload:  # an attached message/rfc822
                    inner = payload[0]
                    return bytes(inner.as_bytes()) if isinstance(inner, Message) else b""
                return b""
    except ParseError:
        raise
    except Exception as exc:
        raise ParseError(f"malformed attachment ({type(exc).__name__})") from None
    raise ParseError(f"no attachment named {name!r} in this message")


def _footer_check(block: Block) -> Block:
    if block.kind in ("text", "list") and len(block.text) < 600 and _FOOTER.search(block.text):
        return Block("furniture", block.text)
    return block


def _plain_blocks(text: str) -> list[Block]:
    """A plain-text body as blocks: quoted replies, signatures and footers as furniture."""
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    sig = next((i for i, ln in enumerate(lines) if ln in ("-- ", "--")), None)
    body_lines = lines if sig is None else lines[:sig]
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if not para:
            return
        chunk = "\n".join(para)
        quoted = all(ln.lstrip().startswith(">") for ln in para)
        head = para[0].strip()
        footer = len(chunk) < 600 and _FOOTER.search(chunk) is not None
        if quoted or footer or _WROTE.match(head) or _ORIGINAL.match(head):
            blocks.append(Block("furniture", chunk))
        else:
            kind = "list" if all(re.match(r"\s*[-*•]\s", ln) for ln in para) else "text"
            if kind == "list":
                chunk = "\n".join("• " + re.sub(r"^\s*[-*•]\s+", "", ln) for ln in para)
                blocks.append(Block("list", chunk))
            else:
                blocks.append(Block("text", " ".join(ln.strip() for ln in para)))
        para.clear()

    in_original = False
    for ln in body_lines:
        if _ORIGINAL.match(ln.strip()):
            flush()
            in_original = True
        if in_original:
            para.append(ln)
            continue
        if not ln.strip():
            flush()
            continue
        # a change between quoted and unquoted lines starts a new block
        if para and para[-1].lstrip().startswith(">") != ln.lstrip().startswith(">"):
            flush()
        if _WROTE.match(ln.strip()):
            flush()
            blocks.append(Block("furniture", ln))
            continue
        para.append(ln)
    if in_original:
        blocks.append(Block("furniture", "\n".join(para)))
        para.clear()
    flush()
    if sig is not None:
        signature = "\n".join(lines[sig:]).strip()
        if signature:
            blocks.append(Block("furniture", signature))
    return blocks
