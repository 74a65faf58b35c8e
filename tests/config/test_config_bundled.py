"""The YAML shipped in config/ and seeds/ loads and says what the docs promise."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.config_loader import load_config, topic_specs
from bot.domain.models import TopicSpec
from bot.settings import Config

ROOT = Path(__file__).resolve().parents[2]
SEED_TOPICS = {"reserves", "legal-tender", "regulators", "mining-energy", "bilateral",
               "cbdc"}
CONFIGS = sorted((ROOT / "config").glob("*.yaml"))


def test_bundled_configs_exist() -> None:
    assert {p.name for p in CONFIGS} >= {"policywire.yaml", "example.yaml"}


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.name)
def test_every_bundled_config_validates(path: Path) -> None:
    config = load_config(path)
    assert set(config.topic_names()) >= SEED_TOPICS
    assert config.feeds, "the seed feeds are included"
    assert all(not feed.enabled for feed in config.feeds), "bundled feeds ship disabled"


def test_default_config_wires_the_console() -> None:
    config = load_config(ROOT / "config/policywire.yaml")
    assert config.include == ["../seeds/topics.yaml", "../seeds/feeds.yaml"]
    assert config.topic_names() == [
        "reserves", "legal-tender", "regulators", "mining-energy", "bilateral", "cbdc"]
    [channel] = config.channels
    assert (channel.platform, channel.id, channel.mode) == ("console", "console", "instant")
    assert set(channel.topics) == SEED_TOPICS
    assert config.storage.path == "data/policywire.db"
    assert config.nlp.executor == "process"
    assert (config.server.enabled, config.server.host, config.server.port) == (
        True, "127.0.0.1", 9464)
    assert config.admins.console == ["local"]


def test_seed_files_are_reached_through_the_default_config() -> None:
    config = load_config(ROOT / "config/policywire.yaml")
    for name, key in (("topics.yaml", "topics"), ("feeds.yaml", "feeds")):
        raw = yaml.safe_load((ROOT / "seeds" / name).read_text(encoding="utf-8"))
        assert set(raw) == {key}
        assert len(getattr(config, key)) == len(raw[key])


def test_seed_topics_have_evidence_and_colors() -> None:
    config = load_config(ROOT / "config/policywire.yaml")
    for topic in config.topics:
        assert topic.description and topic.color, topic.name
        assert len(topic.keywords) >= 6, topic.name
        lowered = [k.lower() for k in topic.keywords]
        assert len(lowered) == len(set(lowered)), f"repeated keyword in {topic.name}"
        assert not set(lowered) & {e.lower() for e in topic.excluded}, topic.name
    by_name = {t.name: t for t in config.topics}
    assert "legal tender" in by_name["legal-tender"].keywords
    assert "Pakistan Crypto Council" in by_name["bilateral"].entities
    assert "Bitcoin Office" in by_name["reserves"].entities
    assert "MiCA" in by_name["regulators"].keywords
    assert "football" in by_name["bilateral"].excluded


def test_seed_feeds_are_real_https_urls_with_topics() -> None:
    config = load_config(ROOT / "config/policywire.yaml")
    urls = [feed.url for feed in config.feeds]
    assert len(urls) == len(set(urls)) >= 8
    for feed in config.feeds:
        assert feed.url.startswith("https://") and feed.name and feed.topics
        assert feed.interval >= 1800


def test_example_shows_every_section_and_platform() -> None:
    raw = yaml.safe_load((ROOT / "config/example.yaml").read_text(encoding="utf-8"))
    assert set(raw) == set(Config.model_fields)
    config = load_config(ROOT / "config/example.yaml")
    platforms = {c.platform for c in config.channels}
    assert platforms == {"console", "slack", "discord"}
    digest = next(c for c in config.channels if c.mode == "digest")
    assert (digest.digest.every, digest.digest.time, digest.digest.timezone) == (
        "daily", "08:00", "Europe/Brussels")
    assert config.admins.slack and config.admins.discord and config.admins.discord_roles
    assert config.fetch.allow_loopback is False


def test_topic_specs_carry_every_matching_field() -> None:
    config = load_config(ROOT / "config/example.yaml")
    specs = topic_specs(config)
    assert [s.name for s in specs] == config.topic_names()
    own = specs[-1]
    assert isinstance(own, TopicSpec) and own.name == "stablecoins"
    assert own.keywords[:2] == ("payment stablecoin",
                                "stablecoin NEAR/4 (bill OR act OR law OR rules)")
    assert own.required == ("stablecoin",)
    assert own.excluded == ("video game", "esports")
    assert own.query == '(stablecoin OR "payment stablecoin") AND NOT opinion'
    assert own.entities == ("Circle", "Tether")
    assert (own.min_score, own.min_share) == (2.5, 0.75)
    assert own.description.startswith("Stablecoin")


def test_env_example_names_every_variable_without_values() -> None:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    assigned = [line for line in lines if line and not line.startswith("#")]
    names = [line.split("=", 1)[0] for line in assigned]
    assert names == [
        "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_API_URL",
        "DISCORD_BOT_TOKEN", "DISCORD_APPLICATION_ID", "DISCORD_API_URL",
        "POLICYWIRE_CONFIG", "POLICYWIRE_DB", "POLICYWIRE_DATABASE_URL", "POLICYWIRE_LOG_LEVEL",
    ]
    assert all(line.endswith("=") for line in assigned), "no values in the example"
    for line in assigned:  # each variable has its own comment right above it
        assert lines[lines.index(line) - 1].startswith("# ")
