"""Turn pydantic errors and cross-reference problems into `FILE:LINE: FIELD.PATH: message`."""

from __future__ import annotations

import re
import types
import typing
from typing import Any

import yaml
from pydantic import BaseModel
from pydantic_core import ErrorDetails
from rapidfuzz import process

from bot.config_loader.reader import Loaded, Loc, Problem, dotted, line_of, step
from bot.settings import Config

_PATH_PREFIX = re.compile(r"^([a-z_]+(?:\[\d+\]|\.[a-z_]+)*): (.+)$", re.DOTALL)
_PATH_PART = re.compile(r"\[(\d+)\]|\.?([a-z_]+)")
# Config-level validator messages that `reference_problems` reports more precisely.
_COVERED = re.compile(
    r"^((feeds|channels)\[\d+\]\.topics: unknown topic|topic names must be unique)"
)


def locate(loaded: Loaded, loc: Loc) -> tuple[str, int, yaml.Node]:
    """The file, 1-based line and node that hold `loc` (or its deepest existing parent)."""
    node: yaml.Node = loaded.root
    file, line, rest = loaded.main, line_of(loaded.root), loc
    items = loaded.items.get(str(loc[0])) if loc else None
    if items and len(loc) > 1 and isinstance(loc[1], int) and loc[1] < len(items):
        file, node, _ = items[loc[1]]
        line, rest = line_of(node), loc[2:]
    for part in rest:
        found = step(node, part)
        if found is None:
            break  # e.g. a missing field: point at the mapping that should hold it
        key, node = found
        line = line_of(key or node)
    return file, line, node


def suggest(word: str, choices: list[str]) -> str:
    """` (did you mean 'x'?)` for the closest choice, or an empty string."""
    best = process.extractOne(word, choices, score_cutoff=70) if choices else None
    return f" (did you mean {best[0]!r}?)" if best else ""


def _strip(tp: Any) -> Any:
    """`X | None` -> `X`."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else tp
    return tp


def fields_at(loc: Loc) -> list[str]:
    """Field names of the config model found at `loc` (empty when it is not a model)."""
    tp: Any = Config
    for part in loc:
        if isinstance(part, int):
            args = typing.get_args(tp)
            tp = args[0] if args else None
        else:
            fields = getattr(tp, "model_fields", None)
            if not fields or part not in fields:
                return []
            tp = fields[part].annotation
        tp = _strip(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return list(tp.model_fields)
    return []


def _yaml_hint(node: yaml.Node, value: object) -> str:
    """Explain a plain YAML scalar that was read as a number or boolean where text is expected."""
    plain = node.style in (None, "") if isinstance(node, yaml.ScalarNode) else False
    if plain and not isinstance(value, str):
        kind = "a boolean" if isinstance(value, bool) else "a number"
        return f" (YAML read {node.value} as {kind}; put it in quotes: \"{node.value}\")"
    return ""


def error_problem(loaded: Loaded, err: ErrorDetails) -> Problem:
    """One pydantic error as a located problem."""
    loc: Loc = tuple(err["loc"])
    kind, msg = err["type"], err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    if not loc:
        match = _PATH_PREFIX.match(msg)
        if match:  # a model validator naming its own path, e.g. "feeds[3].topics: ..."
            loc = tuple(int(i) if i else name for i, name in _PATH_PART.findall(match[1]))
            msg = match[2]
    file, line, node = locate(loaded, loc)
    if kind == "extra_forbidden":
        msg = "unknown field" + suggest(str(loc[-1]), fields_at(loc[:-1]))
    elif kind == "missing":
        msg = "required field is missing"
    elif kind == "string_type":
        msg += _yaml_hint(node, err.get("input"))
    where = dotted(loc)
    return Problem(file, line, f"{where}: {msg}" if where else msg)


def is_covered(err: ErrorDetails) -> bool:
    """True for Config-level errors that `reference_problems` already reports (more precisely)."""
    msg = err["msg"].removeprefix("Value error, ")
    return not err["loc"] and bool(_COVERED.match(msg))


def reference_problems(loaded: Loaded) -> list[Problem]:
    """Every duplicate topic name and every unknown topic named by a feed or channel."""
    data = loaded.data
    listed = data.get("topics")
    topics: list[Any] = listed if isinstance(listed, list) else []
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {}
    for i, topic in enumerate(topics):
        name = topic.get("name") if isinstance(topic, dict) else None
        if not isinstance(name, str):
            continue
        file, line, _ = locate(loaded, ("topics", i, "name"))
        if name in first:
            was = f"{first[name][0]}:{first[name][1]}"
            msg = f"topics[{i}].name: duplicate topic name {name!r} (first defined at {was})"
            problems.append(Problem(file, line, msg))
        else:
            first[name] = (file, line)
    for section in ("feeds", "channels"):
        entries = data.get(section)
        for i, entry in enumerate(entries if isinstance(entries, list) else []):
            refs = entry.get("topics") if isinstance(entry, dict) else None
            for j, ref in enumerate(refs if isinstance(refs, list) else []):
                if isinstance(ref, str) and ref not in first:
                    file, line, _ = locate(loaded, (section, i, "topics", j))
                    hint = suggest(ref, list(first))
                    msg = f"{section}[{i}].topics: unknown topic {ref!r}{hint}"
                    problems.append(Problem(file, line, msg))
    return problems
