"""A country is found by any of its English names: the article's "Türkiye" answers
`/figures Turkey`, and "Czech Republic" answers for "Czechia" (real ingest and handlers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import Runtime

pytestmark = pytest.mark.spacy

_ARTICLE = """---
title: Türkiye sets crypto fines
date: 2025-06-01
---

Türkiye will fine unlicensed crypto firms up to 5,000,000 lira under a law passed in June.
The Czech Republic's central bank bought 1,000 BTC for its test portfolio.
"""


@pytest.mark.parametrize(("query", "value"), [
    ("/figures Turkey", 5_000_000), ("/figures Türkiye", 5_000_000),
    ("/figures Czechia", 1000),
])
async def test_a_country_answers_to_its_other_names(app: Runtime, tmp_path: Path,
                                                    query: str, value: float) -> None:
    path = tmp_path / "turkey.md"
    path.write_text(_ARTICLE, encoding="utf-8")
    await app.ingest_paths([path])
    reply = (await app.ask(query)).to_json()
    assert reply["ok"], reply
    assert value in [i["value"] for i in reply["items"]]
