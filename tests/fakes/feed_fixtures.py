"""Hand-written feed bodies served by `tests.fakes.feed_server` (our own wording)."""

from __future__ import annotations

import json

RSS_ITEM = """<item><title>{title}</title><link>{link}</link>{guid}
<pubDate>{date}</pubDate><description>{desc}</description></item>"""


def rss(title: str, items: list[str], *, encoding: str = "utf-8", decl: bool = True) -> str:
    """An RSS 2.0 document with the given item snippets."""
    head = f'<?xml version="1.0" encoding="{encoding}"?>\n' if decl else ""
    return (
        f'{head}<rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://news.example/</link><description>test feed</description>"
        f"{''.join(items)}</channel></rss>"
    )


def item(title: str, link: str, date: str, desc: str, guid: str | None = None) -> str:
    """One RSS item snippet."""
    g = f'<guid isPermaLink="false">{guid}</guid>' if guid else ""
    return RSS_ITEM.format(title=title, link=link, guid=g, date=date, desc=desc)


LONG_BODY = " ".join(
    [
        "The finance ministry published a draft bill on Tuesday that would license crypto",
        "exchanges and require them to hold customer assets in segregated accounts.",
    ]
    * 12
)

BASIC = rss(
    "Basic policy feed",
    [
        item("Relative link story", "/news/relative-1", "Mon, 06 May 2024 10:00:00 GMT",
             "A short teaser about a licensing bill...", guid="basic-1"),
        item("Script link story", "javascript:alert(1)", "Mon, 06 May 2024 11:00:00 GMT",
             "This one must be dropped", guid="basic-2"),
        item("Full story", "https://news.example/full", "Mon, 06 May 2024 12:00:00 GMT",
             LONG_BODY, guid="https://news.example/full"),
        item("Data link story", "data:text/html,hello", "Mon, 06 May 2024 13:00:00 GMT",
             "Also dropped", guid="basic-4"),
    ],
)

GUIDLESS = rss(
    "No GUIDs here",
    [
        item("Linked but no guid", "https://news.example/a?utm_source=x&b=2&a=1#top",
             "Tue, 07 May 2024 09:00:00 GMT", "Teaser one"),
        "<item><title>Neither guid nor link</title>"
        "<pubDate>Tue, 07 May 2024 10:00:00 GMT</pubDate><description>bare</description></item>",
    ],
)

# Windows-1252: curly quotes (0x93/0x94), euro sign (0x80) and e-acute (0xE9).
CP1252_TITLE = "“Café” levy of €5 on crypto trades"
CP1252 = rss(
    "Caf\u00e9 news",
    [item(CP1252_TITLE, "https://news.example/cafe", "Wed, 08 May 2024 08:00:00 GMT",
          "r\u00e9sum\u00e9", guid="cp-1")],
    encoding="windows-1252",
).encode("cp1252")
LATIN1_TITLE = "Señor Müller's crypto tax"
LATIN1 = rss(
    "Latin-1 news",
    [item(LATIN1_TITLE, "https://news.example/latin", "Wed, 08 May 2024 09:00:00 GMT",
          "Gr\u00fc\u00dfe", guid="l-1")],
    decl=False,
).encode("latin-1")

HTML_PAGE = """<!DOCTYPE html><html><head><title>Policy site</title>
<link rel="alternate" type="application/rss+xml" href="/feed/basic" title="RSS"></head>
<body><p>Welcome to the site; this is not a feed.</p></body></html>"""

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "haha">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
 <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
]>
<rss version="2.0"><channel><title>&h;</title><item><title>&h;</title>
<link>https://news.example/x</link></item></channel></rss>"""

QUADRATIC = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY big "' + "x" * 50_000 + '">]>\n'
    '<rss version="2.0"><channel><title>q</title><item><title>'
    + "&big;" * 20_000
    + "</title><link>https://news.example/q</link></item></channel></rss>"
)

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<rss version="2.0"><channel><title>x</title><item><title>&secret;</title>
<link>https://news.example/secret</link></item></channel></rss>"""

# One story told by three outlets in different words, plus an unrelated story on each feed.
STORY = {
    "alpha": (
        "Central bank of Freedonia caps stablecoin payments at 1,000 euros",
        "The central bank of Freedonia announced on Monday a cap of 1,000 euros on single "
        "stablecoin payments, saying the limit protects the domestic currency. Issuers must "
        "report monthly reserves to the central bank, and wallets must verify users.",
    ),
    "beta": (
        "Freedonia limits stablecoin payments to 1,000 euros, central bank says",
        "Freedonia's central bank said on Monday it will cap single stablecoin payments at "
        "1,000 euros to protect the domestic currency. Issuers must report reserves to the "
        "central bank every month and wallets must verify their users.",
    ),
    "gamma": (
        "Freedonia central bank sets 1,000 euro cap on stablecoin payments",
        "On Monday the central bank of Freedonia set a 1,000 euro cap on single stablecoin "
        "payments to protect the domestic currency. Stablecoin issuers must report monthly "
        "reserves to the central bank and wallets must verify users.",
    ),
}
OTHER = {
    "alpha": ("Miners in Kazakhstan face new power tariff",
              "Kazakhstan raised electricity tariffs for registered bitcoin miners by 20 "
              "percent, the energy ministry said, citing grid shortages in winter."),
    "beta": ("Senate committee delays vote on custody bill",
             "A Senate committee postponed its vote on the digital asset custody bill after "
             "members asked for more hearings with bank regulators next month."),
    "gamma": ("Exchange fined for weak anti-money-laundering checks",
              "Regulators fined a large exchange 4 million dollars for failing to screen "
              "customers properly against sanctions lists over two years."),
}


def story_feed(outlet: str) -> str:
    """The RSS feed of one outlet carrying the shared story and its own unrelated story."""
    t1, d1 = STORY[outlet]
    t2, d2 = OTHER[outlet]
    return rss(
        f"{outlet} news",
        [
            item(t1, f"https://{outlet}.example/stablecoin-cap", "Mon, 13 May 2024 08:00:00 GMT",
                 d1, guid=f"{outlet}-1"),
            item(t2, f"https://{outlet}.example/other", "Mon, 13 May 2024 09:00:00 GMT", d2,
                 guid=f"{outlet}-2"),
        ],
    )


JSON_FEED = json.dumps(
    {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON policy feed",
        "home_page_url": "https://json.example/",
        "items": [
            {"id": "j1", "url": "/posts/1", "title": "JSON item one",
             "content_html": "<p>" + LONG_BODY + "</p>", "date_published": "2024-05-10T10:00:00Z",
             "authors": [{"name": "A. Writer"}]},
            {"id": "j2", "url": "ftp://json.example/file", "title": "Bad scheme item",
             "content_text": "dropped", "date_published": "2024-05-10T11:00:00+02:00"},
            {"id": "j3", "external_url": "https://elsewhere.example/3", "title": "External only",
             "summary": "Short teaser [\u2026]", "date_modified": "2024-05-11T00:00:00Z"},
        ],
    }
)

ARTICLE_HTML = """<!DOCTYPE html><html><head><title>Licensing bill advances</title>
<meta name="author" content="Jane Reporter"><meta property="og:site_name" content="News Example">
<meta property="article:published_time" content="2024-05-06T10:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/markets">Markets</a></nav>
<article><h1>Licensing bill advances</h1>
<p>The finance ministry published a draft bill on Tuesday that would license crypto exchanges
operating in the country and require them to keep customer assets apart from their own.</p>
<p>Exchanges would have twelve months to apply for a licence, and those that fail to do so
would have to stop serving local customers, according to the draft seen by reporters.</p>
<p>Industry groups welcomed the clarity but asked for a longer transition period, saying
smaller firms would struggle to meet the capital requirements in one year.</p></article>
<section id="comments"><h2>Comments</h2><p>Great article, first comment here!</p></section>
<footer>Copyright News Example</footer></body></html>"""
