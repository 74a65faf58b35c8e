"""The facts scorer rewards right answers and catches wrong ones (subject, value, unit, role)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bench.eval.facts import summary_problem
from bench.eval.facts_labels import LABELS_DIR, load_labels, manifest, parse_labels
from bench.eval.facts_match import role_matches, units_match, values_match
from bench.eval.facts_score import StoredArticle, junk_reason, score_article, totals

LABEL = parse_labels({
    "id": "x-1", "set": "crypto-policy-news", "split": "dev", "url": "https://e.org/a",
    "figures": [
        {"subject": "El Salvador", "subject_alts": ["Salvador"], "measure": "BTC holdings",
         "value": 6240, "unit": "BTC", "qualifier": "more than", "text": "more than 6,240 BTC"},
        {"subject": "Pakistan", "measure": "electricity", "value": 2000, "unit": "MW",
         "qualifier": None, "text": "2,000 MW"},
    ],
    "roles": [{"name": "Bilal Bin Saqib", "role": "CEO", "org": "Pakistan Crypto Council",
               "evidence": "CEO of the Pakistan Crypto Council"}],
    "entities": [{"name": "Pakistan Crypto Council", "type": "ORG", "aliases": ["PCC"]},
                 {"name": "Pakistan", "type": "GPE", "aliases": []}],
    "topics": ["reserves"],
})


def _item(value: float, unit: str, article_id: int = 7, text: str = "") -> dict[str, Any]:
    return {"value": value, "unit": unit, "text": text or f"{value} {unit}",
            "article": {"id": article_id}}


def _asker(figures: dict[str, list[dict[str, Any]]], roles: dict[str, list[dict[str, Any]]]):
    async def ask(command: str) -> dict[str, Any]:
        verb, _, arg = command.partition(" ")
        if verb == "/figures":
            if arg not in figures:
                return {"ok": False, "error": "unknown"}
            return {"ok": True, "items": figures[arg]}
        if arg not in roles:
            return {"ok": False, "error": "unknown"}
        return {"ok": True, "entity": {"name": arg, "type": "PERSON", "roles": roles[arg]}}
    return ask


STORED = StoredArticle(7, ("reserves",), ("Pakistan",),
                       ({"value": 6240, "unit": "BTC", "subject": "Pakistan",
                         "text": "more than 6,240 BTC"},
                        {"value": 2000, "unit": "MW", "subject": "MW", "text": "2,000 MW"}))


async def test_right_answers_score_full_marks() -> None:
    ask = _asker({"El Salvador": [_item(6240, "BTC")], "Pakistan": [_item(2000, "MW")]},
                 {"Bilal Bin Saqib": [{"text": "CEO of the Pakistan Crypto Council",
                                       "org": None, "article_id": 7}]})
    report = totals([await score_article(LABEL, STORED, ask)])
    assert report["figure_recall"] == 1.0
    assert report["figure_precision"] == 1.0
    assert report["role_recall"] == 1.0
    assert report["topic_precision"] == report["topic_recall"] == 1.0


async def test_figures_under_the_wrong_subject_or_article_are_misses() -> None:
    # El Salvador's BTC is filed under Pakistan; Pakistan's MW comes from another article
    ask = _asker({"El Salvador": [], "Pakistan": [_item(6240, "BTC"), _item(2000, "MW", 8)]},
                 {})
    score = await score_article(LABEL, STORED, ask)
    report = totals([score])
    assert report["figure_recall"] == 0.0
    assert report["figure_precision"] == 0.0  # the one item listed for Pakistan is not its own
    assert score.errors["figure:wrong_subject"] == 2
    assert report["role_recall"] == 0.0
    assert score.errors["role:name_unknown"] == 1


async def test_value_and_unit_must_both_be_right() -> None:
    ask = _asker({"El Salvador": [_item(6.24, "BTC")], "Pakistan": [_item(2000, "GW")]}, {})
    report = totals([await score_article(LABEL, STORED, ask)])
    assert report["figure_recall"] == 0.0


async def test_an_alternative_name_counts_and_topics_are_compared() -> None:
    ask = _asker({"Salvador": [_item(6240, "BTC")]}, {})
    stored = StoredArticle(7, ("mining-energy",), (), ())
    report = totals([await score_article(LABEL, stored, ask)])
    assert report["counts"]["figures_found"] == 1
    assert report["topic_precision"] == 0.0 and report["topic_recall"] == 0.0


def test_role_matching_wants_the_whole_title_and_its_org() -> None:
    assert role_matches("Finance Minister", "Pakistan", (), "Pakistan's Finance Minister", None)
    assert role_matches("Finance Minister", "Pakistan", (), "Finance Minister", "Pakistan")
    assert not role_matches("Finance Minister", "Pakistan", (), "Minister", "Pakistan")
    assert not role_matches("Finance Minister", "Pakistan", (), "Finance Minister", None)
    assert role_matches("chief executive", None, (), "CEO", "Binance")
    assert role_matches("Governor", "Czech National Bank", ("CNB",), "Governor", "CNB")
    assert role_matches("Rep.", "Ohio", (), "Representative", "Ohio")
    assert role_matches("state Senator", "Texas", (), "state Sen.", "Texas")
    assert not role_matches("Senator", "Texas", (), "Representative", "Texas")


def test_units_and_values() -> None:
    assert units_match("licences", "licenses") and units_match("holders", "Bitcoin holders")
    assert not units_match("MW", "GW") and not units_match("USD", "USD/kWh")
    assert units_match("km2", "km²") and units_match("miles", "mi") and units_match("lb", "pounds")
    assert not units_match("lb", "GBP")
    assert values_match(0.032, 0.032) and not values_match(0.032, 0.03)
    assert not values_match(0.0004, 0.0)


def test_junk_entities_are_named() -> None:
    assert junk_reason("MW", "ORG", LABEL) == "unit_or_number"
    assert junk_reason("HB", "GPE", LABEL) == "bill_number"
    assert junk_reason("Pakistan", "PERSON", LABEL) == "wrong_type"
    assert junk_reason("PCC Pakistan", "ORG", LABEL) == "glued"
    assert junk_reason("Bitcoin through Pakistan Crypto Council", "ORG", LABEL) == "glued"
    assert junk_reason("Pakistan Senate", "ORG", LABEL) is None
    assert junk_reason("Pakistan", "GPE", LABEL) is None


def test_summary_problems() -> None:
    assert summary_problem(["Saqib speaks on day two of the Bitcoin conference in Las Vegas"])
    assert summary_problem(["The post Texas buys bitcoin appeared first on Coinpedia."])
    same = "The central bank kept its policy rate at 27.5 percent on Thursday."
    again = "On Thursday the central bank kept its policy rate at 27.5 percent."
    assert summary_problem([same, again])
    assert summary_problem(["Pakistan set aside 2,000 MW for mining.",
                            "The IMF objected to the plan."]) is None


def test_committed_labels_follow_the_manifest_split() -> None:
    fixed = manifest()
    seen: set[str] = set()
    for split in ("dev", "test"):
        for lab in load_labels(split):
            assert fixed[lab.id][1] == split, lab.id
            assert lab.id not in seen
            seen.add(lab.id)
    assert len(seen) >= 60
    assert sum(1 for i in seen if fixed[i][0] != "crypto-policy-news") >= 20


def test_a_malformed_label_line_names_its_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "dev.jsonl").write_text(json.dumps({"id": "a"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"dev\.jsonl:1"):
        load_labels("dev", tmp_path)
    assert LABELS_DIR.name == "labels"


def test_long_captions_and_restated_leads_are_caught() -> None:
    assert summary_problem(["Tomas Varga, minister of Estonia, speaks on day two of the "
                            "Baltic Crypto Week in Tallinn, Estonia, on May 28, 2025."])
    assert summary_problem(["Estonia sets aside 50 MW of power for bitcoin miners.",
                            "On Monday Estonia set aside 50 MW of its power for miners of "
                            "bitcoin, the ministry said in a statement."])
