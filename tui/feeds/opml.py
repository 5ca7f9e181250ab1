"""OPML 2.0 in and out: the list of subscriptions every feed reader exchanges.

An OPML file comes from elsewhere: one declaring entities (a DOCTYPE with ENTITY lines) is
refused before parsing, so nothing can expand, and only ``http``/``https`` feed URLs are taken.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from tui.core.text import one_line

MAX_OPML_BYTES = 16 * 1024 * 1024
_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class OpmlError(Exception):
    """One line: why the file is not usable OPML."""


@dataclass(slots=True)
class Outline:
    url: str
    title: str
    html_url: str | None = None


def read_opml(data: bytes) -> list[Outline]:
    """Every feed outline (nested categories included), in order, each URL once."""
    if len(data) > MAX_OPML_BYTES:
        raise OpmlError("OPML file too large")
    if _DECLARATIONS.search(data):
        raise OpmlError("OPML with a DOCTYPE or ENTITY declaration is refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise OpmlError(f"not OPML ({one_line(str(exc))})") from None
    if root.tag.lower() != "opml":
        raise OpmlError(f"not OPML (the document is <{one_line(root.tag)[:40]}>)")
    found: list[Outline] = []
    seen: set[str] = set()
    for el in root.iter("outline"):
        url = (el.get("xmlUrl") or el.get("xmlurl") or "").strip()
        if not url.lower().startswith(("http://", "https://")) or url in seen:
            continue
        seen.add(url)
        title = one_line(el.get("title") or el.get("text") or "")
        found.append(Outline(url, title, (el.get("htmlUrl") or "").strip() or None))
    return found


def write_opml(outlines: list[Outline], title: str = "briefing-tui subscriptions") -> str:
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for o in outlines:
        attrs = {
            "type": "rss",
            "text": o.title or o.url,
            "title": o.title or o.url,
            "xmlUrl": o.url,
        }
        if o.html_url:
            attrs["htmlUrl"] = o.html_url
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
