"""Feeds end to end against a real HTTP server on 127.0.0.1: corpus, full text, hostile cases."""

from __future__ import annotations

import io
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from feedcorpus import article_page, corpus, summary_only_feed
from feedserver import FeedServer, Gauge, serve

from parsers import parse_file
from tui.cli.main import main
from tui.feeds.http import ALLOW_PRIVATE_ENV
from tui.feeds.store import Store, inbox_dir
from tui.feeds.update import Options, host_key, update_feeds

#: What must never be in a stored article: a script, an event handler, a javascript: link.
#: (``\<script\>`` is escaped Markdown: the literal text "<script>", which is no element.)
ACTIVE = re.compile(
    r"(?<!\\)<\s*script|(?<!\\)<[a-z][^>]*\son[a-z]+\s*=|\]\(\s*<?\s*javascript:"
    r"|href\s*=\s*['\"]?\s*javascript:",
    re.I,
)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")  # the test server is on loopback
    with serve() as s:
        yield s


def articles(root: Path | None = None) -> list[Path]:
    root = root or inbox_dir()
    return sorted(p for p in root.rglob("*.md")) if root.exists() else []


def expected_entries(body: bytes, content_type: str) -> int:
    """The oracle: distinct entries feedparser (or the JSON) reports with a title or link."""
    if "json" in content_type:
        import json

        items = json.loads(body)["items"]
        return sum(1 for it in items if it.get("title") or it.get("url"))
    parsed = feedparser.parse(io.BytesIO(body))
    seen = set()
    for e in parsed.entries:
        if not (e.get("title") or e.get("link")):
            continue
        content = "".join(c.get("value", "") for c in e.get("content", []))
        seen.add((e.get("title"), e.get("link"), e.get("summary"), content))
    return len(seen)


def test_corpus_every_entry_one_file_and_second_update_is_conditional(
    server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feeds = corpus(server.url(""))
    assert len(feeds) >= 30
    store = Store()
    for path, (body, ctype) in feeds.items():
        server.add(path, body, content_type=ctype, gzip=path.endswith("0.xml"))
        store.add_feed(server.url(path), "")
    code = main(["feeds", "update", "--timeout", "5"])
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == len(feeds), out
    by_feed = {f.url: f for f in store.feeds()}
    total = 0
    for path, (body, ctype) in feeds.items():
        feed = by_feed[server.url(path)]
        files = articles(store.inbox / feed.folder)
        want = expected_entries(body, ctype)
        assert len(files) == want, (path, [f.name for f in files])
        assert feed.items == want and feed.last_error is None
        total += want
    files = articles()
    assert len(files) == total > 100
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert not ACTIVE.search(text), (f, text)
        doc = parse_file(str(f))
        assert doc.title and doc.title != f.stem
        for key in ("title:", "source:", "feed:", "id:"):
            assert f"\n{key} " in text, (f, key)
    # Names in other encodings arrive intact.
    assert any("Pål Jonson" in f.read_text(encoding="utf-8") for f in files)
    assert any("“Quoted” Pål — Jonson" in f.read_text(encoding="utf-8") for f in files)
    # Relative links are resolved against the feed (or xml:base).
    assert any(f'"{server.url("/news/10/0")}"' in f.read_text(encoding="utf-8") for f in files)
    assert any(f'"{server.url("/atom30/entries/30-0")}"' in f.read_text("utf-8") for f in files)

    before = {f: f.stat().st_mtime_ns for f in files}
    server.requests.clear()
    code = main(["feeds", "update"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert all(line.endswith("0 new (not modified)") for line in out.strip().splitlines()), out
    assert {f: f.stat().st_mtime_ns for f in articles()} == before
    feed_hits = [r for r in server.requests if r.path in feeds]
    assert len(feed_hits) == len(feeds)
    assert all(r.status == 304 and "if-none-match" in r.headers for r in feed_hits)
    assert all("if-modified-since" in r.headers for r in feed_hits)


def test_second_update_without_conditional_support_saves_nothing(server: FeedServer) -> None:
    feeds = corpus(server.url(""))
    store = Store()
    for path in list(feeds)[:8]:
        body, ctype = feeds[path]
        server.add(path, body, content_type=ctype, conditional=False)
        store.add_feed(server.url(path), "")
    first = update_feeds(store, options=Options(request_timeout=5))
    assert all(r.ok for r in first) and sum(r.new for r in first) > 20
    count = len(articles())
    second = update_feeds(store, options=Options(request_timeout=5))
    assert all(r.ok and r.new == 0 and r.updated == 0 for r in second)
    assert len(articles()) == count


def test_summary_only_feed_stores_the_full_article(server: FeedServer) -> None:
    base = server.url("")
    for i in range(4):
        server.add(f"/articles/{i}.html", article_page(f"Story {i}"), content_type="text/html")
    body, ctype = summary_only_feed(base)
    url = server.add("/teasers.xml", body, content_type=ctype)
    store = Store()
    store.add_feed(url, "Teasers")
    [result] = update_feeds(store)
    assert result.ok and result.new == 4
    for i in range(4):
        [path] = [p for p in result.paths if p.endswith(f"story-{i}.md")]
        text = Path(path).read_text(encoding="utf-8")
        assert f"Paragraph 7 of Story {i}: the defence minister said" in text
        assert "Just a teaser" not in text
        assert "window.track" not in text and "Copyright 2025" not in text
        doc = parse_file(path)
        assert doc.title == f"Story {i}" and "Paragraph 0" in doc.text


def test_full_text_flag_fetches_even_when_the_feed_has_content(server: FeedServer) -> None:
    base = server.url("")
    server.add("/articles/long.html", article_page("Long read", 12), content_type="text/html")
    feed = f"""<?xml version="1.0"?><rss version="2.0"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>F</title>
<item><title>Long read</title><link>{base}/articles/long.html</link>
<content:encoded>&lt;p&gt;An excerpt only.&lt;/p&gt;</content:encoded></item></channel></rss>"""
    url = server.add("/full.xml", feed)
    code = main(["feeds", "add", "--full-text", url])
    assert code == 0
    [result] = update_feeds(Store())
    text = Path(result.paths[0]).read_text(encoding="utf-8")
    assert "Paragraph 11 of Long read" in text


def test_item_edited_upstream_is_rewritten_in_place(server: FeedServer) -> None:
    def feed(lead: str) -> str:
        return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><title>Talks resume</title><link>{server.url("/t")}</link><guid>t-1</guid>
<pubDate>Sat, 06 Sep 2025 10:00:00 GMT</pubDate>
<description>{lead}</description></item></channel></rss>"""

    url = server.add("/desk.xml", feed("Talks resumed in Geneva on Monday."), conditional=False)
    store = Store()
    store.add_feed(url, "")
    [first] = update_feeds(store, options=Options(request_timeout=3))
    assert first.new == 1
    path = Path(first.paths[0])
    server.add("/desk.xml", feed("Talks resumed in Vienna on Tuesday."), conditional=False)
    [second] = update_feeds(store, options=Options(request_timeout=3))
    assert second.new == 0 and second.updated == 1 and second.paths == [str(path)]
    assert "Vienna" in path.read_text(encoding="utf-8")
    assert len(articles()) == 1


def test_links_inside_a_feed_never_reach_private_hosts_unless_allowed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    with serve() as server:
        server.add("/articles/0.html", article_page("Story 0"), content_type="text/html")
        body, ctype = summary_only_feed(server.url(""), 1)
        body = body.replace(
            b"</channel>",
            b"<item><title>Local file</title><link>file:///etc/passwd</link></item></channel>",
        )
        url = server.add("/teasers.xml", body, content_type=ctype)
        store = Store()
        store.add_feed(url, "")  # the user named this URL: it may be on their network
        [result] = update_feeds(store, options=Options(allow_private=False))
        assert result.ok and result.new == 2
        assert server.hits("/articles/0.html") == []  # a link from inside the feed: refused
        texts = [Path(p).read_text(encoding="utf-8") for p in result.paths]
        assert any("Just a teaser for story 0" in t for t in texts)
        assert not any("root:" in t for t in texts)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs &lol9;</title>
<item><title>Item &lol9;</title><link>http://127.0.0.1:9/x</link>
<description>&lol9;</description></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title>
<item><title>Secret &xxe;</title><link>http://127.0.0.1:9/y</link>
<description>&xxe;</description></item></channel></rss>"""


def test_hostile_feeds_each_give_one_line_while_the_others_update(
    server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    good = corpus(server.url(""))
    store = Store()
    good_paths = list(good)[:6]
    for path in good_paths:
        body, ctype = good[path]
        server.add(path, body, content_type=ctype)
        store.add_feed(server.url(path), "")
    slow_body = good[good_paths[0]][0]
    hostile = {
        "/slow.xml": server.add("/slow.xml", slow_body, slow=0.2),
        "/stall.xml": server.add("/stall.xml", b"", stall=30),
        "/huge.xml": server.add("/huge.xml", b"", endless=True),
        "/loop.xml": server.add("/loop.xml", b"", status=302, location="/loop2.xml"),
        "/loop2.xml": server.add("/loop2.xml", b"", status=302, location="/loop.xml"),
        "/binary.xml": server.add("/binary.xml", bytes(range(256)) * 64),
        "/page.xml": server.add(
            "/page.xml", "<html><body>Hello</body></html>", content_type="text/html"
        ),
        "/text.xml": server.add("/text.xml", "just some words, no XML", content_type="text/plain"),
        "/malformed.xml": server.add("/malformed.xml", b"<rss><channel><title>x</tit"),
        "/empty.xml": server.add("/empty.xml", b""),
        "/gone.xml": server.add("/gone.xml", b"gone", status=410),
        "/laughs.xml": server.add("/laughs.xml", BILLION_LAUGHS),
        "/xxe.xml": server.add("/xxe.xml", EXTERNAL_ENTITY),
        "/badjson.json": server.add(
            "/badjson.json",
            b'{"version": "https://jsonfeed.org/version/1", "items": [' * 5000,
            content_type="application/feed+json",
        ),
        "/ftp.xml": server.add("/ftp.xml", b"", status=301, location="ftp://127.0.0.1/feed.xml"),
        "/file.xml": server.add("/file.xml", b"", status=302, location="file:///etc/passwd"),
    }
    for name, url in hostile.items():
        if name != "/loop2.xml":
            store.add_feed(url, "")
    started = time.monotonic()
    code = main(["feeds", "update", "--timeout", "2", "--update-timeout", "20"])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    assert elapsed < 15, elapsed
    assert code == 1
    lines = (out + err).strip().splitlines()
    assert len(lines) == len(good_paths) + len(hostile) - 1, lines
    for path in good_paths:
        [line] = [
            ln
            for ln in out.splitlines()
            if server.url(path) in ln or _title_of(store, path, server) in ln
        ]
        assert line.startswith("ok ") and " new" in line
    fail = {ln.split("<", 1)[1].split(">", 1)[0]: ln for ln in err.splitlines()}

    def why(name: str) -> str:
        return fail[server.url(name)]

    assert "timed out" in why("/slow.xml")
    assert "timed out" in why("/stall.xml")
    assert "too large" in why("/huge.xml")
    assert "redirect loop" in why("/loop.xml")
    assert "not a feed" in why("/binary.xml") or "unreadable" in why("/binary.xml")
    assert "web page, not a feed" in why("/page.xml")
    assert "not a feed" in why("/text.xml")
    assert "empty" in why("/empty.xml")
    assert "HTTP 410" in why("/gone.xml")
    assert "malformed JSON" in why("/badjson.json")
    assert "only http and https" in why("/ftp.xml") and "only http and https" in why("/file.xml")
    # Entities are never expanded, external ones never read.
    for f in articles():
        text = f.read_text(encoding="utf-8")
        assert "lollollol" not in text and "root:" not in text
        assert f.stat().st_size < 100_000
    for line in lines:
        assert "\n" not in line and len(line) < 400


def _title_of(store: Store, path: str, server: FeedServer) -> str:
    feed = store.feed(server.url(path))
    assert feed is not None
    return feed.title or server.url(path)


def test_update_timeout_bounds_the_whole_update(server: FeedServer) -> None:
    store = Store()
    for i in range(4):
        store.add_feed(server.add(f"/stall{i}.xml", b"", stall=30), "")
    started = time.monotonic()
    results = update_feeds(store, options=Options(request_timeout=20, update_timeout=1.5))
    assert time.monotonic() - started < 6
    assert len(results) == 4 and all(r.error and "timed out" in r.error for r in results)


def test_no_temporary_files_left_and_atomic_names(server: FeedServer) -> None:
    feeds = corpus(server.url(""))
    store = Store()
    for path in list(feeds)[:3]:
        body, ctype = feeds[path]
        store.add_feed(server.add(path, body, content_type=ctype), "")
    stale = store.inbox / "leftover"
    stale.mkdir(parents=True)
    (stale / ".2025-01-01-x.md.123.456.tmp").write_text("half", encoding="utf-8")
    update_feeds(store)
    assert not list(store.inbox.rglob("*.tmp"))
    assert all(not p.name.startswith(".") for p in articles())
    assert os.path.isdir(store.inbox)


def _rss(n: int) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>'
        f"<item><title>Item {n}</title><guid>slow-{n}</guid>"
        "<description>A long enough body.</description></item></channel></rss>"
    )


def test_per_host_limit_is_per_server_and_can_be_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two servers on loopback (two ports) are two hosts: each gets its own limit, so a local
    bench or a site with feeds on several ports is not serialised behind one slot."""
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    assert host_key("http://Example.org/a") == host_key("http://example.org:80/b")
    assert host_key("https://example.org/") != host_key("http://example.org/")
    assert host_key("http://127.0.0.1:8001/") != host_key("http://127.0.0.1:8002/")
    both = Gauge()
    with serve(both) as a, serve(both) as b:
        store = Store()
        for srv in (a, b):
            for i in range(3):
                store.add_feed(srv.add(f"/slow{i}.xml", _rss(i), stall=0.5), "")
        results = update_feeds(store, options=Options(per_host=1, workers=6))
        assert all(r.ok and r.new == 1 for r in results), [r.line() for r in results]
        assert a.gauge.peak == 1 and b.gauge.peak == 1  # one request at a time per server
        assert both.peak == 2  # while the other server was being served
    with serve() as c:
        store = Store()
        for i in range(3):
            store.add_feed(c.add(f"/more{i}.xml", _rss(i), stall=1.5), "")
        update_feeds(store, options=Options(per_host=3, workers=6))
        assert c.gauge.peak == 3
