"""The spine's acceptance answers, after ingesting the publisher's seed article (and ours)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import Runtime

pytestmark = pytest.mark.spacy


def _figures(reply: dict) -> list[tuple[float, str, str | None]]:
    return [(i["value"], i["unit"], i["qualifier"]) for i in reply["items"]]


@pytest.fixture(params=["original", "own-words"])
async def seeded(request: pytest.FixtureRequest, app: Runtime, repo_root: Path) -> Runtime:
    """The app with one seed article ingested: the original text or our rewrite."""
    if request.param == "original":
        path = request.getfixturevalue("original_seed")
    else:
        path = repo_root / "seeds" / "articles" / "pakistan-el-salvador-bitcoin.md"
    outcomes = await app.ingest_paths([path])
    assert [o.created for o in outcomes] == [True]
    return app


async def test_figures_el_salvador(seeded: Runtime) -> None:
    """/figures El Salvador: 6,240 BTC (more than), $745 million, and the $350 million profit."""
    reply = (await seeded.ask("/figures El Salvador")).to_json()
    assert reply["ok"] and reply["command"] == "figures"
    figs = _figures(reply)
    assert (6240, "BTC", "more than") in figs
    assert any(v == 745_000_000 and u == "USD" for v, u, _ in figs)
    profit = [i for i in reply["items"] if i["value"] == 350_000_000 and i["unit"] == "USD"]
    assert profit and "profit" in (profit[0]["measure"] or "") + profit[0]["sentence"]
    for item in reply["items"]:
        assert item["subject"] == "El Salvador"
        assert item["article"]["id"] and item["article"]["title"]
        assert item["sentence"] and item["text"]


async def test_figures_pakistan(seeded: Runtime) -> None:
    """/figures Pakistan: 2,000 MW, $25 billion, and 20 million holders."""
    reply = (await seeded.ask("/figures Pakistan")).to_json()
    figs = _figures(reply)
    assert any(v == 2000 and u == "MW" for v, u, _ in figs)
    assert any(v == 25_000_000_000 and u == "USD" for v, u, _ in figs)
    assert any(v == 20_000_000 and q == "up to" for v, _, q in figs)


async def test_entity_saqib_roles(seeded: Runtime) -> None:
    """Bilal Bin Saqib is CEO of the Pakistan Crypto Council and the PM's special assistant."""
    for query in ("/entity Bilal Bin Saqib", "/entity Saqib"):
        reply = (await seeded.ask(query)).to_json()
        entity = reply["entity"]
        assert entity["name"] == "Bilal Bin Saqib" and entity["type"] == "PERSON"
        roles = " | ".join(f"{r['text']} {r['org'] or ''}" for r in entity["roles"])
        assert "CEO" in roles and "Pakistan Crypto Council" in roles
        assert "special assistant to the Prime Minister" in roles
        assert "blockchain" in roles
        assert entity["articles"] and entity["mentions"] >= 2


async def test_entity_bukele(seeded: Runtime) -> None:
    """"Bukele" resolves to Nayib Bukele, President of El Salvador."""
    entity = (await seeded.ask("/entity Bukele")).to_json()["entity"]
    assert entity["name"] == "Nayib Bukele"
    assert "Bukele" in entity["aliases"]
    assert any(r["text"] == "President" and r["org"] == "El Salvador" for r in entity["roles"])


async def test_entity_josue_lopez(seeded: Runtime) -> None:
    """Josue Lopez is a Salvadoran government advisor."""
    entity = (await seeded.ask("/entity Josue Lopez")).to_json()["entity"]
    assert any("Salvadoran government advisor" in r["text"] for r in entity["roles"])


async def test_boilerplate_entity_is_not_an_entity(seeded: Runtime, original_seed: Path) -> None:
    """Elizabeth Warren appears only in the "Also Read" line, so she is not an entity."""
    reply = (await seeded.ask("/entity Elizabeth Warren")).to_json()
    assert reply["ok"] is False and reply["error"]


async def test_topics_and_latest(seeded: Runtime) -> None:
    """/topics counts the seed's matches; /latest shows it with summary and reasons."""
    topics = (await seeded.ask("/topics")).to_json()["topics"]
    counts = {t["name"]: t["matches"] for t in topics}
    assert {"reserves", "legal-tender", "regulators", "mining-energy", "bilateral"} <= set(counts)
    assert counts["bilateral"] == 1 and counts["reserves"] == 1
    latest = (await seeded.ask("/latest")).to_json()["articles"]
    assert len(latest) == 1
    article = latest[0]
    assert article["summary"] and article["summary"].count(".") >= 3
    assert "Also Read" not in article["summary"]
    reasons = {t["topic"]: t["reason"] for t in article["topics"]}
    assert "bilateral" in reasons and "memorandum" in reasons["bilateral"].lower()
    assert all(r for r in reasons.values())


async def test_saqib_tagged_org_later_still_answers_the_person(seeded: Runtime,
                                                               tmp_path: Path) -> None:
    """A later article where spaCy reads the bare surname as an ORG adds to Bilal Bin Saqib."""
    later = tmp_path / "later.txt"
    later.write_text("---\ntitle: Licensing guidance due\ndate: 2025-06-10\n---\n"
                     "Speaking in Lahore on Monday, Saqib said the council expects to issue"
                     " licensing rules soon.\n", encoding="utf-8")
    assert [o.created for o in await seeded.ingest_paths([later])] == [True]
    entity = (await seeded.ask("/entity Saqib")).to_json()["entity"]
    assert (entity["name"], entity["type"]) == ("Bilal Bin Saqib", "PERSON")
    assert "Licensing guidance due" in [a["title"] for a in entity["articles"]]


async def test_figures_suggestions_are_close_names_only(seeded: Runtime) -> None:
    """A made-up place gets no "did you mean"; a slip in a known name or topic still does."""
    made_up = (await seeded.ask("/figures Atlantis")).to_json()
    assert not made_up["ok"] and not made_up.get("suggestions")
    assert "Did you mean" not in made_up["text"]
    for query, wanted in (("/figures Pakistn", "Pakistan"), ("/figures El Salvadr", "El Salvador"),
                          ("/figures Bukelle", "Nayib Bukele"), ("/figures regulatrs",
                                                                  "regulators")):
        reply = (await seeded.ask(query)).to_json()
        assert not reply["ok"] and reply["suggestions"][0] == wanted, reply
    assert "legal-tender" not in ((await seeded.ask("/figures Fed")).to_json()
                                  .get("suggestions") or [])
