"""Topic queries in the config, through the real loader: bad syntax, bad regexes and unknown
operators are `FILE:LINE: FIELD: message` errors; good ones reach the NLP layer's TopicSpec."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config_loader import load_config, topic_specs
from bot.domain.errors import ConfigError
from bot.domain.models import TopicSpec
from bot.nlp.topics import match_topics

HEAD = "topics:\n  - name: reserves\n"

CASES: list[tuple[str, str, list[str]]] = [
    (
        "bad syntax in the query",
        HEAD + "    query: (bitcoin OR btc NEAR/5 reserve\n",
        ["{f}:3: topics[0].query: at character 31: missing ')'"],
    ),
    (
        "bad regex",
        HEAD + "    query: /bitcoin(/ AND reserve\n",
        ["{f}:3: topics[0].query: at character 1: bad regex /bitcoin(/: missing ): bitcoin("],
    ),
    (
        "unknown operator in a keyword list item",
        HEAD + "    keywords:\n      - bitcoin reserve\n      - bitcoin WITHIN/5 reserve\n",
        ["{f}:5: topics[0].keywords[1]: at character 9: unknown operator 'WITHIN/5' (use AND, "
         "OR, NOT or NEAR/n, in capitals)"],
    ),
    (
        "NEAR without a distance in required",
        HEAD + "    keywords: [reserve]\n    required: [bitcoin NEAR treasury]\n",
        ["{f}:4: topics[0].required[0]: at character 9: NEAR needs a distance, e.g. NEAR/5"],
    ),
    (
        "missing operator in excluded, block-style query elsewhere is fine",
        HEAD + "    query: >-\n      bitcoin NEAR/5 reserve\n      OR \"crypto reserve\"\n"
        "    excluded:\n      - '\"opinion\" column'\n",
        ["{f}:7: topics[0].excluded[0]: at character 11: missing operator between \"opinion\" "
         "and 'column' (use AND, OR or NEAR/n)"],
    ),
    (
        "a topic with nothing to match",
        HEAD + "    description: nothing\n",
        ["{f}:2: topics[0]: a topic needs at least one keyword, entity or query"],
    ),
]


@pytest.mark.parametrize(("yaml_text", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_query_errors_have_file_and_line(tmp_path: Path, yaml_text: str,
                                         expected: list[str]) -> None:
    path = tmp_path / "topics.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert info.value.errors == [e.format(f=path) for e in expected]


def test_error_in_an_included_file_names_that_file(tmp_path: Path) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "topics.yaml").write_text(
        "# seeds\n" + HEAD + "    keywords: [reserve]\n    query: bitcoin AND\n", encoding="utf-8")
    main = tmp_path / "main.yaml"
    main.write_text("include: [seeds/topics.yaml]\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(main)
    assert info.value.errors == [
        f"{tmp_path}/seeds/topics.yaml:5: topics[0].query: at character 12: expected a word, "
        "phrase, regex or '(' after AND"]


def test_query_topic_loads_and_matches(tmp_path: Path) -> None:
    path = tmp_path / "topics.yaml"
    path.write_text(
        "topics:\n  - name: cbdc\n    query: |\n      (\"digital euro\" OR /\\be-?naira\\b/)\n"
        "      AND NOT opinion\n    min_score: 1\n"
        "  - name: old-style\n    keywords: [bitcoin reserve]\n    required: [bitcoin]\n",
        encoding="utf-8")
    specs = topic_specs(load_config(path))
    assert specs[0] == TopicSpec("cbdc", query='("digital euro" OR /\\be-?naira\\b/)\n'
                                 "AND NOT opinion\n", min_score=1.0)
    assert specs[1].keywords == ("bitcoin reserve",) and specs[1].query == ""
    found = match_topics("The eNaira app was updated.", (), specs)
    assert [m.topic for m in found] == ["cbdc"]
    assert not match_topics("Opinion: the eNaira app was updated.", (), specs)
