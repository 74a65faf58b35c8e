"""Figure tracking through the real pipeline: change alerts, conflicts, no repeats, history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.chat.messages import Card
from bot.delivery.figure_tracking import measure_key
from bot.domain.models import ArticleIn
from tests.alerts.conftest import AlertRig, article

pytestmark = pytest.mark.spacy

EARLY = article(
    "El Salvador's government holds 6,240 BTC in its strategic bitcoin reserve, according to "
    "the Bitcoin Office. The country kept buying bitcoin despite its IMF program.",
    source="Outlet A", day="2025-05-20", slug="early")
LATER = article(
    "El Salvador now holds 6,300 BTC in its national bitcoin reserve, the Bitcoin Office said "
    "on Monday. President Nayib Bukele has kept buying one bitcoin a day for the strategic "
    "reserve.", source="Outlet B", day="2025-05-27", slug="later")
SAME = article(
    "El Salvador holds 6,300 BTC in its bitcoin reserve, officials at the Bitcoin Office "
    "confirmed on Wednesday. No purchases were made this week.",
    source="Outlet C", day="2025-05-28", slug="same")
RIVAL = article(
    "El Salvador holds 6,350 BTC in its strategic bitcoin reserve, a finance ministry source "
    "told reporters. The government plans further bitcoin purchases.",
    source="Outlet D", day="2025-05-27", slug="rival")


async def figure_rows(rig: AlertRig, platform: str = "console", channel: str = "live") -> list:
    """The figure_change deliveries of a channel."""
    return [d for d in await rig.deliveries(platform, channel) if d.kind == "figure_change"]


def test_measure_key() -> None:
    """Spelling variants of one measure share a key; a missing measure falls back to kind+unit."""
    assert measure_key("BTC holdings", "crypto", "BTC") == ("btc holdings", True)
    assert measure_key("holdings of bitcoin", "crypto", "BTC") == ("btc holdings", True)
    assert measure_key("its total Bitcoin holdings", "crypto", "BTC") == ("btc holdings", True)
    assert measure_key("bitcoin reserves", "crypto", "BTC") == measure_key(
        "Bitcoin reserve", "crypto", "BTC")
    assert measure_key(None, "money", "USD") == ("money usd", False)


async def test_changed_value_alerts_once_with_both_citations(rig: AlertRig) -> None:
    """6,240 BTC then 6,300 BTC: one figure_change per subscribed channel, old and new cited."""
    first, second = await rig.app.ingest_articles([EARLY, LATER])
    rows = await figure_rows(rig)
    assert len(rows) == 1 and rows[0].state == "pending"
    assert rows[0].article_id == second.article_id
    card = Card.model_validate_json(rows[0].card)
    assert card.kind == "figure_change"
    assert card.title == "El Salvador — BTC holdings: 6,240 BTC → 6,300 BTC"
    fields = {f.name: f.value for f in card.fields}
    assert "6,240 BTC — Outlet A, 2025-05-20" in fields["Before"]
    assert f"#{first.article_id}" in fields["Before"]
    assert "6,300 BTC — Outlet B, 2025-05-27" in fields["Now"]
    assert f"#{second.article_id}" in fields["Now"] and LATER.url in fields["Now"]
    assert fields["Change"] == "+60 BTC (+1.0%)"
    assert card.url == LATER.url and card.article_id == second.article_id
    # the digest channel gets it held; nothing else (e.g. the unmeasured "one bitcoin") alerts
    held = await figure_rows(rig, "slack", "C-DIGEST")
    assert [d.state for d in held] == ["held"]


async def test_same_value_and_reingest_add_nothing(rig: AlertRig) -> None:
    """A repeated value, a re-ingest and a catch-up pass enqueue no further figure alerts."""
    await rig.app.ingest_articles([LATER, SAME])
    assert await figure_rows(rig) == []
    await rig.app.ingest_articles([EARLY])  # an older value arriving late is history only
    assert await figure_rows(rig) == []
    before = await rig.app.store.deliveries.counts()
    outcomes = await rig.app.ingest_articles([EARLY, LATER, SAME])
    assert not any(o.created for o in outcomes)
    assert await rig.tracker.catch_up() == 0
    assert await rig.app.store.deliveries.counts() == before


async def test_same_day_disagreement_is_flagged(rig: AlertRig) -> None:
    """Two outlets, same day, 6,300 vs 6,350 BTC: a conflict card listing both, no change card."""
    await rig.app.ingest_articles([LATER, RIVAL])
    rows = await figure_rows(rig)
    assert len(rows) == 1
    card = Card.model_validate_json(rows[0].card)
    assert card.title.startswith("Sources disagree — El Salvador — BTC holdings on 2025-05-27")
    assert "→" not in card.title
    fields = {f.name: f.value for f in card.fields}
    assert set(fields) == {"Outlet B", "Outlet D"}
    assert fields["Outlet B"].startswith("6,300 BTC") and fields["Outlet D"].startswith("6,350")


async def test_catch_up_restores_alert_lost_in_a_crash(rig: AlertRig) -> None:
    """Tracking and its alerts commit together; a crash before that commit is caught up once."""
    await rig.app.ingest_articles([EARLY, LATER])
    later_id = (await figure_rows(rig))[0].article_id
    async with rig.app.store.db.transaction() as conn:  # as if the process died before it
        await conn.execute("DELETE FROM deliveries WHERE kind = 'figure_change'")
        await conn.execute("DELETE FROM figure_series WHERE article_id = ?", (later_id,))
    assert await rig.tracker.catch_up() == 3  # live, C-DIGEST and D-WEEK
    assert len(await figure_rows(rig)) == 1
    assert await rig.tracker.catch_up() == 0


async def test_figures_history(rig: AlertRig) -> None:
    """/figures El Salvador --history lists both values, newest first, dated and cited."""
    first, second = await rig.app.ingest_articles([EARLY, LATER])
    for query in ("/figures El Salvador --history", "/figures --history El Salvador"):
        reply = (await rig.app.ask(query)).to_json()
        assert reply["ok"], reply
        btc = [i for i in reply["items"] if i["measure"] == "BTC holdings"]
        assert [(i["value"], i["article"]["date"][:10]) for i in btc] == [
            (6300, "2025-05-27"), (6240, "2025-05-20")]
        assert [i["article"]["id"] for i in btc] == [second.article_id, first.article_id]
        assert all(i["subject"] == "El Salvador" and i["sentence"] for i in btc)
        text = reply["text"]
        assert "BTC holdings: 6,300 BTC — Outlet B, 2025-05-27" in text
        assert "earlier: 6,240 BTC — Outlet A, 2025-05-20" in text
    plain = (await rig.app.ask("/figures El Salvador")).to_json()
    assert "Latest per measure:" in plain["text"]
    assert {i["value"] for i in plain["items"]} >= {6300, 6240}
    bad = (await rig.app.ask("/figures reserves --history")).to_json()
    assert not bad["ok"] and "not a topic" in bad["text"]


async def test_undated_article_is_shown_undated_in_text_and_json(rig: AlertRig) -> None:
    """No publication date: the reply says "undated" and every JSON date is null, while the
    ingest day only orders the series."""
    undated = ArticleIn(url="https://nodate.example/reserve", title="Reserve count", date=None,
                        text="El Salvador holds 6,180 BTC in its bitcoin reserve, the Bitcoin "
                             "Office said in a short statement.")
    await rig.app.ingest_articles([undated])
    today = datetime.now(UTC).date().isoformat()
    for query in ("/figures El Salvador", "/figures El Salvador --history"):
        reply = (await rig.app.ask(query)).to_json()
        assert reply["ok"], reply
        refs = [i["article"] for i in reply["items"] + (reply.get("latest") or [])]
        assert refs and all(r["date"] is None for r in refs)
        assert today not in reply["text"]
        assert "BTC holdings: 6,180 BTC — nodate.example, undated [#" in reply["text"]


async def test_an_article_without_source_or_url_has_a_null_source_everywhere(
        rig: AlertRig) -> None:
    """The series labels such a report "unknown outlet" in text; JSON sources stay null."""
    bare = ArticleIn(url=None, title="Reserve note", date=None, source=None,
                     text="El Salvador holds 6,190 BTC in its bitcoin reserve, the Bitcoin "
                          "Office said in a short statement.")
    await rig.app.ingest_articles([bare])
    reply = (await rig.app.ask("/figures El Salvador")).to_json()
    refs = [i["article"] for i in reply["items"] + (reply.get("latest") or [])]
    assert refs and all(r["source"] is None for r in refs)
    assert "unknown outlet" in reply["text"]
