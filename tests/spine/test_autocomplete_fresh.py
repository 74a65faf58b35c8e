"""Autocomplete knows an article's names as soon as the article is stored."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app import Runtime
from bot.domain.models import ArticleIn

pytestmark = pytest.mark.spacy  # ingesting understands the article with spaCy

TEXT = (
    "Bhutan's sovereign fund Druk Holding and Investments moved 1,200 BTC to an exchange on "
    "Monday, according to Arkham Intelligence. Druk Holding and Investments has mined bitcoin "
    "with hydropower since 2019. Ujjwal Deep Dahal, the chief executive of Druk Holding and "
    "Investments, said Bhutan holds its bitcoin as a strategic reserve."
)


async def test_ingested_names_complete_at_once(app: Runtime) -> None:
    """A name first seen in an ingested article completes, ranked by its mentions."""
    index = app.services.queries.entity_index
    assert index.complete("druk") == []
    before = len(index)
    outcomes = await app.ingest_articles([ArticleIn(
        url="https://example.org/bhutan-btc", title="Bhutan moves bitcoin", text=TEXT,
        date=datetime(2026, 11, 20, tzinfo=UTC), source="example.org")])
    assert outcomes[0].created
    assert any("Druk" in name for name in index.complete("druk"))
    assert "Bhutan" in index.complete("bhu")
    assert len(index) > before
    reloaded = type(index)()
    reloaded.replace(await app.store.entities.all_names())
    for prefix in ("d", "b", "u", "a"):
        assert index.complete(prefix) == reloaded.complete(prefix), prefix
