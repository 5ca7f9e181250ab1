"""``briefing-tui feeds add|list|remove|import|export`` and ``fetch``, and the HTTP guards."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from feedcorpus import article_page, corpus, summary_only_feed
from feedserver import FeedServer, serve

from parsers import parse_file
from tui.cli.main import main
from tui.feeds import http
from tui.feeds.http import ALLOW_PRIVATE_ENV, FetchError
from tui.feeds.store import Store, inbox_dir


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    with serve() as s:
        yield s


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_a_feed_a_page_that_links_one_and_refuse_the_rest(
    server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    body, ctype = corpus(server.url(""))["/rss-content-0.xml"]
    feed_url = server.add("/feed.xml", body, content_type=ctype)
    server.add(
        "/home",
        '<html><head><link rel="alternate" type="application/atom+xml" href="/nope.xml">'
        '<link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">'
        "</head><body>Home</body></html>",
        content_type="text/html",
    )
    server.add("/plain", "<html><body>No feed here</body></html>", content_type="text/html")
    server.add("/pic.png", b"\x89PNG\r\n\x1a\n" + bytes(500), content_type="image/png")

    code, out, err = run(capsys, "feeds", "add", feed_url)
    assert code == 0 and "subscribed to Wire service 0" in out and "3 items" in out
    code, out, err = run(capsys, "feeds", "add", server.url("/home"))
    assert code == 0 and "already subscribed" in out and "linked from" in out
    for url in (server.url("/plain"), server.url("/pic.png"), server.url("/missing")):
        code, out, err = run(capsys, "feeds", "add", url)
        assert code == 1 and out == "" and len(err.strip().splitlines()) == 1, err
    code, out, err = run(capsys, "feeds", "add", "file:///etc/passwd")
    assert code == 1 and "only http and https" in err
    assert [f.url for f in Store().feeds()] == [feed_url]


def test_list_json_update_remove(server: FeedServer, capsys: pytest.CaptureFixture[str]) -> None:
    body, ctype = corpus(server.url(""))["/atom-xhtml-0.xml"]
    url = server.add("/atom.xml", body, content_type=ctype)
    assert run(capsys, "feeds", "add", url)[0] == 0
    code, out, _ = run(capsys, "feeds", "list", "--json")
    [row] = [json.loads(line) for line in out.splitlines()]
    assert row["url"] == url and row["items"] == 0 and row["last_update"] is None
    assert row["inbox"] == str(inbox_dir()) and row["folder"].startswith(row["inbox"])
    with pytest.raises(SystemExit) as bad:
        main(["feeds", "update", "--per-host", "0"])
    assert bad.value.code == 2 and "at least 1" in capsys.readouterr().err
    code, out, _ = run(capsys, "feeds", "update", "--per-host", "4")
    assert code == 0 and out.strip() == "ok   Institute 30: 4 new"
    code, out, _ = run(capsys, "feeds", "list", "--json")
    row = json.loads(out)
    assert row["items"] == 4 and row["unread"] == 4
    assert row["last_update"] and row["last_error"] is None
    assert len(list(Path(row["folder"]).glob("*.md"))) == 4
    code, out, _ = run(capsys, "feeds", "list")
    assert "Institute 30" in out and "4 items" in out and f"inbox: {inbox_dir()}" in out
    server.routes.pop("/atom.xml")
    code, out, err = run(capsys, "feeds", "update")
    assert code == 1 and "HTTP 404" in err and out == ""
    assert json.loads(run(capsys, "feeds", "list", "--json")[1])["last_error"] == "HTTP 404"
    code, out, _ = run(capsys, "feeds", "remove", url)
    assert code == 0 and Store().feeds() == []
    assert len(list(inbox_dir().rglob("*.md"))) == 4  # the articles stay
    code, _, err = run(capsys, "feeds", "remove", url)
    assert code == 1 and "not subscribed" in err
    code, _, err = run(capsys, "feeds", "update")
    assert code == 1 and "no feeds yet" in err


def test_opml_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(
        """<?xml version="1.0"?><opml version="1.0"><head><title>x</title></head><body>
<outline text="News"><outline text="Wire &amp; Co" type="rss" xmlUrl="https://example.org/a.xml"/>
<outline text="Think tank" xmlUrl="http://example.net/b.rss" htmlUrl="http://example.net/"/>
</outline><outline text="bad" xmlUrl="file:///etc/passwd"/>
<outline text="dup" xmlUrl="https://example.org/a.xml"/></body></opml>""",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "feeds", "import", str(opml))
    assert code == 0 and out.strip() == "2 feeds added, 0 already subscribed"
    assert (
        run(capsys, "feeds", "import", str(opml))[1].strip()
        == "0 feeds added, 2 already subscribed"
    )
    code, out, _ = run(capsys, "feeds", "export")
    assert code == 0 and 'xmlUrl="https://example.org/a.xml"' in out and "Wire &amp; Co" in out
    again = tmp_path / "again.opml"
    again.write_text(out, encoding="utf-8")
    for f in Store().feeds():
        Store().remove_feed(f.url)
    assert run(capsys, "feeds", "import", str(again))[1].startswith("2 feeds added")
    bomb = tmp_path / "bomb.opml"
    bomb.write_text('<!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>', encoding="utf-8")
    code, _, err = run(capsys, "feeds", "import", str(bomb))
    assert code == 1 and "refused" in err
    (tmp_path / "junk.opml").write_text("not xml", encoding="utf-8")
    code, _, err = run(capsys, "feeds", "import", str(tmp_path / "junk.opml"))
    assert code == 1 and "not OPML" in err and len(err.splitlines()) == 1


def test_fetch_saves_pages_as_articles(
    server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    page = server.add("/a.html", article_page("Air defence pledge"), content_type="text/html")
    server.add("/doc.pdf", b"%PDF-1.4 nothing", content_type="application/pdf")
    code, out, err = run(capsys, "fetch", page, server.url("/doc.pdf"), server.url("/none"))
    assert code == 1
    assert out.startswith("saved ") and "Air defence pledge" in out
    assert len(err.strip().splitlines()) == 2 and "not a web page" in err and "HTTP 404" in err
    [saved] = list((inbox_dir() / "web").glob("*.md"))
    doc = parse_file(str(saved))
    assert doc.title == "Air defence pledge" and "Paragraph 7 of Air defence pledge" in doc.text
    assert "window.track" not in saved.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "fetch", page)
    assert code == 0 and out.startswith("unchanged ")
    assert len(list((inbox_dir() / "web").glob("*.md"))) == 1
    assert Store().feeds() == []  # pages are not a subscription


def test_http_guards(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ALLOW_PRIVATE_ENV, raising=False)
    with serve() as server:
        url = server.add("/x", b"hello", content_type="text/plain", gzip=True)
        with pytest.raises(FetchError, match="private, loopback"):
            http.fetch(url)
        for bad in ("file:///etc/passwd", "ftp://127.0.0.1/", "gopher://x/", "javascript:alert(1)"):
            with pytest.raises(FetchError, match="only http and https"):
                http.fetch(bad, allow_private=True)
        with pytest.raises(FetchError, match="private, loopback"):
            http.fetch("http://169.254.169.254/latest/meta-data/")
        with pytest.raises(FetchError, match="private, loopback"):
            http.fetch("http://[::1]:9/")
        resp = http.fetch(url, allow_private=True)
        assert resp.body == b"hello" and resp.headers.get("content-encoding") == "gzip"
        [req] = server.hits("/x")
        assert req.headers["user-agent"].startswith("briefing-tui/")
        assert "gzip" in req.headers["accept-encoding"]
        again = http.fetch(url, allow_private=True, etag=resp.headers["etag"])
        assert again.not_modified and again.body == b""
        server.add("/big", b"x" * 5000, content_type="text/plain", gzip=True)
        with pytest.raises(FetchError, match="too large"):
            http.fetch(server.url("/big"), allow_private=True, max_bytes=1000)
        hops = [server.add(f"/r{i}", b"", status=302, location=f"/r{i + 1}") for i in range(8)]
        with pytest.raises(FetchError, match="more than 5 redirects"):
            http.fetch(hops[0], allow_private=True)


def test_kill_9_during_update_then_update_again(server: FeedServer, tmp_path: Path) -> None:
    """No duplicate, no partial file, every file parses, after the update is killed."""
    base = server.url("")
    n_items = 12
    for i in range(n_items):
        server.add(f"/articles/{i}.html", article_page(f"Story {i}", 30), content_type="text/html")
    body, ctype = summary_only_feed(base, n_items)
    server.add("/teasers.xml", body, content_type=ctype)
    feeds = corpus(base)
    names = list(feeds)[:10]
    for path in names:
        server.add(path, feeds[path][0], content_type=feeds[path][1])
    env = dict(os.environ)
    code = "import sys; from tui.cli.main import main; sys.exit(main(sys.argv[1:]))"
    subprocess.run(
        [sys.executable, "-c", code, "feeds", "add", server.url("/teasers.xml")],
        env=env,
        check=True,
        capture_output=True,
    )
    store = Store()
    for path in names:
        store.add_feed(server.url(path), "")
    # Article pages answer slowly, so the kill lands while items are being saved.
    for i in range(n_items):
        server.routes[f"/articles/{i}.html"].stall = 0.3
    killed_with_files = 0
    for attempt in range(2):  # kill as soon as the update has saved a file
        have = len(list(inbox_dir().rglob("*.md")))
        proc = subprocess.Popen(
            [sys.executable, "-c", code, "feeds", "update"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if len(list(inbox_dir().rglob("*.md"))) > have:
                break
            time.sleep(0.02)
        if attempt and proc.poll() is not None:
            break  # the second update had little left to do and finished first
        assert proc.poll() is None, "the update ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed_with_files += len(list(inbox_dir().rglob("*.md"))) - have
    assert killed_with_files > 0  # the kills landed mid-update
    done = subprocess.run(
        [sys.executable, "-c", code, "feeds", "update"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    files = sorted(inbox_dir().rglob("*.md"))
    assert not list(inbox_dir().rglob("*.tmp"))
    ids: dict[tuple[str, str], Path] = {}
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert text.endswith("\n") and text.startswith("---\n")
        front = dict(line.split(": ", 1) for line in text.split("\n---\n", 1)[0].splitlines()[1:])
        key = (front["feed"], front["id"])
        assert key not in ids, (f, ids.get(key))
        ids[key] = f
        doc = parse_file(str(f))
        assert doc.title and doc.text
    teaser_files = [f for f in files if "teasers" in f.parent.name]
    assert len(teaser_files) == n_items
    full = sum("Paragraph 29 of Story" in f.read_text(encoding="utf-8") for f in teaser_files)
    assert full == n_items
    assert sum(f.items for f in Store().feeds()) == len(files)
