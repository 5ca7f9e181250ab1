"""Documents by feed with unread counts (what ``F`` lists)."""

from __future__ import annotations

from tui.views.feed_groups import feed_groups


def test_groups_count_unread_per_feed_most_unread_first() -> None:
    paths = [
        "/data/inbox/wire/1.md",
        "/data/inbox/wire/2.md",
        "/data/inbox/think-tank/1.md",
        "/data/inbox/think-tank/2.md",
        "/data/inbox/think-tank/3.md",
        "/home/me/briefings/a.txt",
    ]
    unread = {"/data/inbox/wire/2.md", "/data/inbox/think-tank/1.md", "/home/me/briefings/a.txt"}
    unread |= {"/data/inbox/think-tank/3.md", "/elsewhere/gone.md"}
    groups = feed_groups(
        [("Wire", "/data/inbox/wire"), ("Think tank", "/data/inbox/think-tank/"), ("Quiet", "/q")],
        paths,
        unread,
    )
    assert [(g.title, g.unread, len(g.paths)) for g in groups] == [
        ("All documents", 4, 6),
        ("Think tank", 2, 3),
        ("Wire", 1, 2),
        ("Quiet", 0, 0),
    ]
    assert groups[0].folder is None and groups[0].paths == paths
    assert groups[2].paths == ["/data/inbox/wire/1.md", "/data/inbox/wire/2.md"]
