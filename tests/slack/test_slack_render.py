"""Block Kit rendering: escaping of article-derived text, limits and clean truncation."""

from __future__ import annotations

import json
from datetime import date

from bot.adapters.slack.blocks import (
    HEADER_MAX,
    MAX_BLOCKS,
    SECTION_TEXT_MAX,
    ZWJ,
    esc,
    header,
    link,
    truncate,
)
from bot.adapters.slack.render import (
    DELIVERY_EVENT,
    SHARE_ACTION,
    card_blocks,
    card_message,
    reply_blocks,
    reply_fallback,
)
from bot.chat.messages import (
    ArticleItem,
    ArticleRef,
    Card,
    CardField,
    FigureItem,
    Reply,
    TopicHit,
)


def _all_text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def test_escapes_channel_broadcast() -> None:
    assert esc("hi <!channel> now") == "hi &lt;!channel&gt; now"


def test_escapes_here_broadcast() -> None:
    assert "<!here>" not in esc("<!here|here> ping")
    assert esc("<!here>") == "&lt;!here&gt;"


def test_escapes_user_mention() -> None:
    assert esc("cc <@U123>") == "cc &lt;@U123&gt;"


def test_escapes_ampersand_first() -> None:
    assert esc("a & b &lt;") == "a &amp; b &amp;lt;"


def test_neutralises_everyone_here_channel_words() -> None:
    out = esc("@everyone @here and @Channel but not @hereby")
    assert "@everyone" not in out and "@here " not in out and "@Channel" not in out
    assert out.count(ZWJ) == 3
    assert "@hereby" in out


def test_link_escapes_label_and_rejects_unsafe_urls() -> None:
    assert link("https://x.example/a?b=1&c=2", "<b>") == "<https://x.example/a?b=1&amp;c=2|&lt;b&gt;>"
    assert link("javascript:alert(1)", "t") == "t"
    assert link("https://x.example/|<!channel>", "t") == "t"


def test_truncate_at_word_boundary_with_ellipsis() -> None:
    text = "word " * 1000
    out = truncate(text, 3000)
    assert len(out) <= 3000 and out.endswith("…")
    assert out[:-1].endswith("word")


def test_truncate_never_leaves_partial_entity() -> None:
    out = truncate("x" * 20 + "&amp;" * 10, 23)
    assert len(out) <= 23 and not out[:-1].rstrip("…").endswith("&am")
    assert "&" not in out.split("x")[-1].replace("…", "")


def test_header_limit() -> None:
    block = header("A very long headline " * 20)
    assert len(block["text"]["text"]) <= HEADER_MAX
    assert block["text"]["text"].endswith("…")


def _card(**kw: object) -> Card:
    base = dict(title="Senate <b>passes</b> bill", url="https://news.example/1",
                source="Wire & Co", date=date(2024, 5, 1), summary="The bill @everyone <!here>.",
                topics=[TopicHit(topic="stablecoins", reason="keyword 'stablecoin'")],
                fields=[CardField(name=f"Figure {i}", value=f"{i} BTC") for i in range(6)],
                also_reported_by=["Other <@U9>"])
    base.update(kw)
    return Card(**base)  # type: ignore[arg-type]


def test_card_blocks_structure() -> None:
    blocks = card_blocks(_card())
    title = "*<https://news.example/1|Senate &lt;b&gt;passes&lt;/b&gt; bill>*"
    assert blocks[0]["text"]["text"] == title
    assert blocks[1]["type"] == "context" and "Wire &amp; Co · 2024-05-01" in _all_text(blocks[1:2])
    fields = next(b for b in blocks if "fields" in b)["fields"]
    assert len(fields) == 6  # the card decides how many figures; the renderer drops none
    assert "stablecoins" in _all_text(blocks) and "keyword" in _all_text(blocks)
    assert "Also reported by: Other &lt;@U9&gt;" in _all_text(blocks)


def test_digest_card_keeps_every_topic() -> None:
    """A digest has one multi-line field per topic: each becomes its own section, none is
    dropped, and the notification text carries them too."""
    topics = [CardField(name=f"topic-{i} (2)", value=f"• story {i}a — 5 BTC\n• story {i}b")
              for i in range(7)]
    card = _card(kind="digest", fields=topics, topics=[], also_reported_by=[])
    blocks = card_blocks(card)
    text = _all_text(blocks)
    assert all(f"*topic-{i} (2)*" in text and f"story {i}b" in text for i in range(7))
    assert not any("fields" in b for b in blocks)
    fallback = card_message(card, "d")["text"]
    assert "topic-6 (2):" in fallback and "story 6b" in fallback


def test_more_than_ten_figures_use_more_sections() -> None:
    """Section fields are capped at 10 by Slack: the rest go in a second section."""
    blocks = card_blocks(_card(fields=[CardField(name=f"Outlet {i}", value=f"{i} BTC")
                                       for i in range(13)]))
    grids = [b["fields"] for b in blocks if "fields" in b]
    assert [len(g) for g in grids] == [10, 3]


def test_figures_reply_shows_latest_per_measure_first() -> None:
    """/figures: the latest tracked value of each measure heads the answer."""
    ref = ArticleRef(id=1, title="Reserve grows", url="https://n.example/r", source="Wire",
                     date=date(2025, 5, 23))
    item = FigureItem(value=6240, unit="BTC", text="6,240 BTC", subject="El Salvador",
                      measure="BTC holdings", kind="crypto", sentence="It holds 6,240 BTC.",
                      article=ref)
    blocks = reply_blocks(Reply(command="figures", items=[item], latest=[item]))
    first = blocks[0]["text"]["text"]
    assert first.startswith("*Latest per measure*\n• BTC holdings: *6,240 BTC* — <https://n")
    assert "2025-05-23" in first and "1 figure(s)" in blocks[1]["text"]["text"]


def test_card_never_contains_raw_mentions() -> None:
    msg = card_message(_card(title="<!channel> alert", summary="<!here> <@U1> @channel"), "d1")
    dumped = _all_text(msg["blocks"]) + msg["text"]
    for bad in ("<!channel>", "<!here>", "<@U1>", "@channel"):
        assert bad not in dumped


def test_card_message_metadata_and_fallback() -> None:
    msg = card_message(_card(), "deliv-42")
    assert msg["metadata"] == {"event_type": DELIVERY_EVENT,
                               "event_payload": {"delivery_id": "deliv-42"}}
    assert msg["text"].startswith("<https://news.example/1|Senate")


def test_card_long_summary_truncated_cleanly() -> None:
    blocks = card_blocks(_card(summary="lorem ipsum " * 600))
    for b in blocks:
        if b.get("text"):
            assert len(b["text"]["text"]) <= SECTION_TEXT_MAX
    summary = blocks[2]["text"]["text"]
    assert summary.endswith("…") and summary[:-1].endswith(("lorem", "ipsum"))


def test_reply_with_many_articles_stays_under_50_blocks() -> None:
    arts = [ArticleItem(id=i, title=f"Story {i}", url=f"https://n.example/{i}", source="S",
                        date=date(2024, 1, 1), summary="s") for i in range(80)]
    blocks = reply_blocks(Reply(command="latest", articles=arts), share_key="k")
    assert len(blocks) <= MAX_BLOCKS
    assert blocks[-1]["type"] == "actions"
    assert blocks[-1]["elements"][0]["action_id"] == SHARE_ACTION
    assert "more not shown" in _all_text(blocks[-2:-1])


def test_reply_long_text_split_into_sections() -> None:
    text = "\n".join(f"line {i} " + "x" * 90 for i in range(200))
    blocks = reply_blocks(Reply(command="search", text=text))
    assert len(blocks) > 1
    assert all(len(b["text"]["text"]) <= SECTION_TEXT_MAX for b in blocks)


def test_reply_text_escaped() -> None:
    reply = Reply(command="entity", text="Found <!channel> & @here")
    dumped = _all_text(reply_blocks(reply)) + reply_fallback(reply)
    assert "<!channel>" not in dumped and "@here" not in dumped
