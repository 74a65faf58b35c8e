"""Broken configs: every problem is reported as `FILE:LINE: FIELD.PATH: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config_loader import load_config
from bot.domain.errors import ConfigError

TOPIC = "topics:\n  - name: reserves\n    keywords: [bitcoin reserve]\n"

# (case id, {file name: YAML text}, expected errors with {d} standing for the folder)
CASES: list[tuple[str, dict[str, str], list[str]]] = [
    (
        "wrong type",
        {"main.yaml": "topics:\n  - name: reserves\n    keywords: bitcoin reserve\n"},
        ["{d}/main.yaml:3: topics[0].keywords: Input should be a valid list"],
    ),
    (
        "unknown key with suggestion",
        {"main.yaml": TOPIC + "    keyword: [treasury]\n"},
        ["{d}/main.yaml:4: topics[0].keyword: unknown field (did you mean 'keywords'?)"],
    ),
    (
        "unknown top-level key",
        {"main.yaml": TOPIC + "chanels: []\n"},
        ["{d}/main.yaml:4: chanels: unknown field (did you mean 'channels'?)"],
    ),
    (
        "unknown topic in a feed",
        {"main.yaml": TOPIC + "feeds:\n  - url: https://example.org/rss\n"
         "    topics:\n      - reserves\n      - reservs\n"},
        ["{d}/main.yaml:8: feeds[0].topics: unknown topic 'reservs' (did you mean 'reserves'?)"],
    ),
    (
        "unknown topics in channels, all reported",
        {"main.yaml": TOPIC + "channels:\n  - platform: console\n    id: console\n"
         "    topics: [mining]\n  - platform: console\n    id: other\n    topics: [zzz]\n"},
        [
            "{d}/main.yaml:7: channels[0].topics: unknown topic 'mining'",
            "{d}/main.yaml:10: channels[1].topics: unknown topic 'zzz'",
        ],
    ),
    (
        "bad duration",
        {"main.yaml": TOPIC + "feeds:\n  - url: https://example.org/rss\n"
         "    interval: every hour\n"},
        ["{d}/main.yaml:6: feeds[0].interval: expected a duration such as 900, '15m' or '2h', "
         "got 'every hour'"],
    ),
    (
        "duration too short",
        {"main.yaml": TOPIC + "feeds:\n  - url: https://example.org/rss\n    interval: 10s\n"},
        ["{d}/main.yaml:6: feeds[0].interval: interval must be at least 60 seconds"],
    ),
    (
        "bad timezone",
        {"main.yaml": TOPIC + "channels:\n  - platform: slack\n    id: C0123456789\n"
         "    mode: digest\n    digest:\n      time: '08:00'\n      timezone: Europe/Brussel\n"},
        ["{d}/main.yaml:10: channels[0].digest.timezone: unknown timezone 'Europe/Brussel'"],
    ),
    (
        "bad retention cron",
        {"main.yaml": TOPIC + "schedule:\n  retention_cron: 'every night'\n"},
        ["{d}/main.yaml:5: schedule.retention_cron: not a crontab expression (Wrong number of "
         "fields; got 2, expected 5); e.g. \"17 3 * * *\""],
    ),
    (
        "unquoted time read as a number",
        {"main.yaml": TOPIC + "channels:\n  - platform: slack\n    id: C0123456789\n"
         "    digest: {time: 10:30}\n"},
        ["{d}/main.yaml:7: channels[0].digest.time: Input should be a valid string "
         "(YAML read 10:30 as a number; put it in quotes: \"10:30\")"],
    ),
    (
        "missing required field points at the mapping",
        {"main.yaml": TOPIC + "channels:\n  - platform: console\n    topics: [reserves]\n"},
        ["{d}/main.yaml:5: channels[0].id: required field is missing"],
    ),
    (
        "model validator on a topic",
        {"main.yaml": "topics:\n  - name: empty\n    description: nothing to match\n"},
        ["{d}/main.yaml:2: topics[0]: a topic needs at least one keyword, entity or query"],
    ),
    (
        "duplicate key",
        {"main.yaml": "storage:\n  path: a.db\n  retention_days: 30\n  path: b.db\n"},
        ["{d}/main.yaml:4: storage.path: duplicate key 'path' (first at line 2; the last one "
         "wins)"],
    ),
    (
        "duplicate topic name across files",
        {"main.yaml": "include: [more.yaml]\n" + TOPIC, "more.yaml": TOPIC},
        ["{d}/main.yaml:3: topics[1].name: duplicate topic name 'reserves' (first defined at "
         "{d}/more.yaml:2)"],
    ),
    (
        "YAML syntax error",
        {"main.yaml": TOPIC + "storage:\n  path: [unclosed\n"},
        ["{d}/main.yaml:6: YAML syntax error: expected ',' or ']', but got '<stream end>' "
         "(column 1)"],
    ),
    (
        "error inside an included file names that file",
        {"main.yaml": "include: [seeds/topics.yaml]\n",
         "seeds/topics.yaml": "# seed topics\n" + TOPIC + "    min_score: high\n"},
        ["{d}/seeds/topics.yaml:5: topics[0].min_score: Input should be a valid number, "
         "unable to parse string as a number"],
    ),
    (
        "syntax error inside an included file",
        {"main.yaml": "include: [inc.yaml]\n", "inc.yaml": "topics:\n  - name: [x\n"},
        ["{d}/inc.yaml:3: YAML syntax error: expected ',' or ']', but got '<stream end>' "
         "(column 1)"],
    ),
    (
        "nested include keeps the right file and index",
        {"main.yaml": "include: [a.yaml]\n" + TOPIC,
         "a.yaml": "include: [b.yaml]\nfeeds:\n  - url: https://example.org/a\n",
         "b.yaml": "feeds:\n  - url: https://example.org/b\n  - url: ftp://example.org/c\n"},
        ["{d}/b.yaml:3: feeds[1].url: feed url must start with http:// or https://"],
    ),
    (
        "include cycle",
        {"main.yaml": "include: [a.yaml]\n" + TOPIC, "a.yaml": "include: [b.yaml]\n",
         "b.yaml": "include:\n  - a.yaml\n"},
        ["{d}/b.yaml:2: include[0]: include cycle: {d}/main.yaml -> {d}/a.yaml -> {d}/b.yaml "
         "-> {d}/a.yaml"],
    ),
    (
        "missing include",
        {"main.yaml": TOPIC + "include:\n  - nowhere.yaml\n"},
        ["{d}/main.yaml:5: include[0]: no such file 'nowhere.yaml'"],
    ),
    (
        "included file may hold only topics and feeds",
        {"main.yaml": "include: [inc.yaml]\n" + TOPIC, "inc.yaml": "storage:\n  path: x.db\n"},
        ["{d}/inc.yaml:1: storage: not allowed in an included file (only include, topics and "
         "feeds)"],
    ),
    (
        "include that is not a list is not followed and hides no references",
        {"main.yaml": "include: inc.yaml\nchannels:\n  - {platform: console, id: c, topics: [a]}\n",
         "inc.yaml": "topics:\n  - name: a\n    keywords: [x]\n"},
        ["{d}/main.yaml:1: include: Input should be a valid list"],
    ),
    (
        "unsafe YAML tags are refused",
        {"main.yaml": "storage: !!python/object:os.system {}\n"},
        ["{d}/main.yaml:1: YAML error: could not determine a constructor for the tag "
         "'tag:yaml.org,2002:python/object:os.system' (column 10)"],
    ),
    (
        "plain yes/no read as booleans",
        {"main.yaml": "topics:\n  - name: a\n    keywords: [vote, yes]\n"},
        ["{d}/main.yaml:3: topics[0].keywords[1]: Input should be a valid string "
         "(YAML read yes as a boolean; put it in quotes: \"yes\")"],
    ),
    (
        "misspelt field close to its name",
        {"main.yaml": TOPIC + "    entity: [Bitcoin Office]\n"},
        ["{d}/main.yaml:4: topics[0].entity: unknown field (did you mean 'entities'?)"],
    ),
    (
        "top level is a list",
        {"main.yaml": "- name: reserves\n"},
        ["{d}/main.yaml:1: the top level must be a mapping of settings (key: value), not a list"],
    ),
    (
        "empty file",
        {"main.yaml": "# nothing yet\n"},
        ["{d}/main.yaml: the file is empty; expected a mapping of settings"],
    ),
]


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root / "main.yaml"


@pytest.mark.parametrize(("files", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_broken_config_reports_file_line_field(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    main = _write(tmp_path, files)
    with pytest.raises(ConfigError) as info:
        load_config(main)
    assert info.value.errors == [e.format(d=tmp_path) for e in expected]


def test_every_problem_is_reported_in_one_go(tmp_path: Path) -> None:
    main = _write(tmp_path, {
        "main.yaml": "include: [inc.yaml]\n" + TOPIC + "    colour: '#FFAA00'\n"
        "storage:\n  retention_days: 0\nfeeds:\n  - url: https://example.org/rss\n"
        "    topics: [nope]\n",
        "inc.yaml": "topics:\n  - name: Bad Name\n    keywords: [x]\n",
    })
    with pytest.raises(ConfigError) as info:
        load_config(main)
    d = tmp_path
    assert info.value.errors == [
        f"{d}/main.yaml:5: topics[1].colour: unknown field (did you mean 'color'?)",
        f"{d}/main.yaml:7: storage.retention_days: Input should be greater than or equal to 1",
        f"{d}/main.yaml:10: feeds[0].topics: unknown topic 'nope'",
        f"{d}/inc.yaml:2: topics[0].name: String should match pattern '^[a-z0-9][a-z0-9-]*$'",
    ]
    assert str(info.value) == "\n".join(info.value.errors)


def test_missing_main_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path / "absent.yaml")
    assert info.value.errors == [f"{tmp_path}/absent.yaml: no such file"]


def test_relative_display_path_and_include_order(tmp_path: Path, monkeypatch) -> None:
    _write(tmp_path, {
        "config/main.yaml": "include: [../seeds/t.yaml]\n" + TOPIC.replace("reserves", "own"),
        "seeds/t.yaml": TOPIC + "feeds:\n  - url: https://example.org/rss\n    topics: [own]\n",
    })
    monkeypatch.chdir(tmp_path)
    config = load_config("config/main.yaml")
    assert config.topic_names() == ["reserves", "own"]  # included entries come first
    assert config.feeds[0].topics == ["own"]
    (tmp_path / "seeds/t.yaml").write_text(TOPIC + "    min_score: x\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config("config/main.yaml")
    assert info.value.errors == [
        "seeds/t.yaml:4: topics[0].min_score: Input should be a valid number, unable to parse "
        "string as a number"
    ]
