"""Feeds shaped like the ones analysts follow, written for the tests (none copied from anywhere).

Each builder returns the bytes of one feed and its content type; ``corpus(base)`` gives more
than thirty of them, every shape several times with different items: RSS 2.0 with
``content:encoded``, description-only RSS 2.0, Atom with ``xhtml``/``html``/``text`` content,
RSS 1.0 (RDF) with Dublin Core dates, RSS 0.91 and 0.92, JSON Feed 1.0 and 1.1, feeds in
ISO-8859-1, windows-1252, UTF-16 and UTF-8 with a BOM, relative links with ``xml:base``,
items without dates, repeated GUIDs, CDATA, entities, scripts and event handlers in content.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape as xml_escape

TOPICS = [
    ("Ministers meet on air defence", "Defence ministers met in Brussels on Thursday."),
    ("Grain corridor reopens", "Ships left Odesa under escort, officials said."),
    ("Budget talks stall", "Negotiators failed to agree on the 2026 budget."),
    ("Drone strike on depot", "A fuel depot was hit overnight, the governor said."),
    ("Sanctions package adopted", "The EU adopted its new sanctions package."),
    ("Election monitors report", "Observers said the vote was largely orderly."),
    ("Summit communiqué published", "Leaders agreed to a joint statement on Ukraine."),
    ("Port blockade eased", "Authorities reopened two terminals on Monday."),
]

DATES_RFC822 = [
    "Sat, 06 Sep 2025 10:00:00 GMT",
    "Fri, 05 Sep 2025 08:30:00 +0200",
    "Thu, 04 Sep 2025 17:45:00 -0400",
    "Wed, 03 Sep 2025 06:00:00 GMT",
]


def _topic(seed: int, i: int) -> tuple[str, str]:
    title, lead = TOPICS[(seed + i) % len(TOPICS)]
    return f"{title} ({seed}-{i})", lead


def rss20_content(base: str, seed: int, n: int = 5) -> tuple[bytes, str]:
    items = []
    for i in range(n):
        title, lead = _topic(seed, i)
        items.append(
            f"""<item><title>{xml_escape(title)}</title>
<link>{base}/rss{seed}/story-{i}.html</link>
<guid isPermaLink="false">rss{seed}-{i}</guid>
<pubDate>{DATES_RFC822[i % 4]}</pubDate>
<dc:creator>Desk {seed}</dc:creator>
<description>{xml_escape(lead)}</description>
<content:encoded><![CDATA[<p>{lead}</p><p onclick="steal()">The minister said: "We are ready."
<script>document.cookie</script><a href="javascript:alert(1)">More</a></p>
<h2>Background</h2><ul><li>First point</li><li>Second point</li></ul>
<blockquote>"No one wants this," an official said.</blockquote>]]></content:encoded>
</item>"""
        )
    return (
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire service {seed}</title><link>{base}/</link>
<description>Top stories</description>{"".join(items)}</channel></rss>""".encode(),
        "application/rss+xml; charset=utf-8",
    )


def rss20_relative(base: str, seed: int, n: int = 4) -> tuple[bytes, str]:
    """Relative links, no dates at all, HTML-escaped descriptions, and an item with no title."""
    items = []
    for i in range(n):
        title, lead = _topic(seed, i)
        items.append(
            f"""<item><title>{xml_escape(title)}</title><link>/news/{seed}/{i}</link>
<description>&lt;p&gt;{xml_escape(lead)} &lt;img src=x onerror="alert(1)"&gt;&lt;/p&gt;
</description></item>"""
        )
    items.append(
        f"<item><link>/news/{seed}/untitled</link><description>No title</description></item>"
    )
    return (
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Ministry {seed}</title>
<link>{base}/ministry/</link>{"".join(items)}</channel></rss>""".encode(),
        "text/xml",
    )


def rss20_duplicate_guids(base: str, seed: int) -> tuple[bytes, str]:
    """A CMS that gives every item the same GUID; one item is repeated exactly."""
    items = []
    for i in range(4):
        title, lead = _topic(seed, i)
        items.append(
            f"""<item><title>{xml_escape(title)}</title><link>{base}/dup{seed}/{i}</link>
<guid>same-guid</guid><pubDate>{DATES_RFC822[i % 4]}</pubDate>
<description>{xml_escape(lead)}</description></item>"""
        )
    items.append(items[0])
    return (
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Think tank {seed}</title>
<link>{base}/</link>{"".join(items)}</channel></rss>""".encode(),
        "application/rss+xml",
    )


def atom(base: str, seed: int, kind: str, n: int = 4) -> tuple[bytes, str]:
    entries = []
    for i in range(n):
        title, lead = _topic(seed, i)
        if kind == "xhtml":
            content = (
                '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                f'<p>{xml_escape(lead)}</p><p><a href="rel/{i}">a relative link</a> and '
                f'<em onmouseover="x()">emphasis</em></p></div></content>'
            )
        elif kind == "html":
            content = (
                f'<content type="html">&lt;p&gt;{xml_escape(lead)}&lt;/p&gt;'
                "&lt;script&gt;alert(1)&lt;/script&gt;"
                "&lt;p&gt;Second paragraph.&lt;/p&gt;</content>"
            )
        else:
            content = (
                f'<content type="text">{xml_escape(lead)} Plain &lt;b&gt;text&lt;/b&gt;.</content>'
            )
        updated = "" if i == n - 1 else f"<updated>2025-09-0{1 + i}T12:00:00Z</updated>"
        entries.append(
            f"""<entry><title>{xml_escape(title)}</title>
<link rel="alternate" href="entries/{seed}-{i}"/>
<id>tag:example.org,2025:{seed}:{i}</id>{updated}
<author><name>Analyst {i}</name></author>{content}</entry>"""
        )
    return (
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="{base}/atom{seed}/">
<title type="text">Institute {seed}</title><id>urn:feed:{seed}</id>
<updated>2025-09-06T12:00:00Z</updated><link rel="self" href="feed.xml"/>
{"".join(entries)}</feed>""".encode(),
        "application/atom+xml",
    )


def rss10(base: str, seed: int, n: int = 3) -> tuple[bytes, str]:
    seq = "".join(f'<rdf:li rdf:resource="{base}/rdf{seed}/{i}"/>' for i in range(n))
    items = []
    for i in range(n):
        title, lead = _topic(seed, i)
        items.append(
            f"""<item rdf:about="{base}/rdf{seed}/{i}"><title>{xml_escape(title)}</title>
<link>{base}/rdf{seed}/{i}</link><description>{xml_escape(lead)}</description>
<dc:date>2025-09-0{1 + i}T09:00:00+00:00</dc:date></item>"""
        )
    return (
        f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="{base}/rdf{seed}"><title>Agency {seed}</title><link>{base}/</link>
<description>RDF</description><items><rdf:Seq>{seq}</rdf:Seq></items></channel>
{"".join(items)}</rdf:RDF>""".encode(),
        "application/rdf+xml",
    )


def rss09x(base: str, seed: int, version: str) -> tuple[bytes, str]:
    doctype = (
        '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">'
        if version == "0.91"
        else ""
    )
    items = "".join(
        f"<item><title>{xml_escape(_topic(seed, i)[0])}</title>"
        f"<link>{base}/old{seed}/{i}</link><description>{xml_escape(_topic(seed, i)[1])}"
        "</description></item>"
        for i in range(3)
    )
    return (
        f"""<?xml version="1.0" encoding="ISO-8859-1"?>{doctype}
<rss version="{version}"><channel><title>Old site {seed}</title><link>{base}/</link>
<description>d</description><language>en-us</language>{items}</channel></rss>""".encode(
            "iso-8859-1"
        ),
        "text/xml",
    )


def encoded(base: str, seed: int, encoding: str) -> tuple[bytes, str]:
    """Non-ASCII names in a feed declared (and served) in another encoding."""
    names = ["Pål Jonson", "Veronika Stromšíková" if encoding != "iso-8859-1" else "Zoë Ångström"]
    if encoding == "windows-1252":
        names = ["“Quoted” Pål — Jonson", "Café crème"]
    items = "".join(
        f"<item><title>{xml_escape(name)} speaks ({seed}-{i})</title>"
        f"<link>{base}/enc{seed}/{i}</link><guid>enc{seed}-{i}</guid>"
        f"<description>{xml_escape(name)} said the talks went well.</description></item>"
        for i, name in enumerate(names)
    )
    text = f"""<?xml version="1.0" encoding="{encoding}"?>
<rss version="2.0"><channel><title>Nordic desk {seed}</title><link>{base}/</link>{items}
</channel></rss>"""
    if encoding == "utf-8-sig":
        text = text.replace('encoding="utf-8-sig"', 'encoding="utf-8"')
        return text.encode("utf-8-sig"), "application/rss+xml"
    if encoding == "utf-16":
        return text.encode("utf-16"), "application/xml"
    return text.encode(encoding), f"text/xml; charset={encoding}"


def json_feed(base: str, seed: int, version: str, n: int = 3) -> tuple[bytes, str]:
    items = []
    for i in range(n):
        title, lead = _topic(seed, i)
        item: dict[str, object] = {
            "id": f"json{seed}-{i}",
            "url": f"/json{seed}/{i}.html",
            "title": title,
            "date_published": f"2025-09-0{1 + i}T10:00:00Z",
        }
        if i % 2:
            item["content_text"] = f"{lead}\n\nSecond paragraph <script>alert(1)</script>."
        else:
            item["content_html"] = (
                f'<p>{lead}</p><img src="x" onerror="alert(1)"><script>1</script>'
            )
        items.append(item)
    items.append({"id": f"json{seed}-notitle", "url": f"{base}/json{seed}/nt", "content_text": "x"})
    items.append({"id": f"json{seed}-nothing", "content_text": "neither title nor link"})
    feed = {
        "version": f"https://jsonfeed.org/version/{version}",
        "title": f"Newsletter {seed}",
        "home_page_url": f"{base}/",
        "feed_url": f"{base}/json{seed}/feed.json",
        "items": items,
    }
    return json.dumps(feed).encode(), "application/feed+json"


def corpus(base: str) -> dict[str, tuple[bytes, str]]:
    """Path -> (bytes, content type) for 34 feeds."""
    feeds: dict[str, tuple[bytes, str]] = {}
    for seed in range(5):
        feeds[f"/rss-content-{seed}.xml"] = rss20_content(base, seed, 3 + seed)
    for seed in range(3):
        feeds[f"/rss-relative-{seed}.xml"] = rss20_relative(base, 10 + seed)
    for seed in range(2):
        feeds[f"/rss-dupguid-{seed}.xml"] = rss20_duplicate_guids(base, 20 + seed)
    for seed, kind in enumerate(["xhtml", "xhtml", "html", "html", "text"]):
        feeds[f"/atom-{kind}-{seed}.xml"] = atom(base, 30 + seed, kind)
    for seed in range(3):
        feeds[f"/rss10-{seed}.rdf"] = rss10(base, 40 + seed)
    feeds["/rss091.xml"] = rss09x(base, 50, "0.91")
    feeds["/rss092.xml"] = rss09x(base, 51, "0.92")
    for seed, enc in enumerate(
        ["iso-8859-1", "windows-1252", "utf-16", "utf-8-sig", "iso-8859-1", "windows-1252"]
    ):
        feeds[f"/enc-{seed}.xml"] = encoded(base, 60 + seed, enc)
    for seed, version in enumerate(["1", "1.1", "1.1", "1"]):
        feeds[f"/json-{seed}.json"] = json_feed(base, 70 + seed, version)
    for seed in range(4):
        feeds[f"/rss-more-{seed}.xml"] = rss20_content(base, 80 + seed, 2)
    return feeds


def article_page(title: str, paragraphs: int = 8) -> str:
    """A local article page, with navigation and a script around the story."""
    body = "".join(
        f"<p>Paragraph {i} of {title}: the defence minister said on Thursday that the "
        "alliance would deliver more air defence systems before the winter.</p>"
        for i in range(paragraphs)
    )
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        '<script>window.track = 1</script></head><body><nav><a href="/">Home</a> '
        '<a href="/world">World</a></nav>'
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright 2025 Example News</footer></body></html>"
    )


def summary_only_feed(base: str, n: int = 4) -> tuple[bytes, str]:
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}/articles/{i}.html</link>"
        f"<guid>summary-{i}</guid><description>Just a teaser for story {i}.</description></item>"
        for i in range(n)
    )
    return (
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Teasers</title>
<link>{base}/</link>{items}</channel></rss>""".encode(),
        "application/rss+xml",
    )
