"""Files ingested from two outlets telling the same story give one alert listing both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.app import Runtime
from bot.chat.messages import Card

pytestmark = pytest.mark.spacy

STORY = ("Pakistan's finance ministry set aside 2,000 megawatts of surplus power for Bitcoin "
         "mining and data centres, officials said on Tuesday. The plan is backed by the new "
         "Pakistan Crypto Council, which wants to attract miners with cheap electricity from "
         "idle coal plants. Officials expect the first sites to open within a year, and the "
         "council said it was talking to several foreign mining firms about the allocation. "
         "Critics in parliament asked how the tariff would be set and who would pay for the "
         "grid upgrades needed to deliver power to remote sites.")


async def test_same_story_two_outlets_one_alert(app: Runtime, tmp_path: Path) -> None:
    """The second outlet's copy joins the first one's story; one alert, both outlets named."""
    path = tmp_path / "two.jsonl"
    rows = [
        {"url": "https://outlet-one.example/pk-mining", "title": "Pakistan sets aside power "
         "for Bitcoin mining", "date": "2025-05-27", "source": "Outlet One", "text": STORY},
        {"url": "https://outlet-two.example/news/123", "title": "Pakistan offers surplus power "
         "to Bitcoin miners", "date": "2025-05-27", "source": "Outlet Two",
         "text": STORY.replace("officials said on Tuesday", "officials told reporters")},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows))
    first, second = await app.ingest_paths([path])
    assert first.created and second.created
    record = await app.store.articles.get(second.article_id)
    assert record is not None and record.story_id == first.article_id
    deliveries = await app.store.deliveries.for_channel("console", "console")
    assert len(deliveries) == 1
    card = Card.model_validate_json(deliveries[0].card)
    assert card.also_reported_by == ["Outlet Two"]
