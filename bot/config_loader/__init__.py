"""Load the admin's YAML config; every problem is reported as `FILE:LINE: FIELD.PATH: message`.

`load_config` reads the main file and its `include:`s (see `bot.config_loader.reader`), validates
the merged data with `Config.model_validate`, and maps every error back to the file and line that
hold the offending YAML node. `schema_json` is the JSON schema editors use for completion.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bot.config_loader.locate import error_problem, is_covered, reference_problems
from bot.config_loader.queries import query_problems
from bot.config_loader.reader import FileProblem, Problem, read_tree
from bot.domain.errors import ConfigError
from bot.domain.models import TopicSpec
from bot.settings import Config, parse_duration

__all__ = ["load_config", "resolve_relative", "schema_json", "topic_specs", "write_schema"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_DURATION_SCHEMA = {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*[smhd]?\s*$"}


def load_config(path: str | Path) -> Config:
    """Read, merge and validate a config file; raise ConfigError listing every problem."""
    display = str(path)
    try:
        loaded = read_tree(Path(path), display)
    except FileProblem as exc:
        raise ConfigError([str(exc)]) from None
    problems = list(loaded.problems)
    config: Config | None = None
    try:
        config = Config.model_validate(loaded.data)
    except ValidationError as exc:
        problems += [error_problem(loaded, e) for e in exc.errors() if not is_covered(e)]
    if not loaded.include_failed:  # a missing include would make every reference look unknown
        problems += reference_problems(loaded)
    problems += query_problems(loaded)
    if problems or config is None:
        raise ConfigError(_render(problems, loaded.files))
    return config


def _render(problems: list[Problem], files: list[str]) -> list[str]:
    """Sorted by file (in load order) and line; a problem without a line is already complete."""
    order = {name: i for i, name in enumerate(files)}
    ranked = sorted(problems, key=lambda p: (order.get(p.file, len(order)), p.line or 0))
    return [p.text if p.line is None else f"{p.file}:{p.line}: {p.text}" for p in ranked]


def topic_specs(config: Config) -> list[TopicSpec]:
    """The configured topics as the NLP layer's `TopicSpec`s, in file order."""
    return [
        TopicSpec(
            name=t.name,
            description=t.description,
            keywords=tuple(t.keywords),
            required=tuple(t.required),
            excluded=tuple(t.excluded),
            entities=tuple(t.entities),
            min_score=t.min_score,
            query=t.query or "",
            min_share=t.min_share,
        )
        for t in config.topics
    ]


def _duration_fields() -> dict[str, set[str]]:
    """Model title -> fields parsed with `parse_duration` (they accept "15m" as well as 900)."""
    out: dict[str, set[str]] = {}
    pending: list[Any] = [Config]
    while pending:
        model = pending.pop()
        for dec in model.__pydantic_decorators__.field_validators.values():
            if dec.func is parse_duration:
                out.setdefault(model.__name__, set()).update(dec.info.fields)
        for info in model.model_fields.values():
            for tp in (info.annotation, *getattr(info.annotation, "__args__", ())):
                if isinstance(tp, type) and hasattr(tp, "model_fields") and tp not in pending:
                    pending.append(tp)
    return out


def schema_json() -> str:
    """The JSON schema of the config file (draft 2020-12), as committed for editors."""
    schema: dict[str, Any] = {
        "$schema": SCHEMA_DIALECT,
        "title": "PolicyWire configuration",
        "description": "Admin-owned PolicyWire config (config/policywire.yaml). Secrets never go "
        "here; they come from environment variables listed in .env.example.",
    }
    body = Config.model_json_schema()
    body.pop("title", None)
    body.pop("description", None)
    defs = body.get("$defs", {})
    for model, names in _duration_fields().items():
        props = (body if model == "Config" else defs[model])["properties"]
        for name in names:
            number = props[name]
            extra = {k: number.pop(k) for k in ("default", "title") if k in number}
            props[name] = {"anyOf": [number, _DURATION_SCHEMA], **extra}
    schema.update(body)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schema(path: str | Path) -> Path:
    """Write `schema_json()` to `path` and return it."""
    out = Path(path)
    out.write_text(schema_json(), encoding="utf-8")
    return out


def resolve_relative(config_path: str | Path, value: str | Path) -> Path:
    """Resolve a path named in the config (e.g. storage.path, seeds.articles).

    Rule: `~` is expanded and absolute paths are kept. A relative path is taken relative to the
    current working directory if it exists there, else relative to the config file's folder if it
    exists there; if it exists in neither (a database not created yet), the working directory
    wins, so `data/policywire.db` means `./data/policywire.db` when run from the repository.
    """
    target = Path(value).expanduser()
    if target.is_absolute() or target.exists():
        return target
    beside = Path(config_path).parent / target
    return beside if beside.exists() else target
