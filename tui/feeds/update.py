"""Update feeds: several at once, a few requests per host, one result line per feed.

Each feed runs in a worker thread: a conditional GET, parsing, then for each new or changed
item (full text fetched when asked for or when the feed carries only a summary) a Markdown
file in the inbox. Every request is bounded by its own timeout and by the update's deadline,
so a slow, huge or looping feed ends as one line and never holds up the others. Links found
inside a feed may point anywhere, so full-text fetches refuse private and loopback hosts
unless the user allowed them (:data:`tui.feeds.http.ALLOW_PRIVATE_ENV`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from tui.core.text import one_line
from tui.feeds import http
from tui.feeds.parse import FeedError, FeedItem, ParsedFeed, feed_links, parse_feed
from tui.feeds.sanitize import (
    blocks_to_markdown,
    html_to_markdown,
    plain_length,
    text_to_markdown,
)
from tui.feeds.store import (
    WEB_FEED,
    Feed,
    Store,
    clean_partial,
    content_hash,
    render_article,
)

#: An item whose feed text is shorter than this (and has no full content) is a summary.
SUMMARY_CHARS = 600
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml,"
    " application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
#: Default requests at once to one server (host name and port).
PER_HOST = 2


@dataclass(slots=True)
class FeedResult:
    url: str
    title: str = ""
    new: int = 0
    updated: int = 0
    error: str | None = None
    not_modified: bool = False
    paths: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def line(self) -> str:
        """The one line ``feeds update`` prints for this feed."""
        name = one_line(self.title) or self.url
        if self.error is not None:
            return f"FAIL {name} <{self.url}>: {self.error}"
        if self.not_modified:
            return f"ok   {name}: 0 new (not modified)"
        extra = f", {self.updated} updated" if self.updated else ""
        return f"ok   {name}: {self.new} new{extra}"


def host_key(url: str) -> str:
    """The server a URL reaches: host name and port (the scheme's port when none is given)."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None:
        port = 443 if parts.scheme == "https" else 80
    return f"{(parts.hostname or '').lower()}:{port}"


class HostLimits:
    """At most ``per_host`` requests at once to any one server (host name and port)."""

    def __init__(self, per_host: int) -> None:
        self.per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.BoundedSemaphore] = {}

    def slot(self, url: str) -> threading.BoundedSemaphore:
        host = host_key(url)
        with self._lock:
            sem = self._hosts.get(host)
            if sem is None:
                sem = self._hosts[host] = threading.BoundedSemaphore(self.per_host)
            return sem


@dataclass(slots=True)
class Options:
    request_timeout: float = http.REQUEST_TIMEOUT
    update_timeout: float = 600.0
    workers: int = 8
    #: Requests at once to one server: polite to a real site; ``feeds update --per-host``.
    per_host: int = PER_HOST
    max_bytes: int = http.MAX_BYTES
    allow_private: bool | None = None  # None: the environment decides
    fetch_full_text: bool = True  # False: keep what the feed says, never follow item links


class Fetcher:
    """HTTP with the update's deadline and per-host limits."""

    def __init__(self, options: Options, deadline: float, limits: HostLimits) -> None:
        self.options = options
        self.deadline = deadline
        self.limits = limits

    def get(
        self,
        url: str,
        *,
        accept: str,
        etag: str | None = None,
        last_modified: str | None = None,
        trusted: bool = True,
    ) -> http.Response:
        allow = self.options.allow_private
        if allow is None:
            allow = http.private_hosts_allowed()
        sem = self.limits.slot(url)
        if not sem.acquire(timeout=max(0.0, self.deadline - time.monotonic())):
            raise http.FetchError("timed out waiting for the host")
        try:
            return http.fetch(
                url,
                etag=etag,
                last_modified=last_modified,
                # a URL the user gave may be on their own network; links found inside a
                # feed reach private hosts only when the user allowed it
                allow_private=True if trusted else bool(allow),
                timeout=self.options.request_timeout,
                deadline=self.deadline,
                max_bytes=self.options.max_bytes,
                accept=accept,
            )
        finally:
            sem.release()


def update_feeds(
    store: Store,
    urls: list[str] | None = None,
    *,
    options: Options | None = None,
    on_result: Callable[[FeedResult], None] | None = None,
) -> list[FeedResult]:
    """Update the subscribed feeds (or those in ``urls``); results in subscription order."""
    options = options or Options()
    feeds = store.feeds()
    if urls is not None:
        wanted = set(urls)
        feeds = [f for f in feeds if f.url in wanted]
    clean_partial(store.inbox)
    deadline = time.monotonic() + options.update_timeout
    fetcher = Fetcher(options, deadline, HostLimits(options.per_host))
    results: list[FeedResult | None] = [None] * len(feeds)
    lock = threading.Lock()

    def run(i: int, feed: Feed) -> None:
        result = update_one(store, feed, fetcher)
        with lock:
            results[i] = result
            if on_result is not None:
                on_result(result)

    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        for i, feed in enumerate(feeds):
            pool.submit(run, i, feed)
    return [r for r in results if r is not None]


def update_one(store: Store, feed: Feed, fetcher: Fetcher) -> FeedResult:
    result = FeedResult(feed.url, feed.title)
    try:
        _update(store, feed, fetcher, result)
    except (http.FetchError, FeedError) as exc:
        result.error = one_line(str(exc))
    except Exception as exc:  # a bug in one feed's handling must not cost the others
        result.error = f"internal error ({type(exc).__name__}: {one_line(str(exc))[:160]})"
    if result.error is not None:
        try:
            store.record_fetch(feed.url, error=result.error)
        except Exception as exc:
            result.error += f" (and the state could not be saved: {type(exc).__name__})"
    return result


def _update(store: Store, feed: Feed, fetcher: Fetcher, result: FeedResult) -> None:
    resp = fetcher.get(
        feed.url, accept=FEED_ACCEPT, etag=feed.etag, last_modified=feed.last_modified
    )
    if resp.not_modified:
        result.not_modified = True
        store.record_fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        return
    parsed = parse_feed(resp.body, resp.url, resp.content_type)
    if parsed.title and not result.title:
        result.title = parsed.title
    if parsed.warning:
        result.warnings.append(parsed.warning)
    source = parsed.title or feed.title or (urlsplit(feed.url).hostname or feed.url)
    for key, item in keyed_items(parsed):
        _save_item(store, feed, fetcher, result, key, item, source)
        if time.monotonic() > fetcher.deadline:
            raise http.FetchError(f"timed out after {result.new} new items")
    store.record_fetch(
        feed.url,
        etag=resp.headers.get("etag"),
        last_modified=resp.headers.get("last-modified"),
        title=parsed.title or None,
    )


def keyed_items(parsed: ParsedFeed) -> list[tuple[str, FeedItem]]:
    """Each distinct item with the key it is known by: its id, else link, else content hash.

    Feeds in the wild repeat ids (or links) for different items; a key shared by items that
    differ is not trusted, and those items fall back to the next key. Exact repeats count once.
    """
    hashes = [_item_hash(it) for it in parsed.items]
    levels = [0] * len(hashes)
    chosen: list[str] = []
    for _ in range(3):
        chosen = [_key(it, h, lv) for it, h, lv in zip(parsed.items, hashes, levels, strict=True)]
        groups: dict[str, set[str]] = {}
        for key, h in zip(chosen, hashes, strict=True):
            groups.setdefault(key, set()).add(h)
        lowered = False
        for i, key in enumerate(chosen):
            if len(groups[key]) > 1 and levels[i] < 2:
                levels[i] += 1
                lowered = True
        if not lowered:
            break
    seen: set[str] = set()
    out: list[tuple[str, FeedItem]] = []
    for key, item in zip(chosen, parsed.items, strict=True):
        if key in seen:
            continue
        seen.add(key)
        out.append((key, item))
    return out


def _key(item: FeedItem, hash_: str, level: int) -> str:
    if level <= 0 and item.item_id:
        return item.item_id
    if level <= 1 and item.link:
        return item.link
    return "sha256:" + hash_


def _item_hash(item: FeedItem) -> str:
    return content_hash(item.title, item.link, item.content_html, item.summary_html)


def _save_item(
    store: Store,
    feed: Feed,
    fetcher: Fetcher,
    result: FeedResult,
    key: str,
    item: FeedItem,
    source: str,
) -> None:
    h = _item_hash(item)
    known = store.find(feed.url, key)
    if known is not None and known.hash == h:
        return
    body = _item_body(item)
    if (
        item.link
        and fetcher.options.fetch_full_text
        and (feed.full_text or _is_summary(item, body))
    ):
        full = full_text(item.link, fetcher)
        if full is not None and plain_length(full) > plain_length(body):
            body = full
    text = render_article(
        title=item.title or item.link or "Untitled",
        date=item.date,
        source=source,
        url=item.link,
        feed=feed.url,
        item_id=key,
        author=item.author,
        body=body,
    )
    path = store.save(
        feed,
        key,
        item_id=item.item_id,
        link=item.link,
        hash_=h,
        date=item.date,
        title=item.title or item.link or "item",
        text=text,
        known=known,
    )
    result.paths.append(str(path))
    if known is None:
        result.new += 1
    else:
        result.updated += 1


def _item_body(item: FeedItem) -> str:
    raw = item.content_html or item.summary_html or ""
    if item.content_html is not None and item.content_is_text:
        return text_to_markdown(raw)
    return html_to_markdown(raw)


def _is_summary(item: FeedItem, body: str) -> bool:
    return item.content_html is None and plain_length(body) < SUMMARY_CHARS


def full_text(url: str, fetcher: Fetcher) -> str | None:
    """The article at ``url`` as Markdown, or None when it cannot be had (the summary stays)."""
    try:
        resp = fetcher.get(url, accept=PAGE_ACCEPT, trusted=False)
    except http.FetchError:
        return None
    if "html" not in resp.content_type and resp.body.lstrip()[:1] != b"<":
        return None
    try:
        blocks, _meta = page_blocks(resp.body)
    except Exception:
        return None
    markdown = blocks_to_markdown(blocks)
    return markdown or None


def page_blocks(body: bytes) -> tuple[list[object], dict[str, object]]:
    from parsers.html_reader import html_blocks

    blocks, meta = html_blocks(body)
    return list(blocks), dict(meta)


# -- web pages (briefing-tui fetch) and subscribing (feeds add) ---------------------------


@dataclass(slots=True)
class PageResult:
    url: str
    path: Path | None = None
    title: str = ""
    error: str | None = None
    new: bool = False
    changed: bool = False


def fetch_page(store: Store, url: str, options: Options | None = None) -> PageResult:
    """Save the web page at ``url`` as an article in ``inbox/web``."""
    options = options or Options(update_timeout=60.0)
    fetcher = Fetcher(
        options, time.monotonic() + options.update_timeout, HostLimits(options.per_host)
    )
    result = PageResult(url)
    try:
        resp = fetcher.get(url, accept=PAGE_ACCEPT)
    except http.FetchError as exc:
        result.error = one_line(str(exc))
        return result
    head = resp.body[:2048].lstrip().lower()
    if "html" not in resp.content_type and not head.startswith((b"<!doctype html", b"<html")):
        result.error = f"not a web page ({resp.content_type or 'unknown type'})"
        return result
    try:
        blocks, meta = page_blocks(resp.body)
    except Exception as exc:
        result.error = one_line(str(exc)) or type(exc).__name__
        return result
    body = blocks_to_markdown(blocks)
    if not body.strip():
        result.error = "no article text found on the page"
        return result
    store.ensure_web_feed()
    web = Feed(WEB_FEED, "Web pages", WEB_FEED, False, None, None, None, None)
    title = one_line(str(meta.get("title") or "")) or resp.url
    result.title = title
    date = str(meta.get("date") or "") or None
    source = str(meta.get("sitename") or meta.get("hostname") or "") or (
        urlsplit(resp.url).hostname
    )
    h = content_hash(title, body)
    known = store.find(WEB_FEED, url)
    if known is not None and known.hash == h:
        result.path = Path(known.path)
        return result
    text = render_article(
        title=title,
        date=date,
        source=source,
        url=resp.url,
        feed=WEB_FEED,
        item_id=url,
        author=str(meta.get("author") or "") or None,
        body=body,
    )
    result.path = store.save(
        web,
        url,
        item_id=None,
        link=url,
        hash_=h,
        date=date,
        title=title,
        text=text,
        known=known,
    )
    result.new = known is None
    result.changed = True
    return result


@dataclass(slots=True)
class Discovered:
    url: str
    title: str
    items: int


def discover_feed(url: str, options: Options | None = None) -> Discovered:
    """The feed at ``url``, or the one a page links with ``<link rel="alternate">``.

    Raises :class:`FeedError` / :class:`http.FetchError` with one line when there is none.
    """
    options = options or Options()
    fetcher = Fetcher(
        options, time.monotonic() + options.request_timeout * 2, HostLimits(options.per_host)
    )
    resp = fetcher.get(url, accept=FEED_ACCEPT)
    try:
        parsed = parse_feed(resp.body, resp.url, resp.content_type)
        return Discovered(url, parsed.title, len(parsed.items))
    except FeedError as exc:
        links = feed_links(resp.body, resp.url)
        if not links:
            raise FeedError(f"not a feed, and the page links no feed ({exc})") from None
    last: Exception | None = None
    for link in links[:5]:
        try:
            linked = fetcher.get(link, accept=FEED_ACCEPT)
            parsed = parse_feed(linked.body, linked.url, linked.content_type)
            return Discovered(link, parsed.title, len(parsed.items))
        except (FeedError, http.FetchError) as exc:
            last = exc
    raise FeedError(f"the page links a feed that cannot be read ({last})")
