"""Check every topic term and query against the query syntax (`bot.domain.query`), so that
`policywire config check` reports bad syntax, bad regexes and unknown operators as
`FILE:LINE: topics[i].FIELD[j]: at character N: message`."""

from __future__ import annotations

from typing import Any

from bot.config_loader.locate import locate
from bot.config_loader.reader import Loaded, Loc, Problem, dotted
from bot.domain.query import QueryError, parse_query

TERM_LISTS = ("keywords", "required", "excluded")


def _checked(loaded: Loaded, loc: Loc, value: Any) -> list[Problem]:
    if not isinstance(value, str) or not value.strip():
        return []  # a wrong type or an empty term is the model's error
    try:
        parse_query(value)
    except QueryError as exc:
        file, line, _ = locate(loaded, loc)
        return [Problem(file, line, f"{dotted(loc)}: {exc}")]
    return []


def query_problems(loaded: Loaded) -> list[Problem]:
    """One problem per topic term or query that does not parse."""
    topics = loaded.data.get("topics")
    problems: list[Problem] = []
    for i, topic in enumerate(topics if isinstance(topics, list) else []):
        if not isinstance(topic, dict):
            continue
        for field in TERM_LISTS:
            terms = topic.get(field)
            for j, term in enumerate(terms if isinstance(terms, list) else []):
                problems += _checked(loaded, ("topics", i, field, j), term)
        if "query" in topic:
            problems += _checked(loaded, ("topics", i, "query"), topic["query"])
    return problems
