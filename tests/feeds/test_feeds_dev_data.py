"""The 1,420 small feeds of feedparser's own test suite (``shared/eval/feeds-dev``), served
from loopback: each is stored or refused in one line, and no stored article is active.

Read at test time from the shared folder when it is there (never copied into the project);
skipped elsewhere. Full-text fetches are off: those feeds link to hosts that are not ours.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from feedserver import FeedServer, serve
from test_feeds_update import ACTIVE

from parsers import ParseError, parse_file
from tui.feeds.http import ALLOW_PRIVATE_ENV
from tui.feeds.store import Store
from tui.feeds.update import Options, update_feeds

DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "feeds-dev"
for candidate in (DEV, Path("/work/shared/eval/feeds-dev")):
    if candidate.is_dir():
        DEV = candidate
        break

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="shared/eval/feeds-dev is not here")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[FeedServer]:
    monkeypatch.setenv(ALLOW_PRIVATE_ENV, "1")
    with serve() as s:
        yield s


def test_every_dev_feed_is_stored_or_refused_in_one_line(server: FeedServer) -> None:
    files = sorted(p for p in DEV.rglob("*") if p.is_file() and p.suffix != ".md")
    store = Store()
    for i, f in enumerate(files):
        ctype = "application/feed+json" if f.suffix == ".json" else "application/xml"
        url = server.add(f"/dev/{i}", f.read_bytes(), content_type=ctype)
        store.add_feed(url, f"dev {i}")
    results = update_feeds(
        store,
        options=Options(request_timeout=10, fetch_full_text=False, workers=4, per_host=4),
    )
    assert len(results) == len(files)
    stored = refused = 0
    for r in results:
        line = r.line()
        assert "\n" not in line and len(line) < 500
        if r.ok:
            stored += 1
        else:
            refused += 1
            assert r.error and not r.error.startswith("internal error"), line
    saved = sorted(store.inbox.rglob("*.md"))
    assert stored > len(files) // 2 and len(saved) > 100, (stored, refused, len(saved))
    for f in saved:
        text = f.read_text(encoding="utf-8")
        assert not ACTIVE.search(text), (f, text[:2000])
        assert not re.search(r"javascript\s*:", text.split("\n---\n", 1)[0], re.I), f
        try:
            parse_file(str(f))
        except ParseError as exc:  # pragma: no cover - a stored file must read
            raise AssertionError(f"{f}: {exc}") from None
