"""Feed bytes (already capped by :mod:`tui.feeds.http`) to items: feedparser, or JSON Feed.

feedparser reads RSS 0.9x/1.0/2.0 and Atom, including ill-formed ones (its loose parser), and
resolves relative links against the feed's address. It is given a byte stream, never a string:
a string is taken for a URL or a file name and opened. It drops every ENTITY declaration that
refers to another entity before parsing, and the expat it uses caps entity amplification, so a
billion-laughs feed expands nothing. feedparser 6 does not read JSON Feed; that is plain JSON,
read here. Nothing in a feed is fetched while parsing.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

#: Look at most this far into a body for a feed's or page's opening (BOM, XML declaration).
_SNIFF = 4096
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_LINK_TAG = re.compile(rb"<link\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(rb"""([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "text/xml",
    "application/xml",
)


class FeedError(Exception):
    """One line saying why bytes are not a feed."""


@dataclass(slots=True)
class FeedItem:
    """One entry, as the feed gave it; HTML fields are untrusted until sanitised."""

    title: str
    link: str | None
    item_id: str | None
    date: str | None  # ISO 8601, UTC, or None
    author: str | None
    content_html: str | None  # the full content (content:encoded, Atom content, content_html)
    summary_html: str | None  # description / summary
    content_is_text: bool = False


@dataclass(slots=True)
class ParsedFeed:
    title: str
    link: str | None
    kind: str  # feedparser's version ("rss20", "atom10", ...) or "json1"
    items: list[FeedItem] = field(default_factory=list)
    warning: str | None = None  # the feed was ill-formed but readable


def looks_like_json(body: bytes) -> bool:
    return body[:_SNIFF].lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def parse_feed(body: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Items of the feed in ``body`` fetched from ``url``, or :class:`FeedError`."""
    if not body.strip():
        raise FeedError("empty response")
    if looks_like_json(body) or content_type in ("application/feed+json", "application/json"):
        return _parse_json_feed(body, url)
    import feedparser

    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        result = feedparser.parse(io.BytesIO(body), response_headers=headers)
    except Exception as exc:  # feedparser guards most, but not every, broken input
        raise FeedError(f"unreadable feed ({type(exc).__name__})") from None
    version = str(result.get("version") or "")
    entries = result.get("entries") or []
    if not version and not entries:
        if _HTML_START.search(body[:_SNIFF]):
            raise FeedError("a web page, not a feed")
        bozo = result.get("bozo_exception")
        why = f": {_one_line(str(bozo))[:120]}" if bozo else ""
        raise FeedError(f"not a feed (no RSS, Atom or JSON Feed found{why})")
    meta = result.get("feed") or {}
    feed = ParsedFeed(
        title=_title(str(meta.get("title") or "")),
        link=_str_or_none(meta.get("link")),
        kind=version or "unknown",
    )
    if result.get("bozo") and result.get("bozo_exception") is not None:
        feed.warning = f"ill-formed feed read loosely ({type(result['bozo_exception']).__name__})"
    for entry in entries:
        item = _item_from_entry(entry)
        if item is not None:
            feed.items.append(item)
    return feed


def _item_from_entry(entry: Any) -> FeedItem | None:
    title = _title(str(entry.get("title") or ""))
    link = _str_or_none(entry.get("link"))
    if not title and not link:
        return None
    content = None
    is_text = False
    for part in entry.get("content") or []:
        value = part.get("value")
        if value and str(value).strip():
            content = str(value)
            is_text = str(part.get("type") or "") == "text/plain"
            break
    summary = _str_or_none(entry.get("summary"))
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    date = None
    if stamp:
        try:
            date = _dt.datetime.fromtimestamp(calendar.timegm(stamp), _dt.UTC).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            )
        except (OverflowError, ValueError, TypeError):
            date = None
    return FeedItem(
        title=title,
        link=link,
        item_id=_str_or_none(entry.get("id")),
        date=date,
        author=_str_or_none(entry.get("author")),
        content_html=content,
        summary_html=summary,
        content_is_text=is_text,
    )


def _parse_json_feed(body: bytes, url: str) -> ParsedFeed:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FeedError("JSON Feed not in UTF-8") from None
    except (ValueError, RecursionError):
        raise FeedError("not a feed (malformed JSON)") from None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith(
        "https://jsonfeed.org/version/"
    ):
        raise FeedError("not a feed (JSON without a JSON Feed version)")
    base = _str_or_none(data.get("feed_url")) or url
    base = urljoin(url, base)
    home = _str_or_none(data.get("home_page_url"))
    feed = ParsedFeed(
        title=_one_line(str(data.get("title") or "")),
        link=urljoin(base, home) if home else None,
        kind="json1",
    )
    items = data.get("items")
    if not isinstance(items, list):
        raise FeedError("not a feed (JSON Feed without items)")
    for raw in items:
        if not isinstance(raw, dict):
            continue
        link = _str_or_none(raw.get("url")) or _str_or_none(raw.get("external_url"))
        link = urljoin(base, link) if link else None
        title = _title(str(raw.get("title") or ""))
        if not title and not link:
            continue
        html = _str_or_none(raw.get("content_html"))
        text = _str_or_none(raw.get("content_text"))
        author = raw.get("author") or ((raw.get("authors") or [None])[0])
        feed.items.append(
            FeedItem(
                title=title,
                link=link,
                item_id=_str_or_none(raw.get("id")),
                date=_iso(raw.get("date_published") or raw.get("date_modified")),
                author=_str_or_none(author.get("name")) if isinstance(author, dict) else None,
                content_html=html or text,
                summary_html=_str_or_none(raw.get("summary")),
                content_is_text=html is None and text is not None,
            )
        )
    return feed


def _iso(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        stamp = _dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=_dt.UTC)
    return stamp.astimezone(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _title(text: str) -> str:
    from tui.feeds.sanitize import title_text

    return title_text(text)


def _one_line(text: str) -> str:
    from tui.core.text import one_line

    return one_line(text)


def feed_links(body: bytes, url: str) -> list[str]:
    """Feeds a web page links with ``<link rel="alternate" type="...rss/atom/json...">``."""
    head = body[: 512 * 1024]
    found: list[str] = []
    for tag in _LINK_TAG.findall(head):
        attrs: dict[str, str] = {}
        for name, a, b, c in _ATTR.findall(tag):
            attrs[name.decode("ascii", "replace").lower()] = (a or b or c).decode(
                "utf-8", "replace"
            )
        rels = attrs.get("rel", "").lower().split()
        kind = attrs.get("type", "").lower().split(";")[0].strip()
        href = attrs.get("href", "").strip()
        if "alternate" in rels and href and kind in FEED_TYPES:
            import html as _html

            target = urljoin(url, _html.unescape(href))
            if target not in found:
                found.append(target)
    return found
