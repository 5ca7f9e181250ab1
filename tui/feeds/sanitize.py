"""Untrusted HTML from feeds and pages to plain Markdown: text and structure, nothing active.

A stored article must never carry a script, an event handler or a ``javascript:`` link, even
for a program other than this reader that renders the Markdown. So no markup survives at all:
lxml_html_clean drops scripts, styles, forms, frames and embeds; the tree is then walked for
text only (headings, paragraphs, lists, block quotes, code), links become their words (no
targets), and every character Markdown would read as markup (``<``, ``[``, ``*``, ``&`` ...) is
escaped with a backslash, which the reader shows as the character itself.
"""

from __future__ import annotations

import re
from typing import Any

from tui.core.text import multi_line, one_line

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "form",
    "button",
    "select",
    "textarea",
    "input",
    "svg",
    "math",
    "head",
    "title",
    "meta",
    "link",
    "nav",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "address",
    "dl",
    "dt",
    "dd",
    "ul",
    "ol",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "hr",
    "body",
    "html",
    "center",
    "details",
    "summary",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_ESCAPE = re.compile(r"([\\`*_\[\]<>&|~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])(?=\s|$)")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
#: HTML nested deeper than this is read flat: lxml and the walk both recurse.
MAX_DEPTH = 200


def escape(text: str) -> str:
    """``text`` as Markdown that renders to exactly ``text`` (one block, no markup)."""
    text = _ESCAPE.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def html_to_markdown(html: str) -> str:
    """The text of an HTML fragment or page as safe Markdown blocks."""
    if not html or not html.strip():
        return ""
    try:
        import lxml.html
        from lxml_html_clean import Cleaner

        root = lxml.html.fragment_fromstring(html, create_parent="div")
        cleaner = Cleaner(
            scripts=True,
            javascript=True,
            comments=True,
            style=True,
            inline_style=True,
            links=True,
            meta=True,
            page_structure=False,
            processing_instructions=True,
            embedded=True,
            frames=True,
            forms=True,
            annoying_tags=True,
            remove_unknown_tags=False,
            safe_attrs_only=True,
        )
        root = cleaner.clean_html(root)
    except Exception:  # lxml refuses some bytes; the text alone is still worth keeping
        return text_to_markdown(re.sub(r"<[^>]*>", " ", html))
    writer = _Writer()
    try:
        writer.walk(root, 0)
    except RecursionError:
        return text_to_markdown(" ".join(root.itertext()))
    writer.flush()
    return "\n\n".join(writer.blocks)


def title_text(title: str) -> str:
    """A title that may carry markup (feeds send HTML titles) as one line of plain text."""
    if not re.search(r"<[a-zA-Z!/?]", title):
        return one_line(title)
    blocks = html_to_markdown(title)
    return one_line(re.sub(r"\\(.)", r"\1", blocks.replace("\n", " ")).lstrip("#- "))


def text_to_markdown(text: str) -> str:
    """Plain text (paragraphs separated by blank lines) as escaped Markdown."""
    paras = [one_line(p) for p in re.split(r"\n\s*\n", multi_line(text))]
    return "\n\n".join(escape(p) for p in paras if p)


class _Writer:
    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.buf: list[str] = []
        self.quote = 0
        self.lists: list[str] = []  # "ul" or "ol" per open list
        self.last_item = False

    def flush(self, marker: str = "") -> None:
        text = one_line(_SPACE.sub(" ", "".join(self.buf)))
        self.buf = []
        if not text:
            return
        line = marker + escape(text) if marker else escape(text)
        self.add(line, item=bool(marker))

    def add(self, block: str, item: bool = False) -> None:
        if self.quote:
            prefix = "> " * self.quote
            block = "\n".join(prefix + line for line in block.split("\n"))
        if item and self.last_item and self.blocks:
            self.blocks[-1] += "\n" + block  # a tight list: items on consecutive lines
        else:
            self.blocks.append(block)
        self.last_item = item

    def walk(self, el: Any, depth: int) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP or depth > MAX_DEPTH:
            if depth > MAX_DEPTH:
                self.buf.append(" ".join(el.itertext()))
            return
        if tag in _HEADINGS:
            self.flush()
            text = one_line(" ".join(el.itertext()))
            if text:
                self.add("#" * _HEADINGS[tag] + " " + escape(text))
            return
        if tag == "pre":
            self.flush()
            code = multi_line("".join(el.itertext())).strip("\n")
            if code.strip():
                fence = "`" * max(3, _longest_run(code, "`") + 1)
                self.add(f"{fence}\n{code}\n{fence}")
            return
        if tag == "br" or tag == "li":
            self.flush()
        elif tag == "blockquote":
            self.flush()
            self.quote += 1
        elif tag in ("ul", "ol"):
            self.flush()
            self.lists.append(tag)
        elif tag in ("tr",):
            self.flush()
        elif tag in ("td", "th"):
            if self.buf:
                self.buf.append(" | ")
        elif tag == "img":
            alt = el.get("alt")
            if alt and alt.strip():
                self.buf.append(f" {alt.strip()} ")
        elif tag in _BLOCK:
            self.flush()
        if el.text and tag != "br":
            self.buf.append(el.text)
        for child in el:
            self.walk(child, depth + 1)
            if child.tail:
                self.buf.append(child.tail)
        if tag == "li":
            depth_lists = max(0, len(self.lists) - 1)
            marker = "  " * depth_lists + ("1. " if self.lists[-1:] == ["ol"] else "- ")
            self.flush(marker)
        elif tag == "blockquote":
            self.flush()
            self.quote -= 1
        elif tag in ("ul", "ol"):
            self.flush()
            if self.lists:
                self.lists.pop()
        elif tag in _BLOCK or tag == "tr":
            self.flush()


def _longest_run(text: str, ch: str) -> int:
    best = run = 0
    for c in text:
        run = run + 1 if c == ch else 0
        best = max(best, run)
    return best


def blocks_to_markdown(blocks: list[Any]) -> str:
    """The HTML reader's blocks (``parsers.blocks.Block``) as safe Markdown; furniture dropped."""
    out: list[str] = []
    for block in blocks:
        kind = block.kind
        text = multi_line(block.text)
        if kind == "furniture" or not text.strip():
            continue
        if kind == "heading":
            level = min(6, max(2, int(getattr(block, "level", 2) or 2)))
            out.append("#" * level + " " + escape(one_line(text)))
        elif kind == "list":
            lines = []
            for line in text.split("\n"):
                stripped = line.lstrip()
                indent = (len(line) - len(stripped)) // 2
                item = stripped[2:] if stripped.startswith("• ") else stripped
                if item.strip():
                    lines.append("  " * indent + "- " + escape(one_line(item)))
            if lines:
                out.append("\n".join(lines))
        elif kind == "code":
            fence = "`" * max(3, _longest_run(text, "`") + 1)
            out.append(f"{fence}\n{text.strip(chr(10))}\n{fence}")
        elif kind == "blockquote":
            out.append("> " + escape(one_line(text)))
        elif kind == "table":
            out.append("\n\n".join(escape(one_line(row)) for row in text.split("\n") if row))
        else:
            out.append(escape(one_line(text)))
    return "\n\n".join(out)


def plain_length(markdown: str) -> int:
    """About how many characters of text a Markdown body holds (to compare summary and page)."""
    return len(re.sub(r"[\\#>*`\-]", "", markdown).strip())
