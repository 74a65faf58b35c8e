"""The committed JSON schema matches the models, and paths resolve as documented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.config_loader import resolve_relative, schema_json, write_schema
from bot.settings import Config

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "config/policywire.schema.json"


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == schema_json(), (
        "config/policywire.schema.json is stale: regenerate it with "
        "`python -c 'from bot.config_loader import write_schema as w; "
        "w(\"config/policywire.schema.json\")'`"
    )


def test_schema_describes_the_config(tmp_path: Path) -> None:
    written = write_schema(tmp_path / "s.json")
    schema = json.loads(written.read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["title"] == "PolicyWire configuration"
    assert set(schema["properties"]) == set(Config.model_fields)
    assert schema["additionalProperties"] is False
    interval = schema["$defs"]["FeedConfig"]["properties"]["interval"]
    assert {"type": "number"} in interval["anyOf"]  # 900 and "15m" are both accepted
    assert any(branch.get("type") == "string" for branch in interval["anyOf"])
    jitter = schema["$defs"]["ScheduleConfig"]["properties"]["jitter"]
    assert jitter["default"] == 30.0 and len(jitter["anyOf"]) == 2


def test_resolve_relative_prefers_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg_dir = tmp_path / "config"
    (cfg_dir / "seeds/articles").mkdir(parents=True)
    (tmp_path / "work/seeds/articles").mkdir(parents=True)
    config_path = cfg_dir / "policywire.yaml"
    monkeypatch.chdir(tmp_path / "work")
    assert resolve_relative(config_path, "seeds/articles") == Path("seeds/articles")
    (tmp_path / "work/seeds/articles").rmdir()
    assert resolve_relative(config_path, "seeds/articles") == cfg_dir / "seeds/articles"
    assert resolve_relative(config_path, "data/new.db") == Path("data/new.db")
    assert resolve_relative(config_path, tmp_path / "abs.db") == tmp_path / "abs.db"
