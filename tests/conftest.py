"""Shared fixtures: every test runs with its own config, data and cache dirs."""

from __future__ import annotations

import asyncio
import functools
import re
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from parsers.model import Document, EntityMention, Paragraph, Quote

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_A = SEEDS / "000_80f96d47c48c624b.txt"
SEED_B = SEEDS / "002_99fb99d7bd7ffbb2.txt"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point platformdirs at temporary folders so no test touches the user's files."""
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        folder = tmp_path / var.lower()
        folder.mkdir()
        monkeypatch.setenv(var, str(folder))
    return tmp_path


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """The snapshot plugin's ``snap_compare`` with cursors that do not blink in the picture.

    A focused input's cursor blinks every half second; on a loaded machine the picture was
    taken in either phase and a snapshot failed at random. After ``run_before``, blinking stops
    with the cursor shown, as it is right after a key press.
    """

    def compare(app: Any, *args: Any, run_before: Any = None, **kwargs: Any) -> bool:
        async def steady(pilot: Any) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if asyncio.iscoroutine(result):
                    await result
            for widget in pilot.app.screen.query("Input, TextArea"):
                widget.cursor_blink = False
            await pilot.pause()

        return snap_compare(app, *args, run_before=steady, **kwargs)

    return compare


def pilot_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test with asyncio (no pytest plugin needed)."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return run


async def wait_for(pilot: Any, cond: Callable[[], bool], timeout: float = 20.0) -> None:
    """Let the app run until ``cond()`` holds (a worker finished, a screen opened)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        await pilot.pause(0.03)
        if cond():
            return
    raise AssertionError("condition not reached in time")


async def settle(pilot: Any) -> None:
    """Let background workers finish (a library indexed, quotes loaded) and the screen redraw."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def app_ready(
    pilot: Any, app: Any, also: Callable[[], bool] = lambda: True, timeout: float = 20.0
) -> None:
    """Wait until a ``BriefingApp`` has loaded its library and laid out the first document
    (and ``also()`` holds), then let one more refresh through."""
    await wait_for(
        pilot,
        lambda: (
            not app.loading and app.document is not None and app.reader.layout_complete and also()
        ),
        timeout,
    )
    await pilot.pause()


@pytest.fixture(autouse=True)
def notification_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every app keeps the messages it was asked to show, in order, for :func:`notifications`.

    A toast leaves the screen after its timeout; on a loaded machine a test could reach its
    check after the toast had gone and fail although the app had said the right thing.
    """
    from textual.app import App

    shown = App.notify

    def notify(self: App[Any], message: str, *args: Any, **kwargs: Any) -> None:
        self.__dict__.setdefault("notification_log", []).append(str(message))
        shown(self, message, *args, **kwargs)

    monkeypatch.setattr(App, "notify", notify)


def notifications(app: Any) -> list[str]:
    """Every message the app has shown as a notification, oldest first, gone or not."""
    return list(app.__dict__.get("notification_log", []))


def screen_lines(app: Any) -> list[str]:
    """The screen as a terminal shows it, one plain string per line (Textual has no public
    way to read back what it drew)."""
    return ["".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips()]


HARBOUR_ORIGINAL = (
    "Harbour report\n\n"
    "Filed from the quay by our correspondent.\n\n"
    "The harbour master counted nine ships at anchor on Monday morning.\n\n"
    "Two of them flew no flag at all.\n\n"
    "A second paragraph says the customs office will close for a week in May.\n\n"
    "The last paragraph thanks the pilots for their patience during the storm.\n"
)
# A document changed on disk after notes were taken (tests of re-anchoring): the first
# noted passage moves down (a paragraph added above it); the second is gone.
HARBOUR_CHANGED = (
    "Harbour report\n\n"
    "An editor's note was added at the top, long after the notes were taken.\n\n"
    "Filed from the quay by our correspondent.\n\n"
    "The harbour master counted nine ships at anchor on Monday morning.\n\n"
    "Two of them flew no flag at all.\n\n"
    "Nothing is said about any office any more.\n\n"
    "The last paragraph thanks the pilots for their patience during the storm.\n"
)
HARBOUR_KEPT = "The harbour master counted nine ships at anchor on Monday morning."
HARBOUR_LOST = "A second paragraph says the customs office will close for a week in May."


# -- hand-made documents with entities (every listed spelling is a mention) ---------------


ENTITY_SPELLINGS: dict[str, tuple[str, str, str]] = {
    # spelling -> (type, id, canonical name)
    "Donald Trump": ("PERSON", "person:donald-trump", "Donald Trump"),
    "Trump": ("PERSON", "person:donald-trump", "Donald Trump"),
    "Vladimir Putin": ("PERSON", "person:vladimir-putin", "Vladimir Putin"),
    "Putin": ("PERSON", "person:vladimir-putin", "Vladimir Putin"),
    "United States": ("GPE", "gpe:united-states", "United States"),
    "U.S.": ("GPE", "gpe:united-states", "United States"),
    "US": ("GPE", "gpe:united-states", "United States"),
    "NATO": ("ORG", "org:nato", "NATO"),
    "Patriot": ("WEAPON", "weapon:patriot", "Patriot"),
    "$4.8 billion": ("MONEY", "money:4.8-billion-usd", "$4.8 billion"),
    "Ukraine": ("GPE", "gpe:ukraine", "Ukraine"),
    "[bold]x[/]": ("PERSON", "person:bold-x", "[bold]x[/]"),
    "[@click=app.quit]": ("ORG", "org:click", "[@click=app.quit]"),
}
_ENTITY_SPELLING_RE = re.compile(
    "|".join(re.escape(s) for s in sorted(ENTITY_SPELLINGS, key=len, reverse=True))
)

ENTITY_TEXT_A = (
    "Air Defence for Ukraine\n"
    "Donald Trump said the United States will sell Patriot systems to Ukraine.\n"
    "Trump told NATO that the U.S. would ask for $4.8 billion.\n"
    "NATO allies met. Trump left early.\n"
    "A man called [bold]x[/] founded [@click=app.quit] in the US.\n"
)
ENTITY_TEXT_B = (
    "Putin Answers\n"
    "Vladimir Putin replied to Trump on Monday.\n"
    "Putin warned the United States about Ukraine.\n"
)


def entity_doc(path: str, text: str) -> Document:
    """A document whose entities are every listed spelling in ``text``, one paragraph a line."""
    lines = text.split("\n")
    title = lines[0]
    paragraphs = []
    pos = len(title) + 1
    for line in lines[1:]:
        if line:
            paragraphs.append(Paragraph(pos, pos + len(line)))
        pos += len(line) + 1
    entities = []
    for m in _ENTITY_SPELLING_RE.finditer(text):
        if m.start() < len(title):
            continue
        label, eid, name = ENTITY_SPELLINGS[m.group()]
        entities.append(EntityMention(m.start(), m.end(), m.group(), label, eid, name))
    return Document(path=path, title=title, text=text, paragraphs=paragraphs, entities=entities)


def entity_docs() -> tuple[Document, Document]:
    """Two hand-made documents sharing people and places (the entity table and sidebar tests)."""
    return entity_doc("/docs/a.txt", ENTITY_TEXT_A), entity_doc("/docs/b.txt", ENTITY_TEXT_B)


# -- hand-made documents with quotes (the quote rows, quotes screen and snapshot tests) -----


QUOTE_TEXT_A = (
    "Sweden Buys Air Defence\n"
    '"We need more systems now," said Swedish Defense Minister Pål Jonson.\n'
    'He added that the task now is to "translate economic influence into combat power".\n'
    "Rutte stated on Thursday that European allies need to spend more.\n"
    'Officials called the plan a "steel porcupine".\n'
    '"[bold]x[/] and [@click=app.quit]" said [link=file:///etc/passwd]Evil[/link].\n'
)


def _quote(
    text: str,
    words: str,
    kind: str = "direct",
    speaker: str | None = None,
    role: str | None = None,
    cue: str | None = None,
) -> Quote:
    start = text.index(words)
    end = start + len(words)
    return Quote(start, end, text[start:end], kind, speaker, None, None, role, cue)  # type: ignore[arg-type]


def quote_doc_a() -> Document:
    """Five quotes of every kind, one with markup-like speaker and words, out of order."""
    t = QUOTE_TEXT_A
    quotes = [
        _quote(
            t,
            '"We need more systems now,"',
            "direct",
            "Pål Jonson",
            "Swedish Defense Minister",
            "said",
        ),
        _quote(
            t,
            '"translate economic influence into combat power"',
            "partial",
            "Pål Jonson",
            None,
            "added",
        ),
        _quote(t, "European allies need to spend more", "indirect", "Mark Rutte", None, "stated"),
        _quote(t, '"steel porcupine"', "scare"),
        _quote(
            t,
            '"[bold]x[/] and [@click=app.quit]"',
            "direct",
            "[link=file:///etc/passwd]Evil[/link]",
            "[red]boss[/]",
            "said",
        ),
    ]
    # Deliberately out of order: rows must come in reading order.
    quotes.reverse()
    return Document(path="/docs/a.txt", title="Sweden Buys Air Defence", text=t, quotes=quotes)


QUOTE_TEXT_B = 'Stromšíková Speaks\n"Europe must act," Stromšíková told reporters.\n'


def quote_doc_b() -> Document:
    """One direct quote by a speaker whose name has accents."""
    q = _quote(
        QUOTE_TEXT_B, '"Europe must act,"', "direct", "Jana Stromšíková", "Director General", "told"
    )
    return Document(path="/docs/b.txt", title="Stromšíková Speaks", text=QUOTE_TEXT_B, quotes=[q])


# A real PostgreSQL for the team-store tests (skips with one line when none is installed).
from pg_fixture import pg_server, pg_url  # noqa: E402, F401
