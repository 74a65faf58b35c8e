"""The topic query syntax, parsed into a small tree (matching lives in `bot.nlp.query_match`).

    strategic bitcoin reserve          words side by side: a phrase (last word: plural too)
    "payment stablecoin"               quoted: the exact phrase (no plural forms)
    regulat*                           a prefix: regulator, regulation, regulatory ...
    /e-?naira/                         a regular expression (RE2: linear time, case-insensitive)
    a AND b, a OR b, NOT a, ( ... )    operators in capitals; NOT > AND > OR in binding
    bitcoin NEAR/5 reserve             both, in either order, at most 5 words between them

`parse_query` raises `QueryError` (a ValueError) naming the character where the problem is, so
`policywire config check` can report it with the file and line of the query.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import re2

MAX_QUERY = 4000  # characters
MAX_REGEX = 300
MAX_DEPTH = 24  # nested parentheses / NOTs
MAX_NEAR = 50
OPERATORS = ("AND", "OR", "NOT")
# Operators of other query languages: refused with a hint rather than read as words.
FOREIGN = frozenset({"XOR", "ADJ", "WITHIN", "ONEAR", "PRE", "NOTNEAR", "SENTENCE", "&&", "||",
                     "!", "AND-NOT", "ANDNOT"})
_STOP = frozenset(' \t\r\n()"')


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words in a row; `exact` when quoted (no plural forms), `prefix` when it ends in '*'."""

    words: tuple[str, ...]
    exact: bool = False
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Regex:
    """A regular expression run by RE2, case-insensitive."""

    pattern: str


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


@dataclass(frozen=True, slots=True)
class Near:
    """`left` and `right` with at most `distance` words between them, in either order."""

    left: Node
    right: Node
    distance: int


Node = Phrase | Regex | And | Or | Not | Near


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
class _Tok:
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


def _word(text: str, pos: int) -> _Tok:
    """Classify a bare token: an operator, NEAR/n, a refused operator, or a word."""
    if text in OPERATORS:
        return _Tok(text, text, pos)
    head, slash, tail = text.partition("/")
    if head == "NEAR":
        if not slash or not tail:
            raise QueryError("NEAR needs a distance, e.g. NEAR/5", pos)
        if not tail.isdigit() or not 1 <= int(tail) <= MAX_NEAR:
            raise QueryError(f"NEAR distance must be between 1 and {MAX_NEAR}", pos)
        return _Tok("NEAR", text, pos, int(tail))
    if text.upper() in FOREIGN or (slash and head.isalpha() and tail.isdigit()):
        raise QueryError(f"unknown operator {text!r} (use AND, OR, NOT or NEAR/n, in capitals)",
                         pos)
    if "*" in text[:-1]:
        raise QueryError("'*' may only end a word", pos)
    return _Tok("WORD", text, pos)


def tokenize(query: str) -> list[_Tok]:
    """The tokens of a query, ending with an END token."""
    toks: list[_Tok] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        if ch.isspace():
            i += 1
        elif ch in "()":
            toks.append(_Tok(ch, ch, i))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError("unterminated quoted phrase", i)
            words = query[i + 1:end].split()
            if not words:
                raise QueryError("empty quoted phrase", i)
            toks.append(_Tok("PHRASE", " ".join(words), i))
            i = end + 1
        elif ch == "/":
            pattern, i2 = _regex(query, i)
            toks.append(_Tok("REGEX", pattern, i))
            i = i2
        else:
            j = i
            while j < n and query[j] not in _STOP:
                j += 1
            toks.append(_word(query[i:j], i))
            i = j
    toks.append(_Tok("END", "", n))
    return toks


class _Parser:
    """Recursive descent: or := and (OR and)*; and := unary (AND unary)*;
    unary := NOT unary | near; near := atom (NEAR/n atom)*; atom := phrase | regex | ( or )."""

    def __init__(self, toks: list[_Tok]) -> None:
        self.toks, self.i, self.depth = toks, 0, 0

    def _peek(self) -> _Tok:
        return self.toks[self.i]

    def _next(self) -> _Tok:
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        node = self._or()
        tok = self._peek()
        if tok.kind == ")":
            raise QueryError("unexpected ')'", tok.pos)
        if tok.kind != "END":
            raise QueryError(f"missing operator before {tok.text} (write AND NOT)"
                             if tok.kind == "NOT" else
                             f"missing operator between {self._shown(self.i - 1)} and "
                             f"{self._shown(self.i)} (use AND, OR or NEAR/n)", tok.pos)
        return node

    def _shown(self, i: int) -> str:
        tok = self.toks[i]
        return {"PHRASE": f'"{tok.text}"', "REGEX": f"/{tok.text}/"}.get(tok.kind, repr(tok.text))

    def _or(self) -> Node:
        items = [self._and()]
        while self._peek().kind == "OR":
            self._next()
            items.append(self._and(after="OR"))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def _and(self, after: str = "") -> Node:
        items = [self._unary(after)]
        while self._peek().kind == "AND":
            self._next()
            items.append(self._unary("AND"))
        return items[0] if len(items) == 1 else And(tuple(items))

    def _unary(self, after: str = "") -> Node:
        if self._peek().kind == "NOT":
            tok = self._next()
            return Not(self._nested(tok.pos, lambda: self._unary("NOT")))
        return self._near(after)

    def _near(self, after: str) -> Node:
        node = self._atom(after)
        while self._peek().kind == "NEAR":
            tok = self._next()
            if self._peek().kind == "NOT":
                raise QueryError("NOT cannot be used inside NEAR", self._peek().pos)
            right = self._atom(tok.text)
            if _has_not(node) or _has_not(right):
                raise QueryError("NOT cannot be used inside NEAR", tok.pos)
            node = Near(node, right, tok.distance)
        return node

    def _atom(self, after: str) -> Node:
        tok = self._peek()
        if tok.kind == "(":
            self._next()
            node = self._nested(tok.pos, self._or)
            if self._peek().kind != ")":
                raise QueryError("missing ')'", self._peek().pos)
            self._next()
            return node
        if tok.kind == "REGEX":
            self._next()
            return Regex(tok.text)
        if tok.kind == "PHRASE":
            self._next()
            return Phrase(tuple(tok.text.split()), exact=True)
        if tok.kind == "WORD":
            words = []
            while self._peek().kind == "WORD":
                words.append(self._next())
            return _phrase(words)
        where = f" after {after}" if after else f" but found {tok.text or 'the end'}"
        raise QueryError(f"expected a word, phrase, regex or '('{where}", tok.pos)

    def _nested(self, pos: int, parse: Any) -> Node:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError("query nested too deeply", pos)
        try:
            node: Node = parse()
        finally:
            self.depth -= 1
        return node


def _has_not(node: Node) -> bool:
    if isinstance(node, Not):
        return True
    if isinstance(node, (And, Or)):
        return any(_has_not(i) for i in node.items)
    if isinstance(node, Near):
        return _has_not(node.left) or _has_not(node.right)
    return False


def _phrase(toks: list[_Tok]) -> Phrase:
    words = [t.text for t in toks]
    prefix = words[-1].endswith("*")
    if prefix:
        stem = words[-1].rstrip("*")
        if sum(c.isalnum() for c in stem) < 3:
            raise QueryError("a prefix needs at least 3 letters before '*'", toks[-1].pos)
        words[-1] = stem
    return Phrase(tuple(words), prefix=prefix)


@lru_cache(maxsize=2048)
def parse_query(query: str) -> Node:
    """The tree of a query string; QueryError when it is not valid."""
    if len(query) > MAX_QUERY:
        raise QueryError(f"query longer than {MAX_QUERY} characters", MAX_QUERY)
    if not query.strip():
        raise QueryError("empty query", 0)
    return _Parser(tokenize(query)).parse()
