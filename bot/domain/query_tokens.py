"""Tokens of the topic query syntax (`bot.domain.query`): words, "quoted phrases", /regexes/
(checked by RE2 here), parentheses and operators; refused operators say so."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import re2

MAX_QUERY = 4000  # characters
MAX_REGEX = 300
MAX_NEAR = 50
OPERATORS = ("AND", "OR", "NOT")
# Operators of other query languages: refused with a hint rather than read as words.
FOREIGN = frozenset({"XOR", "ADJ", "WITHIN", "ONEAR", "PRE", "NOTNEAR", "SENTENCE", "&&", "||",
                     "!", "AND-NOT", "ANDNOT"})
_STOP = frozenset(' \t\r\n()"')


class QueryError(ValueError):
    """A query that cannot be parsed; `position` is the 0-based character of the problem."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"at character {position + 1}: {message}")
        self.position = position


@lru_cache(maxsize=512)
def compile_regex(pattern: str) -> Any:
    """The RE2 pattern object for a regex term, case-insensitive; re2.error when invalid."""
    options = re2.Options()
    options.log_errors = False
    options.case_sensitive = False
    options.max_mem = 8 << 20
    return re2.compile(pattern, options=options)


@dataclass(frozen=True, slots=True)
class Token:
    kind: str  # WORD PHRASE REGEX AND OR NOT NEAR ( ) END
    text: str
    pos: int
    distance: int = 0


def _regex(query: str, start: int) -> tuple[str, int]:
    """The pattern of the regex that opens at `start` and the index after its closing slash."""
    out: list[str] = []
    i = start + 1
    while i < len(query):
        ch = query[i]
        if ch == "\\" and query[i + 1:i + 2] == "/":
            out.append("/")
            i += 2
            continue
        if ch == "/":
            pattern = "".join(out)
            if not pattern:
                raise QueryError("empty regex", start)
            if len(pattern) > MAX_REGEX:
                raise QueryError(f"regex longer than {MAX_REGEX} characters", start)
            try:
                compile_regex(pattern)
            except re2.error as exc:
                detail = exc.args[0] if exc.args else exc
                detail = detail.decode() if isinstance(detail, bytes) else str(detail)
                raise QueryError(f"bad regex /{pattern}/: {detail}", start) from None
            return pattern, i + 1
        out.append(ch)
        i += 1
    raise QueryError("unterminated regex (close it with '/')", start)


def _word(text: str, pos: int) -> Token:
    """Classify a bare token: an operator, NEAR/n, a refused operator, or a word."""
    if text in OPERATORS:
        return Token(text, text, pos)
    head, slash, tail = text.partition("/")
    if head == "NEAR":
        if not slash or not tail:
            raise QueryError("NEAR needs a distance, e.g. NEAR/5", pos)
        if not tail.isdigit() or not 1 <= int(tail) <= MAX_NEAR:
            raise QueryError(f"NEAR distance must be between 1 and {MAX_NEAR}", pos)
        return Token("NEAR", text, pos, int(tail))
    if text.upper() in FOREIGN or (slash and head.isalpha() and tail.isdigit()):
        raise QueryError(f"unknown operator {text!r} (use AND, OR, NOT or NEAR/n, in capitals)",
                         pos)
    if "*" in text[:-1]:
        raise QueryError("'*' may only end a word", pos)
    return Token("WORD", text, pos)


def tokenize(query: str) -> list[Token]:
    """The tokens of a query, ending with an END token."""
    toks: list[Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            toks.append(Token(ch, ch, i))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError("unterminated quoted phrase", i)
            words = query[i + 1:end].split()
            if not words:
                raise QueryError("empty quoted phrase", i)
            toks.append(Token("PHRASE", " ".join(words), i))
            i = end + 1
        elif ch == "/":
            pattern, i2 = _regex(query, i)
            toks.append(Token("REGEX", pattern, i))
            i = i2
        else:
            j = i
            while j < n and query[j] not in _STOP:
                j += 1
            toks.append(_word(query[i:j], i))
            i = j
    toks.append(Token("END", "", n))
    return toks
